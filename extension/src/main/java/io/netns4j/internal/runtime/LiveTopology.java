package io.netns4j.internal.runtime;

import io.netns4j.NetNs;
import io.netns4j.Cut;
import io.netns4j.Topology;
import io.netns4j.internal.model.Grudge;
import io.netns4j.internal.model.Plan;
import io.netns4j.internal.model.Plan.NamespacePlan;
import io.netns4j.internal.netlink.LinkMessage;
import io.netns4j.internal.netlink.LinkRequests;
import io.netns4j.internal.netlink.Message;
import io.netns4j.internal.netlink.Nl;
import io.netns4j.internal.sys.Sys;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/** A built topology: its namespaces, and the teardown that leaves nothing behind. */
final class LiveTopology implements Topology {

    private static final System.Logger LOG = System.getLogger("io.netns4j");

    private final Plan plan;
    private final Map<String, Namespace> namespaces;
    private final List<NetNs> userNamespaces;
    private final Partitions partitions;
    private final Impairments impairments;
    private boolean closed;

    LiveTopology(Plan plan, Map<String, Namespace> namespaces) {
        this.plan = plan;
        this.namespaces = namespaces;
        this.partitions = new Partitions(namespaces);
        this.impairments = new Impairments(plan, namespaces);
        namespaces.values().forEach(n -> n.attach(this));
        Set<String> hidden = plan.namespaces().stream().filter(NamespacePlan::hidden).map(NamespacePlan::name)
                .collect(Collectors.toSet());
        this.userNamespaces = namespaces.values().stream().filter(n -> !hidden.contains(n.name())).map(n -> (NetNs) n)
                .toList();
    }

    @Override
    public NetNs ns(String name) {
        Namespace ns = namespaces.get(name);
        if (ns == null || !userNamespaces.contains(ns)) {
            throw new IllegalArgumentException("No namespace \"" + name + "\" in this topology (it has "
                    + userNamespaces.stream().map(NetNs::name).toList() + ")");
        }
        return ns;
    }

    @Override
    public List<NetNs> namespaces() {
        return userNamespaces;
    }

    Impairments impairments() {
        return impairments;
    }

    /** Every namespace of the topology, hidden ones (of bridges) included, in order of creation. */
    Map<String, Namespace> allNamespaces() {
        return Collections.unmodifiableMap(namespaces);
    }

    Plan plan() {
        return plan;
    }

    // ---- partitions

    private List<String> names() {
        return userNamespaces.stream().map(NetNs::name).toList();
    }

    private Cut cut(java.util.function.Supplier<Grudge> grudge, Cut.Mode mode) {
        java.util.Objects.requireNonNull(mode, "mode");
        checkOpen();
        return partitions.add(grudge.get(), mode);
    }

    @Override
    public Cut partition(Set<String> group1, Set<String> group2) {
        return partition(List.of(group1, group2), Cut.Mode.DROP);
    }

    @Override
    public Cut partition(List<? extends Set<String>> groups, Cut.Mode mode) {
        return cut(() -> Grudge.partition(groups, names()), mode);
    }

    @Override
    public Cut isolate(String ns) {
        return isolate(ns, Cut.Mode.DROP);
    }

    @Override
    public Cut isolate(String ns, Cut.Mode mode) {
        return cut(() -> Grudge.isolate(ns, names()), mode);
    }

    @Override
    public Cut drop(String from, String to) {
        return drop(from, to, Cut.Mode.DROP);
    }

    @Override
    public Cut drop(String from, String to, Cut.Mode mode) {
        return cut(() -> Grudge.drop(from, to, names()), mode);
    }

    @Override
    public Cut partitionHalves(List<String> nodes) {
        return cut(() -> Grudge.halves(nodes, names()), Cut.Mode.DROP);
    }

    @Override
    public Cut bridge(List<String> nodes) {
        return cut(() -> Grudge.bridge(nodes, names()), Cut.Mode.DROP);
    }

    @Override
    public Cut majoritiesRing(List<String> nodes) {
        return cut(() -> Grudge.majoritiesRing(nodes, names()), Cut.Mode.DROP);
    }

    @Override
    public void heal() {
        checkOpen();
        partitions.heal();
    }

    @Override
    public List<Cut> cuts() {
        return partitions.cuts();
    }

    private synchronized void checkOpen() {
        if (closed) {
            throw new IllegalStateException("The topology " + plan.subject() + " was torn down");
        }
    }

    /** Every capture opened in the topology's namespaces, in order of namespaces. */
    List<io.netns4j.Capture> captures() {
        List<io.netns4j.Capture> out = new ArrayList<>();
        namespaces.values().forEach(n -> out.addAll(n.captures()));
        return out;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        partitions.forget();
        impairments.forget();
        List<Throwable> failures = new ArrayList<>();
        List<Namespace> all = new ArrayList<>(namespaces.values());
        Collections.reverse(all);
        release(all, failures);
        if (!failures.isEmpty()) {
            IllegalStateException e = new IllegalStateException("Tearing down the topology " + plan.subject() + " had "
                    + failures.size() + " failure(s); the first: " + failures.get(0).getMessage(), failures.get(0));
            failures.subList(1, failures.size()).forEach(e::addSuppressed);
            throw e;
        }
    }

    /**
     * Ends everything living in the namespaces and releases them: processes first (every process of the host whose
     * network namespace is one of these, so daemons that detached are found too), then sockets and tasks, then the
     * descriptors.
     */
    static void release(List<Namespace> namespaces, List<Throwable> failures) {
        if (namespaces.isEmpty()) {
            return;
        }
        try {
            killProcesses(namespaces);
        } catch (RuntimeException e) {
            failures.add(e);
        }
        for (Namespace ns : namespaces) {
            ns.stopWork(failures);
        }
        try {
            emptyNamespacesStillPinned(namespaces);
        } catch (RuntimeException e) {
            failures.add(e);
        }
        for (Namespace ns : namespaces) {
            ns.release(failures);
        }
    }

    private static void killProcesses(List<Namespace> namespaces) {
        for (Namespace ns : namespaces) {
            for (SpawnedProcess p : ns.processes()) {
                if (p.isAlive()) {
                    Sys.kill(-p.pid(), Sys.SIGKILL);
                    Sys.kill(p.pid(), Sys.SIGKILL);
                }
            }
        }
        Map<String, Namespace> byInode = new HashMap<>();
        namespaces.stream().filter(Namespace::mayHaveProcesses).forEach(n -> byInode.put(n.inode(), n));
        if (byInode.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        List<Integer> living;
        while (!(living = processesIn(byInode.keySet())).isEmpty()) {
            for (int pid : living) {
                Sys.kill(pid, Sys.SIGKILL);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "Processes " + living + " still live in the topology's namespaces 5 s after SIGKILL");
            }
            LockSupport.parkNanos(2_000_000);
        }
        for (Namespace ns : namespaces) {
            for (SpawnedProcess p : ns.processes()) {
                p.kill();
            }
        }
    }

    /**
     * Every process of the host (other than this JVM) whose network namespace is one of {@code inodes}; zombies
     * excluded.
     */
    static List<Integer> processesIn(Set<String> inodes) {
        List<Integer> out = new ArrayList<>();
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"),
                p -> isNumber(p.getFileName().toString()))) {
            for (Path p : proc) {
                int pid = Integer.parseInt(p.getFileName().toString());
                if (pid == self) {
                    continue;
                }
                try {
                    String ns = Files.readSymbolicLink(p.resolve("ns/net")).toString();
                    if (inodes.contains(ns) && !isZombie(p)) {
                        out.add(pid);
                    }
                } catch (IOException | RuntimeException e) {
                    // the process ended while we looked, or is a kernel thread
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list /proc to find processes in the topology's namespaces", e);
        }
        return out;
    }

    private static boolean isZombie(Path proc) throws IOException {
        String stat = Files.readString(proc.resolve("stat"));
        int close = stat.lastIndexOf(')');
        return close > 0 && close + 2 < stat.length() && stat.charAt(close + 2) == 'Z';
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }

    /**
     * A thread of this JVM that user code started inside a namespace keeps that namespace alive as long as it runs, and
     * the library cannot move another thread. Such a namespace is emptied instead (every link deleted, which also
     * removes the veth peers in other namespaces), so that nothing of it stays reachable, and the threads are named in
     * a warning.
     */
    private static void emptyNamespacesStillPinned(List<Namespace> namespaces) {
        // Only user code can have started such a thread (library work leaves a namespace before it returns).
        if (namespaces.stream().noneMatch(Namespace::mayHaveProcesses)) {
            return;
        }
        Map<String, List<String>> threadsByInode = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    String ns = Files.readSymbolicLink(task.resolve("ns/net")).toString();
                    String comm = Files.readString(task.resolve("comm")).trim();
                    threadsByInode.computeIfAbsent(ns, k -> new ArrayList<>())
                            .add(comm + " (tid " + task.getFileName() + ")");
                } catch (IOException e) {
                    // the thread ended while we looked
                }
            }
        } catch (IOException e) {
            return;
        }
        for (Namespace ns : namespaces) {
            List<String> threads = threadsByInode.get(ns.inode());
            if (threads == null) {
                continue;
            }
            for (Message m : ns.rtnl().dump(LinkRequests.dump())) {
                if (m.type() != Nl.RTM_NEWLINK) {
                    continue;
                }
                LinkMessage l = LinkMessage.decode(m);
                if ((l.flags() & Nl.IFF_LOOPBACK) == 0) {
                    try {
                        ns.rtnl().ack(LinkRequests.delete(l.index(), l.name()));
                    } catch (RuntimeException e) {
                        // a veth whose peer went first is already gone
                    }
                }
            }
            LOG.log(System.Logger.Level.WARNING,
                    "Namespace {0} is still entered by thread(s) {1} started from inside it;"
                            + " its links were deleted, and the kernel frees it when those threads end",
                    ns.name(), threads);
        }
    }

    @Override
    public String toString() {
        return "Topology" + userNamespaces;
    }
}
