package io.netns4j.bench;

import io.netns4j.Topology;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A benchmark, not a test (it has a {@code main} and no JUnit annotation): how long it takes to build, and to tear
 * down, the topology of two network namespaces joined by a veth pair with an IPv4 address on each end and both ends
 * operationally UP, with netns4j and with {@code ip} (iproute2), side by side in one run. The variants are interleaved
 * (A, B, B-sh, B3, C, T, A, B, ...) so that they share the machine's noise.
 *
 * <ul>
 * <li><b>A</b> netns4j: {@code Topology.builder().namespace("client").namespace("server").veth(...).build()}, timed
 * from the call until {@code build()} returns (it returns once both ends are operationally UP); then {@code close()},
 * timed separately.</li>
 * <li><b>B</b> {@code ip} as its users write it: {@code ip netns add} twice (named namespaces), then one
 * {@code ip -n NS -batch -} per namespace (a batch line cannot take {@code -n}, so the addresses and links of two
 * namespaces cannot be set from one batch), then a poll of {@code ip -n NS -o link show eth0} until both ends say
 * {@code state UP}. Its parts are reported separately: the {@code netns add} processes, the batches alone, the batches
 * with the wait. Teardown: {@code ip netns del} twice.</li>
 * <li><b>B-sh</b> B again, with the same commands, run by one {@code bash} that times itself with
 * {@code $EPOCHREALTIME}: what a shell script pays (bash's fork+exec per {@code ip}) instead of this JVM's process
 * launch.</li>
 * <li><b>B3</b> the fewest {@code ip} processes: one root {@code ip -batch -} doing {@code netns add} twice and the
 * {@code link add}, then the two per-namespace batches, then the same wait. Teardown: one {@code ip -batch -} with two
 * {@code netns del}.</li>
 * <li><b>C</b> the naive shell script: 9 separate {@code ip} processes, then the same wait (off with
 * {@code --no-naive}).</li>
 * <li><b>T</b> calibration: one {@code /bin/true} started and waited for from this JVM, the fixed cost of each process
 * in B, B3 and C (and, from bash, in B-sh).</li>
 * </ul>
 *
 * <p>
 * Everything lives in namespaces this program creates; named ones are called {@code bench-c-PID-N} and
 * {@code bench-s-PID-N} and are deleted after each iteration, in a {@code finally}, and by a shutdown hook. Run it as
 * root with the test classpath: {@code ci/bench [iterations] [--warmup N] [--no-naive] [--profile]}. {@code --profile}
 * then also runs {@link BuildProfile}, which times the phases of a netns4j build.
 */
public final class BuildBench {

    private static final String PID = Long.toString(ProcessHandle.current().pid());
    private static final long WAIT_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** Named namespaces created (or about to be) and not yet deleted. */
    private static final Set<String> LIVE = ConcurrentHashMap.newKeySet();

    private static int counter;

    /** Held by the main thread during each variant's iteration; see {@link #step(Runnable)}. */
    private static final ReentrantLock STEP = new ReentrantLock();
    private static volatile boolean stopping;

    /** One measured quantity: a label and its samples (nanoseconds, or a plain count). */
    private static final class Metric {
        final String label;
        final boolean count;
        long[] values = new long[16];
        int size;

        Metric(String label, boolean count) {
            this.label = label;
            this.count = count;
        }

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        long[] sorted() {
            long[] s = Arrays.copyOf(values, size);
            Arrays.sort(s);
            return s;
        }

        /** Nearest-rank percentile. */
        long percentile(double q) {
            long[] s = sorted();
            int rank = (int) Math.ceil(q * s.length);
            return s[Math.max(0, Math.min(s.length - 1, rank - 1))];
        }

        long min() {
            return sorted()[0];
        }
    }

    private final Map<String, Metric> metrics = new LinkedHashMap<>();
    private boolean recording;

    private BuildBench() {
    }

    private void record(String key, String label, long value) {
        record(key, label, value, false);
    }

    private void record(String key, String label, long value, boolean count) {
        if (recording) {
            metrics.computeIfAbsent(key, k -> new Metric(label, count)).add(value);
        }
    }

    public static void main(String[] args) throws Exception {
        int warmup = 20;
        int iterations = 200;
        boolean naive = true;
        boolean profile = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
            case "--warmup", "-w" -> warmup = Integer.parseInt(args[++i]);
            case "--iterations", "-n" -> iterations = Integer.parseInt(args[++i]);
            case "--no-naive" -> naive = false;
            case "--profile" -> profile = true;
            case "--help", "-h" -> {
                System.out.println("usage: BuildBench [iterations] [--warmup N] [--no-naive] [--profile]");
                return;
            }
            default -> {
                if (args[i].matches("\\d+")) {
                    iterations = Integer.parseInt(args[i]);
                } else {
                    throw new IllegalArgumentException("unknown argument " + args[i] + " (try --help)");
                }
            }
            }
        }
        if (iterations < 1 || warmup < 0) {
            throw new IllegalArgumentException("iterations must be >= 1 and warm-up >= 0");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(BuildBench::onShutdown, "bench-cleanup"));
        try {
            new BuildBench().run(warmup, iterations, naive);
            if (profile) {
                System.out.println();
                BuildProfile.main(new String[] { Integer.toString(warmup), Integer.toString(iterations) });
            }
        } finally {
            deleteLeftovers();
        }
    }

    private void run(int warmup, int iterations, boolean naive) {
        printEnvironment(warmup, iterations);
        recording = false;
        for (int i = 0; i < warmup; i++) {
            round(naive);
        }
        recording = true;
        for (int i = 0; i < iterations; i++) {
            round(naive);
        }
        printTable(naive);
    }

    /** One iteration of every variant, in a fixed order. */
    private void round(boolean naive) {
        step(this::netns4j);
        step(this::ipNamedThenBatches);
        step(this::ipFewestProcesses);
        step(this::ipFromShell);
        if (naive) {
            step(this::ipNaive);
        }
        step(() -> {
            long t0 = System.nanoTime();
            exec(null, "/bin/true");
            record("T", "one process (/bin/true) started and waited for", System.nanoTime() - t0);
        });
    }

    /**
     * Runs one variant's iteration under {@link #STEP}, so that the shutdown hook waits for it (and its child
     * processes) to finish and delete its namespaces, and no new one starts after the hook began.
     */
    private static void step(Runnable variant) {
        STEP.lock();
        try {
            if (stopping) {
                throw new IllegalStateException("the JVM is shutting down");
            }
            variant.run();
        } finally {
            STEP.unlock();
        }
    }

    /** The shutdown hook: stops new iterations, waits for the running one, deletes what is left. */
    private static void onShutdown() {
        stopping = true;
        boolean locked = false;
        try {
            locked = STEP.tryLock(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            deleteLeftovers();
        } finally {
            if (locked) {
                STEP.unlock();
            }
        }
    }

    // ---- A: netns4j

    private void netns4j() {
        long t0 = System.nanoTime();
        Topology net = Topology.builder().namespace("client").namespace("server")
                .veth("client", "10.0.0.1/24", "server", "10.0.0.2/24").build();
        long t1 = System.nanoTime();
        long t2 = System.nanoTime();
        net.close();
        long t3 = System.nanoTime();
        record("A", "netns4j: Topology.builder()...build()", t1 - t0);
        record("A.del", "netns4j: Topology.close()", t3 - t2);
    }

    // ---- B: ip netns add x2, then one batch per namespace, then wait

    private void ipNamedThenBatches() {
        int n = ++counter;
        String c = "bench-c-" + PID + "-" + n;
        String s = "bench-s-" + PID + "-" + n;
        LIVE.add(c);
        LIVE.add(s);
        boolean built = false;
        try {
            long t0 = System.nanoTime();
            ip(null, "netns", "add", c);
            ip(null, "netns", "add", s);
            long t1 = System.nanoTime();
            ip("link add eth0 type veth peer name eth0 netns " + s + "\n" //
                    + "addr add 10.0.0.1/24 dev eth0\n" //
                    + "link set eth0 up\n" //
                    + "link set lo up\n", "-n", c, "-batch", "-");
            ip("addr add 10.0.0.2/24 dev eth0\n" //
                    + "link set eth0 up\n" //
                    + "link set lo up\n", "-n", s, "-batch", "-");
            long t2 = System.nanoTime();
            int polls = awaitUp(c, s);
            long t3 = System.nanoTime();
            built = true;
            record("B", "ip: netns add x2 + 2 batches + wait UP", t3 - t0);
            record("B.add", "  of which ip netns add x2", t1 - t0);
            record("B.batch", "  of which the 2 batches alone", t2 - t1);
            record("B.batchwait", "  of which the 2 batches + wait UP", t3 - t1);
            record("B.wait", "  of which wait UP", t3 - t2);
            record("B.polls", "  ip ... link show processes in the wait", polls, true);
        } finally {
            if (built) {
                long t4 = System.nanoTime();
                ip(null, "netns", "del", c);
                LIVE.remove(c);
                ip(null, "netns", "del", s);
                LIVE.remove(s);
                record("B.del", "ip: ip netns del x2", System.nanoTime() - t4);
            } else {
                deleteQuietly(c, s);
            }
        }
    }

    // ---- B3: the fewest processes ip can do it in

    private void ipFewestProcesses() {
        int n = ++counter;
        String c = "bench-c-" + PID + "-" + n;
        String s = "bench-s-" + PID + "-" + n;
        LIVE.add(c);
        LIVE.add(s);
        boolean built = false;
        try {
            long t0 = System.nanoTime();
            ip("netns add " + c + "\n" //
                    + "netns add " + s + "\n" //
                    + "link add eth0 netns " + c + " type veth peer name eth0 netns " + s + "\n", "-batch", "-");
            ip("addr add 10.0.0.1/24 dev eth0\n" //
                    + "link set eth0 up\n" //
                    + "link set lo up\n", "-n", c, "-batch", "-");
            ip("addr add 10.0.0.2/24 dev eth0\n" //
                    + "link set eth0 up\n" //
                    + "link set lo up\n", "-n", s, "-batch", "-");
            long t1 = System.nanoTime();
            int polls = awaitUp(c, s);
            long t2 = System.nanoTime();
            built = true;
            record("B3", "ip: 3 batches (netns add in the 1st) + wait UP", t2 - t0);
            record("B3.batch", "  of which the 3 batches alone", t1 - t0);
            record("B3.polls", "  ip ... link show processes in the wait", polls, true);
        } finally {
            if (built) {
                long t3 = System.nanoTime();
                ip("netns del " + c + "\nnetns del " + s + "\n", "-batch", "-");
                LIVE.remove(c);
                LIVE.remove(s);
                record("B3.del", "ip: one batch of netns del x2", System.nanoTime() - t3);
            } else {
                deleteQuietly(c, s);
            }
        }
    }

    // ---- B-sh: B driven by one bash, timed inside it

    /**
     * B as a shell script runs it: one {@code bash} does what B does (the same commands, the wait as a loop over
     * {@code $(ip ... link show eth0)}) and the teardown, reading {@code $EPOCHREALTIME} between the steps, so that the
     * figures hold the cost of bash's fork+exec of each {@code ip} instead of this JVM's, and not bash's own start-up.
     * It then times one {@code /bin/true} from bash, as T does from Java.
     */
    private static final String SHELL_B = """
            set -euo pipefail
            c=$1 s=$2
            up() { [[ "$(ip -n "$1" -o link show eth0)" == *" state UP "* ]]; }
            t0=$EPOCHREALTIME
            ip netns add "$c"
            ip netns add "$s"
            t1=$EPOCHREALTIME
            ip -n "$c" -batch - <<EOF
            link add eth0 type veth peer name eth0 netns $s
            addr add 10.0.0.1/24 dev eth0
            link set eth0 up
            link set lo up
            EOF
            ip -n "$s" -batch - <<EOF
            addr add 10.0.0.2/24 dev eth0
            link set eth0 up
            link set lo up
            EOF
            t2=$EPOCHREALTIME
            polls=0
            for ns in "$c" "$s"; do
                until polls=$((polls + 1)); up "$ns"; do
                    if ((polls > 10000)); then echo "eth0 not UP in $ns" >&2; exit 1; fi
                done
            done
            t3=$EPOCHREALTIME
            ip netns del "$c"
            ip netns del "$s"
            t4=$EPOCHREALTIME
            /bin/true
            t5=$EPOCHREALTIME
            echo "times $t0 $t1 $t2 $t3 $t4 $t5 $polls"
            """;

    private void ipFromShell() {
        int n = ++counter;
        String c = "bench-c-" + PID + "-" + n;
        String s = "bench-s-" + PID + "-" + n;
        LIVE.add(c);
        LIVE.add(s);
        String out;
        try {
            out = exec(null, "env", "LC_ALL=C", "bash", "-c", SHELL_B, "bench-sh", c, s);
        } catch (RuntimeException e) {
            deleteQuietly(c, s);
            throw e;
        }
        LIVE.remove(c);
        LIVE.remove(s);
        String line = out.lines().filter(l -> l.startsWith("times ")).reduce((x, y) -> y)
                .orElseThrow(() -> new IllegalStateException("bash printed no times: " + out));
        String[] f = line.split(" ");
        long[] t = new long[6];
        for (int i = 0; i < 6; i++) {
            t[i] = micros(f[i + 1]) * 1000;
        }
        record("S", "ip: as B, driven by bash, timed inside bash", t[3] - t[0]);
        record("S.add", "  of which ip netns add x2", t[1] - t[0]);
        record("S.batchwait", "  of which the 2 batches + wait UP", t[3] - t[1]);
        record("S.polls", "  ip ... link show processes in the wait", Long.parseLong(f[7]), true);
        record("S.del", "ip: ip netns del x2, from bash", t[4] - t[3]);
        record("T.sh", "one process (/bin/true) from bash", t[5] - t[4]);
    }

    /** {@code $EPOCHREALTIME} ("seconds.micros", C locale) in microseconds. */
    private static long micros(String epochRealtime) {
        int dot = epochRealtime.indexOf('.');
        String frac = (epochRealtime.substring(dot + 1) + "000000").substring(0, 6);
        return Long.parseLong(epochRealtime.substring(0, dot)) * 1_000_000 + Long.parseLong(frac);
    }

    // ---- C: the naive script, 9 ip processes

    private void ipNaive() {
        int n = ++counter;
        String c = "bench-c-" + PID + "-" + n;
        String s = "bench-s-" + PID + "-" + n;
        LIVE.add(c);
        LIVE.add(s);
        boolean built = false;
        try {
            long t0 = System.nanoTime();
            ip(null, "netns", "add", c);
            ip(null, "netns", "add", s);
            ip(null, "link", "add", "eth0", "netns", c, "type", "veth", "peer", "name", "eth0", "netns", s);
            ip(null, "-n", c, "addr", "add", "10.0.0.1/24", "dev", "eth0");
            ip(null, "-n", s, "addr", "add", "10.0.0.2/24", "dev", "eth0");
            ip(null, "-n", c, "link", "set", "eth0", "up");
            ip(null, "-n", s, "link", "set", "eth0", "up");
            ip(null, "-n", c, "link", "set", "lo", "up");
            ip(null, "-n", s, "link", "set", "lo", "up");
            long t1 = System.nanoTime();
            int polls = awaitUp(c, s);
            long t2 = System.nanoTime();
            built = true;
            record("C", "ip: 9 separate processes + wait UP", t2 - t0);
            record("C.cmds", "  of which the 9 processes alone", t1 - t0);
            record("C.polls", "  ip ... link show processes in the wait", polls, true);
        } finally {
            if (built) {
                long t3 = System.nanoTime();
                ip(null, "netns", "del", c);
                LIVE.remove(c);
                ip(null, "netns", "del", s);
                LIVE.remove(s);
                record("C.del", "ip: ip netns del x2", System.nanoTime() - t3);
            } else {
                deleteQuietly(c, s);
            }
        }
    }

    /**
     * Polls {@code ip -n NS -o link show eth0} in each namespace until its {@code eth0} says {@code state UP}; returns
     * the number of {@code ip} processes it took.
     */
    private static int awaitUp(String... namespaces) {
        Set<String> pending = new LinkedHashSet<>(List.of(namespaces));
        long deadline = System.nanoTime() + WAIT_TIMEOUT_NANOS;
        int polls = 0;
        while (true) {
            for (var it = pending.iterator(); it.hasNext();) {
                String ns = it.next();
                String out = ip(null, "-n", ns, "-o", "link", "show", "eth0");
                polls++;
                if (out.contains(" state UP ")) {
                    it.remove();
                }
            }
            if (pending.isEmpty()) {
                return polls;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("eth0 not operationally UP in " + pending + " after 10 s");
            }
        }
    }

    // ---- processes

    private static String ip(String stdin, String... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "ip";
        System.arraycopy(args, 0, cmd, 1, args.length);
        return exec(stdin, cmd);
    }

    /** Runs {@code cmd}, feeding it {@code stdin} if not null; returns its output, or throws if it fails. */
    private static String exec(String stdin, String... cmd) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            if (stdin == null) {
                pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            }
            Process p = pb.start();
            if (stdin != null) {
                try (OutputStream in = p.getOutputStream()) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            String out;
            try (InputStream o = p.getInputStream()) {
                out = new String(o.readAllBytes(), StandardCharsets.UTF_8);
            }
            int rc = p.waitFor();
            if (rc != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " exited with " + rc + ": " + out.trim()
                        + (stdin == null ? "" : "\nstdin:\n" + stdin));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("Running " + String.join(" ", cmd) + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + String.join(" ", cmd), e);
        }
    }

    /** Deletes named namespaces of this run if they exist, ignoring failures. */
    private static void deleteQuietly(String... names) {
        for (String name : names) {
            if (Files.exists(Path.of("/run/netns", name))) {
                try {
                    exec(null, "ip", "netns", "del", name);
                } catch (RuntimeException e) {
                    System.err.println("BuildBench: could not delete namespace " + name + ": " + e.getMessage());
                }
            }
            LIVE.remove(name);
        }
    }

    private static void deleteLeftovers() {
        List<String> left = new ArrayList<>(LIVE);
        if (!left.isEmpty()) {
            deleteQuietly(left.toArray(String[]::new));
        }
    }

    // ---- output

    private static void printEnvironment(int warmup, int iterations) {
        var rt = ManagementFactory.getRuntimeMXBean();
        System.out.printf("netns4j BuildBench: 2 namespaces + 1 veth pair, an IPv4 address on each end,"
                + " lo and both ends up, both ends operationally UP%n");
        System.out.printf("JVM:    %s %s (%s), java.version %s, launch mechanism %s%n", rt.getVmName(),
                System.getProperty("java.runtime.version"), System.getProperty("java.vendor"),
                System.getProperty("java.version"),
                System.getProperty("jdk.lang.Process.launchMechanism", "default (POSIX_SPAWN)"));
        System.out.printf("Kernel: %s %s (%s), %d CPUs%n", System.getProperty("os.name"),
                readOrUnknown("/proc/sys/kernel/osrelease"), readOrUnknown("/proc/sys/kernel/version"),
                Runtime.getRuntime().availableProcessors());
        String ipVersion;
        try {
            ipVersion = exec(null, "ip", "-V").trim();
        } catch (RuntimeException e) {
            ipVersion = "unknown (" + e.getMessage() + ")";
        }
        System.out.printf("ip:     %s%n", ipVersion);
        System.out.printf("Runs:   %d warm-up + %d measured iterations per variant, interleaved"
                + " (A, B, B-sh, B3, C, T, A, B, ...); times in ms%n", warmup, iterations);
    }

    private static String readOrUnknown(String path) {
        try {
            return Files.readString(Path.of(path)).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private void printTable(boolean naive) {
        String fmt = "%-5s %-52s %8s %8s %8s %10s%n";
        System.out.println();
        System.out.printf(fmt, "", "build: from the first call until both ends are UP", "median", "p90", "min",
                "median/A");
        row(fmt, "A", "A");
        row(fmt, "B", "A");
        row(fmt, "B.add", "A");
        row(fmt, "B.batch", "A");
        row(fmt, "B.batchwait", "A");
        row(fmt, "B.wait", "A");
        row(fmt, "B.polls", null);
        row(fmt, "S", "A");
        row(fmt, "S.add", "A");
        row(fmt, "S.batchwait", "A");
        row(fmt, "S.polls", null);
        row(fmt, "B3", "A");
        row(fmt, "B3.batch", "A");
        row(fmt, "B3.polls", null);
        if (naive) {
            row(fmt, "C", "A");
            row(fmt, "C.cmds", "A");
            row(fmt, "C.polls", null);
        }
        System.out.println();
        System.out.printf(fmt, "", "teardown: until the call returns (kernel frees later)", "median", "p90", "min",
                "median/A");
        row(fmt, "A.del", "A.del");
        row(fmt, "B.del", "A.del");
        row(fmt, "S.del", "A.del");
        row(fmt, "B3.del", "A.del");
        if (naive) {
            row(fmt, "C.del", "A.del");
        }
        System.out.println();
        System.out.printf(fmt, "", "calibration", "median", "p90", "min", "");
        row(fmt, "T", null);
        row(fmt, "T.sh", null);
        System.out.println();
        Metric a = metrics.get("A");
        Metric b = metrics.get("B");
        Metric bw = metrics.get("B.batchwait");
        Metric b3 = metrics.get("B3");
        System.out.printf(Locale.ROOT,
                "Ratios of medians to netns4j (A): ip-batch incl. netns add (B) %.1fx; the same from bash (B-sh)"
                        + " %.1fx; ip batches + wait alone (B) %.1fx; fewest ip processes (B3) %.1fx",
                ratio(b, a), ratio(metrics.get("S"), a), ratio(bw, a), ratio(b3, a));
        if (naive) {
            System.out.printf(Locale.ROOT, "; 9 ip processes (C) %.1fx", ratio(metrics.get("C"), a));
        }
        System.out.println();
        System.out.println("Notes: A's build includes validation, creating both anonymous namespaces (lo up and"
                + " ping_group_range set in each), the veth pair, addresses, links up and the wait for"
                + " operstate UP; B, B3 and C include starting every ip process from this JVM (see T), B-sh from bash"
                + " (see T from bash).");
    }

    private static double ratio(Metric x, Metric base) {
        return (double) x.percentile(0.5) / base.percentile(0.5);
    }

    private void row(String fmt, String key, String baseKey) {
        Metric m = metrics.get(key);
        if (m == null) {
            return;
        }
        String tag = m.label.startsWith(" ") ? "" : key.replace(".del", "").replace("S", "B-sh");
        String r = "";
        if (baseKey != null && !m.count) {
            r = String.format(Locale.ROOT, "%.2fx", ratio(m, metrics.get(baseKey)));
        }
        System.out.printf(fmt, tag, m.label, value(m, m.percentile(0.5)), value(m, m.percentile(0.9)),
                value(m, m.min()), r);
    }

    private static String value(Metric m, long v) {
        return m.count ? Long.toString(v) : String.format(Locale.ROOT, "%.2f", v / 1e6);
    }
}
