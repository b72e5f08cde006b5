package io.netns4j.bench;

import io.netns4j.Topology;
import io.netns4j.internal.netlink.AddressRequests;
import io.netns4j.internal.netlink.LinkMessage;
import io.netns4j.internal.netlink.LinkRequests;
import io.netns4j.internal.netlink.MessageWriter;
import io.netns4j.internal.netlink.Nl;
import io.netns4j.internal.runtime.RootNamespace;
import io.netns4j.internal.sys.Fd;
import io.netns4j.internal.sys.Sys;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where the time of a netns4j build goes: a {@code main} (not a test) that replays, phase by phase, what
 * {@code TopologyRuntime.build} does for the {@link BuildBench} topology (two namespaces, one veth pair, an address on
 * each end, operstate UP on both) and what {@code Topology.close()} does, timing each phase.
 *
 * <p>
 * The runtime's own building blocks are package-private, so they are reached by reflection; the sequence of calls is
 * copied from {@code TopologyRuntime.build} as of writing and must be kept in step with it by hand (a profile whose sum
 * strays far from {@link BuildBench}'s row A says it no longer is). Nothing here is a test and nothing measures the
 * library's public contract: it is a diagnostic. Run: {@code ci/bench --profile} or this class directly, as root, with
 * the test classpath: {@code BuildProfile [warmup] [iterations]}.
 */
public final class BuildProfile {

    private static final String RUNTIME = "io.netns4j.internal.runtime.";

    private final Method createFresh;
    private final Method adopt;
    private final Method rtnl;
    private final Method fd;
    private final Method index;
    private final Method linkMessage;
    private final Method inode;
    private final Method rtnlOpen;
    private final Method rtnlClose;
    private final Method ack;
    private final Method release;
    private final Method processesIn;

    private final Map<String, List<Long>> samples = new LinkedHashMap<>();
    private boolean recording;

    private BuildProfile() throws ReflectiveOperationException {
        Class<?> ns = Class.forName(RUNTIME + "Namespace");
        Class<?> client = Class.forName(RUNTIME + "RtnlClient");
        Class<?> live = Class.forName(RUNTIME + "LiveTopology");
        createFresh = open(ns.getDeclaredMethod("createFresh"));
        adopt = open(ns.getDeclaredMethod("adopt", Class.forName(RUNTIME + "Namespace$Fresh"), String.class,
                boolean.class, Duration.class));
        rtnl = open(ns.getDeclaredMethod("rtnl"));
        fd = open(ns.getDeclaredMethod("fd"));
        index = open(ns.getDeclaredMethod("index", String.class));
        linkMessage = open(ns.getDeclaredMethod("linkMessage", String.class));
        inode = open(ns.getDeclaredMethod("inode"));
        rtnlOpen = open(client.getDeclaredMethod("open", String.class));
        rtnlClose = open(client.getDeclaredMethod("close"));
        ack = open(client.getDeclaredMethod("ack", MessageWriter.class));
        release = open(live.getDeclaredMethod("release", List.class, List.class));
        processesIn = open(live.getDeclaredMethod("processesIn", Set.class));
    }

    private static Method open(Method m) {
        m.setAccessible(true);
        return m;
    }

    private Object call(Method m, Object target, Object... args) {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void main(String[] args) throws Exception {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        BuildProfile p;
        try {
            p = new BuildProfile();
        } catch (ReflectiveOperationException | LinkageError e) {
            System.out.println("BuildProfile: the runtime's internals changed (" + e
                    + "); update BuildProfile to follow TopologyRuntime.build");
            return;
        }
        RootNamespace.get();
        for (int i = 0; i < warmup; i++) {
            p.once();
        }
        p.recording = true;
        for (int i = 0; i < iterations; i++) {
            p.once();
        }
        p.print(iterations);
    }

    private void record(String label, long nanos) {
        if (recording) {
            samples.computeIfAbsent(label, k -> new ArrayList<>()).add(nanos);
        }
    }

    /** The real thing, for comparison; then one replay of build + close; then the isolated measurements. */
    private void once() throws Exception {
        long real0 = System.nanoTime();
        Topology real = Topology.builder().namespace("client").namespace("server")
                .veth("client", "10.0.0.1/24", "server", "10.0.0.2/24").build();
        long real1 = System.nanoTime();
        real.close();
        record("for comparison, interleaved: the real Topology...build()", real1 - real0);
        record("for comparison, interleaved: the real Topology.close()", System.nanoTime() - real1);

        Duration execTimeout = Duration.ofSeconds(30);
        Object[] made = new Object[2];
        RuntimeException[] failed = new RuntimeException[2];
        long[] inside = new long[2];
        String[] names = { "client", "server" };

        long t0 = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            final int k = i;
            threads.add(RootNamespace.get().startThread("bench-create-" + names[k], () -> {
                long s = System.nanoTime();
                try {
                    made[k] = call(adopt, null, call(createFresh, null), names[k], false, execTimeout);
                } catch (RuntimeException e) {
                    failed[k] = e;
                }
                inside[k] = System.nanoTime() - s;
                // Unlike TopologyRuntime today: leave the namespace before ending, else the release below may find
                // this thread still listed in /proc/self/task (Thread.join returns before the OS thread is gone)
                // and take the "pinned namespace" path, which is a bug of the runtime, not a phase to profile.
                RootNamespace.get().enter();
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        long t1 = System.nanoTime();
        List<Object> namespaces = new ArrayList<>();
        for (Object n : made) {
            if (n != null) {
                namespaces.add(n);
            }
        }
        try {
            for (RuntimeException e : failed) {
                if (e != null) {
                    throw e;
                }
            }
            Object a = made[0];
            Object b = made[1];
            Object ra = call(rtnl, a);
            Object rb = call(rtnl, b);
            int peerFd = ((Fd) call(fd, b)).get();
            call(ack, ra, LinkRequests.newVeth("eth0", "eth0", peerFd, 0, false, false, 0));
            long t2 = System.nanoTime();
            call(ack, ra, LinkRequests.setUp((int) call(index, a, "eth0"), "eth0", true));
            call(ack, rb, LinkRequests.setUp((int) call(index, b, "eth0"), "eth0", true));
            long t3 = System.nanoTime();
            call(ack, ra,
                    AddressRequests.add((int) call(index, a, "eth0"), "eth0", InetAddress.getByName("10.0.0.1"), 24));
            call(ack, rb,
                    AddressRequests.add((int) call(index, b, "eth0"), "eth0", InetAddress.getByName("10.0.0.2"), 24));
            long t4 = System.nanoTime();
            int polls = 0;
            for (Object n : made) {
                while (true) {
                    polls++;
                    LinkMessage l = (LinkMessage) call(linkMessage, n, "eth0");
                    if (l.operstate() == Nl.IF_OPER_UP) {
                        break;
                    }
                    if (System.nanoTime() - t4 > 5_000_000_000L) {
                        throw new IllegalStateException("eth0 not UP after 5 s");
                    }
                    java.util.concurrent.locks.LockSupport.parkNanos(20_000);
                }
            }
            long t5 = System.nanoTime();
            record("create 2 namespaces (2 threads in parallel, joined)", t1 - t0);
            record("  of which Namespace.createFresh+adopt, slower thread", Math.max(inside[0], inside[1]));
            record("veth pair (1 RTM_NEWLINK)", t2 - t1);
            record("both ends up (2 index lookups + 2 RTM_NEWLINK)", t3 - t2);
            record("addresses (2 index lookups + 2 RTM_NEWADDR)", t4 - t3);
            record("wait for operstate UP (RTM_GETLINK polls)", t5 - t4);
            record("#polls (RTM_GETLINK) until both UP", polls);
            record("build total (sum of the above)", t5 - t0);

            Set<String> inodes = Set.of((String) call(inode, a), (String) call(inode, b));
            long s0 = System.nanoTime();
            call(processesIn, null, inodes);
            record("teardown: one scan of /proc/*/ns/net (part of close)", System.nanoTime() - s0);
        } finally {
            List<Throwable> failures = new ArrayList<>();
            java.util.Collections.reverse(namespaces);
            long r0 = System.nanoTime();
            call(release, null, namespaces, failures);
            record("teardown: LiveTopology.release (= close)", System.nanoTime() - r0);
            if (!failures.isEmpty()) {
                throw new IllegalStateException("release failed: " + failures);
            }
        }
        isolated();
    }

    /** The pieces of a namespace creation, on throw-away threads, one at a time. */
    private void isolated() throws Exception {
        long t0 = System.nanoTime();
        Thread empty = RootNamespace.get().startThread("bench-empty", () -> {
        });
        empty.join();
        record("isolated: start + join of an empty library thread", System.nanoTime() - t0);

        long[] d = new long[5];
        Thread t = RootNamespace.get().startThread("bench-unshare", () -> {
            long s0 = System.nanoTime();
            Sys.unshareNetwork();
            long s1 = System.nanoTime();
            Fd nsFd = Sys.open("/proc/thread-self/ns/net", Sys.O_RDONLY);
            try {
                Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net"));
                long s2 = System.nanoTime();
                Object client = call(rtnlOpen, null, "bench");
                try {
                    long s3 = System.nanoTime();
                    call(ack, client, LinkRequests.setUp(1, "lo", true));
                    long s4 = System.nanoTime();
                    Files.writeString(Path.of("/proc/sys/net/ipv4/ping_group_range"), "0 2147483647");
                    long s5 = System.nanoTime();
                    d[0] = s1 - s0;
                    d[1] = s2 - s1;
                    d[2] = s3 - s2;
                    d[3] = s4 - s3;
                    d[4] = s5 - s4;
                } finally {
                    call(rtnlClose, client);
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } finally {
                nsFd.close();
            }
        });
        t.join();
        record("isolated: unshare(CLONE_NEWNET)", d[0]);
        record("isolated: open + readlink /proc/thread-self/ns/net", d[1]);
        record("isolated: rtnetlink socket + 2 setsockopt", d[2]);
        record("isolated: lo up (1 RTM_NEWLINK)", d[3]);
        record("isolated: write ping_group_range sysctl", d[4]);
    }

    private void print(int iterations) {
        System.out.printf("netns4j build profile: %d iterations of a phase-by-phase replay of TopologyRuntime.build"
                + " for the same topology (times in ms)%n", iterations);
        String fmt = "%-60s %8s %8s %8s%n";
        System.out.printf(fmt, "phase", "median", "p90", "min");
        for (var e : samples.entrySet()) {
            long[] s = e.getValue().stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(s);
            boolean count = e.getKey().startsWith("#");
            System.out.printf(fmt, e.getKey(), value(pct(s, 0.5), count), value(pct(s, 0.9), count),
                    value(s[0], count));
        }
    }

    private static long pct(long[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static String value(long v, boolean count) {
        return count ? Long.toString(v) : String.format(Locale.ROOT, "%.3f", v / 1e6);
    }
}
