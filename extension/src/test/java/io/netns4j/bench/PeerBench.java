package io.netns4j.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A benchmark, not a test: netns4j side by side with the tools people build network namespaces with, on the same
 * topologies, interleaved run by run (each round runs every tool once, each round starting one tool further on) so that
 * the machine's drift hits all of them alike.
 *
 * <p>
 * Tools: <b>netns4j</b> ({@code Topology.builder()...build()}) and <b>netns4j JUnit</b> (cases a and b declared with
 * annotations on test classes run through JUnit's {@code Launcher}: from the test's start to its body, and from the end
 * of its body to the test's end, with <b>JUnit, no topology</b>, the same test without annotations, as JUnit's own
 * share), each in two child JVMs ({@link Netns4jPeer}), one per pool mode ({@code -Dnetns4j.pool=on} and
 * {@code -Dnetns4j.pool=off}: the mode is fixed per JVM), that time each step themselves; <b>ip -batch</b> (iproute2
 * with the fewest processes: one root {@code ip -batch -} with every {@code netns add} and {@code link add}, then one
 * {@code ip -n NS -batch -} per namespace); <b>ip per command</b> (one {@code ip} process per command); both ip
 * variants then poll {@code ip -n NS -o link show eth0} until every eth0 says {@code state UP}, as netns4j's build
 * waits for operstate UP; <b>pyroute2</b> (ci/bench-peers/pyroute2_peer.py, one long-lived Python process that times
 * each build and teardown itself, so that the interpreter's start-up is not counted; it also waits for operstate UP);
 * <b>Mininet</b> (ci/bench-peers/mininet_peer.py, Linux bridge, no controller, timing {@code build()} + {@code start()}
 * and {@code stop()} itself; it does not wait for operstate UP). Mininet keeps its switches and the switch ends of its
 * links in the namespace it runs in, so it runs inside a private named namespace {@code bench-mininet-PID}, never the
 * host's.
 *
 * <p>
 * Cases: <b>a</b> two namespaces, one veth, addresses, both ends up; <b>b</b> four namespaces on one bridge that lives
 * in a fifth; <b>star N</b> N namespaces on one bridge in its own namespace; <b>first ping</b> from the end of a build
 * of a until the first echo reply ({@code NetNs.ping} with count 1 and a 1 s timeout, repeated; {@code ip netns
 * exec NS ping -c1 -W1}, repeated; Mininet's {@code h1.cmd("ping -c1 -W1 ...")}, repeated); <b>teardown</b> of a: until
 * the call returns, and until the kernel has freed the namespaces. The latter is witnessed by a veth pair the harness
 * adds before the teardown, untimed, between a namespace of the topology and a witness namespace {@code bench-w-PID}:
 * when the kernel frees a namespace it unregisters its devices, which deletes the witness end too; the harness polls
 * {@code ip -n bench-w-PID -o link show wK} until it is gone (one process per poll, a few ms of resolution). For
 * netns4j the pair is added by an {@code ip} run inside the namespace ({@code NetNs.exec}); through JUnit, by the
 * test's body, and the child JVM polls from the end of the body.
 *
 * <p>
 * Then, per pool mode, each in a child JVM of its own ({@link SuiteBench}): a JUnit suite of 500 tests with topology a
 * against the same suite without topology (per-test overhead, the first 100 tests against the last 100, and how many of
 * the suite's namespaces the kernel has not yet freed 5 s after the suite), and 1000 namespaces held open (the JVM's
 * resident set and thread count before, with them built, after user code ran in 10 of them, after teardown).
 *
 * <p>
 * Every named namespace is called {@code bench-<tool>-PID-N...} (or {@code bench-w-PID}, {@code bench-mininet-PID}) and
 * deleted after its iteration, in a {@code finally}, and by a shutdown hook; nothing else is touched. Run it with
 * {@code ci/bench [iterations] [--quick] [--warmup N] [--peers DIR] [--max-star N] [--suite-tests N] [--scale N]}.
 */
public final class PeerBench {

    private static final String PID = Long.toString(ProcessHandle.current().pid());
    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(20);
    private static final String PYTHON = "/usr/bin/python3";
    /** The system property and JUnit configuration parameter that switches netns4j's pool of namespaces. */
    static final String POOL_PROPERTY = "netns4j.pool";
    private static final List<String> POOL_MODES = List.of("on", "off");
    private static final String ON = "netns4j pool=on";
    private static final String OFF = "netns4j pool=off";
    private static final String JUNIT_ON = "netns4j JUnit pool=on";
    private static final String JUNIT_OFF = "netns4j JUnit pool=off";
    private static final String CONTROL = "JUnit, no topology";
    private static final List<String> TOOLS = List.of(ON, OFF, JUNIT_ON, JUNIT_OFF, CONTROL, "ip -batch",
            "ip per command", "pyroute2", "Mininet");

    /** Named namespaces created (or about to be) and not yet deleted. */
    private static final Set<String> LIVE = ConcurrentHashMap.newKeySet();
    private static final String WITNESS = "bench-w-" + PID;
    private static final String MININET_NS = "bench-mininet-" + PID;

    private static int counter;
    private static int witnessCounter;

    /** case, then tool, then samples in ns. */
    private final Map<String, Map<String, List<Long>>> results = new LinkedHashMap<>();
    /** tool, then why it does not run (any more). */
    private final Map<String, String> unavailable = new LinkedHashMap<>();
    /** case, then tool, then why it has no figure in this case. */
    private final Map<String, Map<String, String>> notApplicable = new LinkedHashMap<>();
    private final Map<String, Integer> caseIterations = new LinkedHashMap<>();
    private LinePeer pyroute2;
    private LinePeer mininet;
    /** Pool mode, then the netns4j JVM of that mode. */
    private final Map<String, LinePeer> netns4j = new LinkedHashMap<>();
    private boolean recording;

    private PeerBench() {
    }

    /** A topology: {@code n == 0} is case a (two namespaces, one veth), otherwise N hosts on a bridge. */
    private record Shape(int n) {
        String describe() {
            return n == 0 ? "two" : "star " + n;
        }
    }

    /** What a tool built: how to reach it for ping, witness and teardown. */
    private interface Built {
        /**
         * Adds, untimed, a veth between a namespace of the topology and the witness namespace, its end there called
         * {@code name}; false if the tool's namespaces cannot be reached from here.
         */
        boolean witness(String name);

        /** Nanoseconds the tool reports for its own build, or -1 if the harness's clock counts. */
        default long selfTimedBuild() {
            return -1;
        }

        /**
         * Repeats a one-echo ping from the first host to the second until a reply comes; returns the nanoseconds the
         * tool measured itself, or -1.
         */
        long pingUntilReply();

        /** Tears the topology down; returns the nanoseconds the tool measured itself, or -1. */
        long down();
    }

    public static void main(String[] args) throws Exception {
        int iterations = 20;
        int warmup = 3;
        int maxStar = 250;
        int suiteTests = 500;
        int scale = 1000;
        Path peers = Path.of("ci/bench-peers");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
            case "--warmup", "-w" -> warmup = Integer.parseInt(args[++i]);
            case "--peers" -> peers = Path.of(args[++i]);
            case "--max-star" -> maxStar = Integer.parseInt(args[++i]);
            case "--suite-tests" -> suiteTests = Integer.parseInt(args[++i]);
            case "--scale" -> scale = Integer.parseInt(args[++i]);
            case "--quick" -> {
                iterations = 3;
                warmup = 1;
                maxStar = 10;
                suiteTests = 50;
                scale = 100;
            }
            case "--help", "-h" -> {
                System.out.println("usage: PeerBench [iterations] [--quick] [--warmup N] [--peers DIR] [--max-star N]"
                        + " [--suite-tests N] [--scale N]");
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
        if (iterations < 1 || warmup < 0 || suiteTests < 0 || scale < 0) {
            throw new IllegalArgumentException(
                    "iterations must be >= 1, warm-up, --suite-tests and --scale >= 0 (0 leaves the part out)");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(PeerBench::deleteLeftovers, "bench-cleanup"));
        PeerBench bench = new PeerBench();
        try {
            String loadStart = readOrUnknown("/proc/loadavg");
            bench.run(iterations, warmup, maxStar, peers, loadStart);
            bench.stopPeers();
            JvmBench jvm = new JvmBench(childJvm(), WITNESS);
            if (suiteTests > 0) {
                jvm.suite(suiteTests);
            }
            if (scale > 0) {
                jvm.scale(scale, Math.min(10, scale));
            }
            bench.printEnd(loadStart);
        } finally {
            bench.stopPeers();
            deleteLeftovers();
        }
    }

    private void run(int iterations, int warmup, int maxStar, Path peers, String loadStart) {
        printEnvironment(loadStart);
        startNetns4j();
        startPeers(peers);
        LIVE.add(WITNESS);
        ip(null, "netns", "add", WITNESS);

        runCase("a: 2 namespaces, 1 veth, addresses, both ends UP", new Shape(0), iterations, warmup, Kind.BUILD);
        runCase("b: 4 namespaces on 1 bridge in a 5th", new Shape(4), iterations, warmup, Kind.BUILD);
        for (int n : new int[] { 10, 50, 100, 250 }) {
            if (n > maxStar) {
                continue;
            }
            int it = n <= 10 ? iterations : Math.min(iterations, n <= 50 ? 10 : n <= 100 ? 5 : 3);
            runCase("star " + n + ": " + n + " namespaces on 1 bridge in its own namespace", new Shape(n), it,
                    Math.min(warmup, 1), Kind.BUILD);
        }
        runCase("first ping after the build of a (until the first echo reply)", new Shape(0), iterations, warmup,
                Kind.PING);
        runCase("teardown of a: until the call returns", new Shape(0), iterations, warmup, Kind.TEARDOWN);
    }

    private void printEnd(String loadStart) {
        System.out.printf("%nLoad (/proc/loadavg) at start: %s; at end: %s%n", loadStart,
                readOrUnknown("/proc/loadavg"));
        if (!unavailable.isEmpty()) {
            System.out.println("Not available:");
            unavailable.forEach((tool, why) -> System.out.printf("  %s: %s%n", tool, why));
        }
    }

    private enum Kind {
        BUILD, PING, TEARDOWN
    }

    private static final String FREED = "teardown of a: until the kernel has freed the namespaces (witness veth gone)";

    private void runCase(String name, Shape shape, int iterations, int warmup, Kind kind) {
        System.err.printf("PeerBench: %s (%d warm-up + %d rounds)%n", name, warmup, iterations);
        caseIterations.put(name, iterations);
        if (kind == Kind.TEARDOWN) {
            caseIterations.put(FREED, iterations);
        }
        for (int round = 0; round < warmup + iterations; round++) {
            recording = round >= warmup;
            // Each round starts one tool further on, so that every tool runs in every position (after each of the
            // others) as often as the rounds allow.
            for (int t = 0; t < TOOLS.size(); t++) {
                String tool = TOOLS.get((t + round) % TOOLS.size());
                if (unavailable.containsKey(tool)) {
                    continue;
                }
                try {
                    once(name, tool, shape, kind);
                } catch (RuntimeException e) {
                    unavailable.put(tool, "failed in case \"" + name + "\": " + e.getMessage());
                    System.err.printf("PeerBench: %s failed, left out from here on: %s%n", tool, e);
                }
            }
        }
        printTable(name);
        if (kind == Kind.TEARDOWN) {
            printTable(FREED);
        }
    }

    private void once(String name, String tool, Shape shape, Kind kind) {
        if (tool.equals(JUNIT_ON) || tool.equals(JUNIT_OFF) || tool.equals(CONTROL)) {
            junitOnce(name, tool, shape, kind);
            return;
        }
        if (kind == Kind.PING && tool.equals("pyroute2")) {
            notApplicable(name, tool, "pyroute2 has no ping (a pyroute2 user runs ip netns exec ... ping)");
            return;
        }
        long t0 = System.nanoTime();
        Built built = build(tool, shape);
        long buildNanos = System.nanoTime() - t0;
        if (built.selfTimedBuild() >= 0) {
            buildNanos = built.selfTimedBuild();
        }
        boolean down = false;
        try {
            switch (kind) {
            case BUILD -> record(name, tool, buildNanos);
            case PING -> {
                long p0 = System.nanoTime();
                long self = built.pingUntilReply();
                record(name, tool, self >= 0 ? self : System.nanoTime() - p0);
            }
            case TEARDOWN -> {
                String witness = "w" + (++witnessCounter);
                if (!built.witness(witness)) {
                    witness = null;
                    notApplicable(FREED, tool, "its namespaces are held by its host processes, not reachable by a"
                            + " name or an fd of this process");
                }
                long d0 = System.nanoTime();
                down = true;
                long self = built.down();
                long d1 = System.nanoTime();
                record(name, tool, self >= 0 ? self : d1 - d0);
                if (witness != null) {
                    long deadline = d1 + TIMEOUT_NANOS;
                    while (execRc("ip", "-n", WITNESS, "-o", "link", "show", witness) == 0) {
                        if (System.nanoTime() > deadline) {
                            throw new IllegalStateException(
                                    "witness veth " + witness + " still there 20 s after" + " the teardown of " + tool);
                        }
                    }
                    record(FREED, tool, System.nanoTime() - d0);
                }
            }
            }
        } finally {
            if (!down) {
                built.down();
            }
        }
    }

    private void record(String name, String tool, long nanos) {
        if (recording) {
            results.computeIfAbsent(name, k -> new LinkedHashMap<>()).computeIfAbsent(tool, k -> new ArrayList<>())
                    .add(nanos);
        }
    }

    private void notApplicable(String name, String tool, String why) {
        notApplicable.computeIfAbsent(name, k -> new LinkedHashMap<>()).putIfAbsent(tool, why);
    }

    /**
     * netns4j through JUnit, in the child JVM of the row's pool mode (the control in the pool=on one): cases a and b,
     * and the first ping and teardown of a.
     */
    private void junitOnce(String name, String tool, Shape shape, Kind kind) {
        if (shape.n() == 4 && kind == Kind.BUILD && !tool.equals(CONTROL)) {
            LinePeer peer = netns4j.get(tool.equals(JUNIT_OFF) ? "off" : "on");
            record(name, tool, Long.parseLong(peer.call("junit build b")[1]));
            return;
        }
        if (shape.n() != 0) {
            notApplicable(name, tool, tool.equals(CONTROL) ? "the same as in case a"
                    : "the JUnit rows run cases a and b (declared with annotations on their test classes)");
            return;
        }
        LinePeer peer = netns4j.get(tool.equals(JUNIT_OFF) ? "off" : "on");
        boolean control = tool.equals(CONTROL);
        switch (kind) {
        case BUILD -> record(name, tool, Long.parseLong(peer.call(control ? "junit control" : "junit build")[1]));
        case PING -> {
            if (control) {
                notApplicable(name, tool, "no topology, nothing to ping");
            } else {
                record(name, tool, Long.parseLong(peer.call("junit ping")[1]));
            }
        }
        case TEARDOWN -> {
            if (control) {
                record(name, tool, Long.parseLong(peer.call("junit control")[2]));
                notApplicable(FREED, tool, "no topology, nothing to free");
            } else {
                String[] ok = peer.call("junit teardown " + WITNESS + " w" + (++witnessCounter));
                record(name, tool, Long.parseLong(ok[1]));
                record(FREED, tool, Long.parseLong(ok[2]));
            }
        }
        }
    }

    private Built build(String tool, Shape shape) {
        return switch (tool) {
        case ON -> netns4j(netns4j.get("on"), shape);
        case OFF -> netns4j(netns4j.get("off"), shape);
        case "ip -batch" -> ipBatch(shape);
        case "ip per command" -> ipPerCommand(shape);
        case "pyroute2" -> pyroute2(shape);
        case "Mininet" -> mininet(shape);
        default -> throw new IllegalArgumentException(tool);
        };
    }

    // ---- netns4j: a child JVM per pool mode

    /** The command that starts a JVM like this one (its options, less any pool mode, and its class path). */
    private static List<String> childJvm() {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!option.startsWith("-D" + POOL_PROPERTY + "=")) {
                cmd.add(option);
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        return cmd;
    }

    private void startNetns4j() {
        for (String mode : POOL_MODES) {
            List<String> cmd = childJvm();
            cmd.add(cmd.size() - 2, "-D" + POOL_PROPERTY + "=" + mode);
            cmd.add(Netns4jPeer.class.getName());
            try {
                netns4j.put(mode, new LinePeer("netns4j pool=" + mode, cmd.toArray(String[]::new)));
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start " + String.join(" ", cmd), e);
            }
        }
    }

    private static Built netns4j(LinePeer peer, Shape shape) {
        long buildNanos = Long.parseLong(peer.call(shape.n() == 0 ? "build two" : "build star " + shape.n())[1]);
        return new Built() {
            private boolean closed;

            @Override
            public long selfTimedBuild() {
                return buildNanos;
            }

            @Override
            public boolean witness(String name) {
                peer.call("witness " + WITNESS + " " + name);
                return true;
            }

            @Override
            public long pingUntilReply() {
                return Long.parseLong(peer.call("ping")[1]);
            }

            @Override
            public long down() {
                if (closed) {
                    return -1;
                }
                closed = true;
                return Long.parseLong(peer.call("down")[1]);
            }
        };
    }

    private static String hostAddress(int i) {
        return Netns4jPeer.hostAddress(i);
    }

    // ---- ip

    /** Names for a topology of {@code shape} built by {@code tool}: the first one holds the bridge (star). */
    private static List<String> names(String tool, Shape shape) {
        String prefix = "bench-" + tool + "-" + PID + "-" + (++counter);
        List<String> names = new ArrayList<>();
        if (shape.n() == 0) {
            names.add(prefix + "-c");
            names.add(prefix + "-s");
        } else {
            names.add(prefix + "-sw");
            for (int i = 1; i <= shape.n(); i++) {
                names.add(prefix + "-h" + i);
            }
        }
        LIVE.addAll(names);
        return names;
    }

    private static Built ipBatch(Shape shape) {
        List<String> ns = names("ipb", shape);
        try {
            StringBuilder root = new StringBuilder();
            for (String n : ns) {
                root.append("netns add ").append(n).append('\n');
            }
            List<String> hosts;
            if (shape.n() == 0) {
                root.append("link add eth0 netns ").append(ns.get(0)).append(" type veth peer name eth0 netns ")
                        .append(ns.get(1)).append('\n');
                ip(root.toString(), "-batch", "-");
                ip(hostBatch("10.0.0.1/24"), "-n", ns.get(0), "-batch", "-");
                ip(hostBatch("10.0.0.2/24"), "-n", ns.get(1), "-batch", "-");
                hosts = ns;
            } else {
                String sw = ns.get(0);
                root.append("link add br0 netns ").append(sw).append(" type bridge\n");
                StringBuilder swBatch = new StringBuilder("link set br0 up\n");
                for (int i = 1; i <= shape.n(); i++) {
                    root.append("link add p").append(i).append(" netns ").append(sw)
                            .append(" type veth peer name eth0 netns ").append(ns.get(i)).append('\n');
                    swBatch.append("link set p").append(i).append(" master br0 up\n");
                }
                ip(root.toString(), "-batch", "-");
                ip(swBatch.toString(), "-n", sw, "-batch", "-");
                for (int i = 1; i <= shape.n(); i++) {
                    ip(hostBatch(hostAddress(i)), "-n", ns.get(i), "-batch", "-");
                }
                hosts = ns.subList(1, ns.size());
            }
            awaitUp(hosts);
        } catch (RuntimeException e) {
            deleteQuietly(ns);
            throw e;
        }
        return ipBuilt(ns, () -> {
            StringBuilder del = new StringBuilder();
            for (String n : ns) {
                del.append("netns del ").append(n).append('\n');
            }
            ip(del.toString(), "-batch", "-");
        });
    }

    private static String hostBatch(String address) {
        return "addr add " + address + " dev eth0\nlink set eth0 up\nlink set lo up\n";
    }

    private static Built ipPerCommand(Shape shape) {
        List<String> ns = names("ipc", shape);
        try {
            for (String n : ns) {
                ip(null, "netns", "add", n);
            }
            List<String> hosts;
            List<String> addresses = new ArrayList<>();
            if (shape.n() == 0) {
                ip(null, "link", "add", "eth0", "netns", ns.get(0), "type", "veth", "peer", "name", "eth0", "netns",
                        ns.get(1));
                hosts = ns;
                addresses.add("10.0.0.1/24");
                addresses.add("10.0.0.2/24");
            } else {
                String sw = ns.get(0);
                ip(null, "link", "add", "br0", "netns", sw, "type", "bridge");
                ip(null, "-n", sw, "link", "set", "br0", "up");
                for (int i = 1; i <= shape.n(); i++) {
                    ip(null, "link", "add", "p" + i, "netns", sw, "type", "veth", "peer", "name", "eth0", "netns",
                            ns.get(i));
                    ip(null, "-n", sw, "link", "set", "p" + i, "master", "br0", "up");
                    addresses.add(hostAddress(i));
                }
                hosts = ns.subList(1, ns.size());
            }
            for (int i = 0; i < hosts.size(); i++) {
                ip(null, "-n", hosts.get(i), "addr", "add", addresses.get(i), "dev", "eth0");
                ip(null, "-n", hosts.get(i), "link", "set", "eth0", "up");
                ip(null, "-n", hosts.get(i), "link", "set", "lo", "up");
            }
            awaitUp(hosts);
        } catch (RuntimeException e) {
            deleteQuietly(ns);
            throw e;
        }
        return ipBuilt(ns, () -> {
            for (String n : ns) {
                ip(null, "netns", "del", n);
            }
        });
    }

    private static Built ipBuilt(List<String> ns, Runnable teardown) {
        return new Built() {
            private boolean closed;

            @Override
            public boolean witness(String name) {
                return PeerBench.witness("/run/netns/" + ns.get(0), name);
            }

            @Override
            public long pingUntilReply() {
                long deadline = System.nanoTime() + TIMEOUT_NANOS;
                while (execRc("ip", "netns", "exec", ns.get(0), "ping", "-c1", "-W1", "10.0.0.2") != 0) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("ip: no echo reply in 20 s");
                    }
                }
                return -1;
            }

            @Override
            public long down() {
                if (!closed) {
                    closed = true;
                    try {
                        teardown.run();
                    } finally {
                        deleteQuietly(ns);
                    }
                }
                return -1;
            }
        };
    }

    /** Polls {@code ip -n NS -o link show eth0} in each namespace until it says {@code state UP}. */
    private static void awaitUp(List<String> namespaces) {
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        for (String ns : namespaces) {
            while (!ip(null, "-n", ns, "-o", "link", "show", "eth0").contains(" state UP ")) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("eth0 not operationally UP in " + ns + " after 20 s");
                }
            }
        }
    }

    // ---- pyroute2 and Mininet: long-lived Python processes that time themselves

    /** One long-lived peer process (Python, or a netns4j JVM): a command line in, "ok NANOS ..." or "error ..." out. */
    private static final class LinePeer {
        private final String tool;
        private final Process process;
        private final Writer in;
        private final BufferedReader out;

        LinePeer(String tool, String... cmd) throws IOException {
            this.tool = tool;
            this.process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        String[] call(String command) {
            try {
                in.write(command + "\n");
                in.flush();
                String line = out.readLine();
                if (line == null) {
                    throw new IllegalStateException(tool + " peer exited (" + command + ")");
                }
                String[] words = line.split(" ");
                if (!words[0].equals("ok")) {
                    throw new IllegalStateException(tool + " peer: " + command + ": " + line);
                }
                return words;
            } catch (IOException e) {
                throw new UncheckedIOException(tool + " peer: " + command, e);
            }
        }

        void quit() {
            try {
                in.write("quit\n");
                in.flush();
                in.close();
            } catch (IOException e) {
                // it is gone already
            }
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroy();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void startPeers(Path peers) {
        String check = execOutput(PYTHON, "-c", "import pyroute2");
        if (check != null) {
            unavailable.put("pyroute2", "python3 cannot import pyroute2 (install python3-pyroute2): " + check);
        } else {
            try {
                pyroute2 = new LinePeer("pyroute2", PYTHON, peers.resolve("pyroute2_peer.py").toString());
            } catch (IOException e) {
                unavailable.put("pyroute2", e.toString());
            }
        }
        check = execOutput(PYTHON, "-c", "import mininet.net");
        if (check != null) {
            unavailable.put("Mininet", "python3 cannot import mininet (install mininet): " + check);
        } else if (execRc("sh", "-c", "command -v brctl && command -v mnexec") != 0) {
            unavailable.put("Mininet", "brctl or mnexec missing (install bridge-utils and mininet)");
        } else {
            try {
                LIVE.add(MININET_NS);
                ip(null, "netns", "add", MININET_NS);
                mininet = new LinePeer("Mininet", "ip", "netns", "exec", MININET_NS, PYTHON,
                        peers.resolve("mininet_peer.py").toString());
            } catch (IOException | RuntimeException e) {
                unavailable.put("Mininet", e.toString());
            }
        }
    }

    private void stopPeers() {
        if (pyroute2 != null) {
            pyroute2.quit();
            pyroute2 = null;
        }
        if (mininet != null) {
            mininet.quit();
            mininet = null;
        }
        netns4j.values().forEach(LinePeer::quit);
        netns4j.clear();
    }

    private Built pyroute2(Shape shape) {
        String prefix = "bench-pyroute2-" + PID + "-" + (++counter);
        String[] ok = pyroute2.call(shape.n() == 0 ? "build two " + prefix : "build star " + shape.n() + " " + prefix);
        List<String> ns = List.of(Arrays.copyOfRange(ok, 2, ok.length));
        LIVE.addAll(ns);
        long buildNanos = Long.parseLong(ok[1]);
        return selfTimed(pyroute2, buildNanos, "/run/netns/" + ns.get(0), ns);
    }

    private Built mininet(Shape shape) {
        String[] ok = mininet.call(shape.n() == 0 ? "build two" : "build star " + shape.n());
        return selfTimed(mininet, Long.parseLong(ok[1]), null, List.of());
    }

    private static Built selfTimed(LinePeer peer, long buildNanos, String path, List<String> ns) {
        return new Built() {
            private boolean closed;

            @Override
            public long selfTimedBuild() {
                return buildNanos;
            }

            @Override
            public boolean witness(String name) {
                return path != null && PeerBench.witness(path, name);
            }

            @Override
            public long pingUntilReply() {
                return Long.parseLong(peer.call("ping")[1]);
            }

            @Override
            public long down() {
                if (closed) {
                    return -1;
                }
                closed = true;
                try {
                    return Long.parseLong(peer.call("down")[1]);
                } finally {
                    deleteQuietly(ns);
                }
            }
        };
    }

    /** A veth from the namespace at {@code path} to the witness namespace, its end there called {@code name}. */
    private static boolean witness(String path, String name) {
        ip(null, "-n", WITNESS, "link", "add", name, "type", "veth", "peer", "name", "w", "netns", path);
        return true;
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
                String shown = stdin == null || stdin.length() < 400 ? stdin : stdin.substring(0, 400) + "...";
                throw new IllegalStateException(String.join(" ", cmd) + " exited with " + rc + ": " + out.trim()
                        + (stdin == null ? "" : "\nstdin:\n" + shown));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("Running " + String.join(" ", cmd) + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + String.join(" ", cmd), e);
        }
    }

    /** Runs {@code cmd} with no input and its output discarded; returns its exit status. */
    private static int execRc(String... cmd) {
        try {
            return new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException("Running " + String.join(" ", cmd) + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + String.join(" ", cmd), e);
        }
    }

    /** Null if {@code cmd} succeeds, else its output. */
    private static String execOutput(String... cmd) {
        try {
            exec(null, cmd);
            return null;
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    /** Deletes named namespaces of this run if they exist, ignoring failures. */
    private static void deleteQuietly(List<String> names) {
        for (String name : names) {
            if (Files.exists(Path.of("/run/netns", name))) {
                try {
                    exec(null, "ip", "netns", "del", name);
                } catch (RuntimeException e) {
                    System.err.println("PeerBench: could not delete namespace " + name + ": " + e.getMessage());
                }
            }
            LIVE.remove(name);
        }
    }

    private static void deleteLeftovers() {
        List<String> left = new ArrayList<>(LIVE);
        if (!left.isEmpty()) {
            deleteQuietly(left);
        }
    }

    // ---- output

    private static void printEnvironment(String load) {
        var rt = ManagementFactory.getRuntimeMXBean();
        System.out.println("netns4j PeerBench: netns4j side by side with iproute2, pyroute2 and Mininet");
        System.out.printf("JVM:    %s %s (%s)%n", rt.getVmName(), System.getProperty("java.runtime.version"),
                System.getProperty("java.vendor"));
        System.out.printf("Kernel: %s %s, %d CPUs%n", readOrUnknown("/proc/sys/kernel/osrelease"),
                readOrUnknown("/proc/sys/kernel/version"), Runtime.getRuntime().availableProcessors());
        String ipVersion = execOutput("ip", "-V") == null ? exec(null, "ip", "-V").trim() : "unknown";
        System.out.printf("ip:     %s%n", ipVersion);
        System.out.printf("Load (/proc/loadavg) at start: %s%n", load);
        System.out.println("Times in ms; spread = p10-p90 (nearest rank); /on and /off = the tool's median divided by"
                + " netns4j's with the pool on and off. Tools run interleaved, one after the other, round by round, each round starting one tool further on.");
        System.out.println("netns4j runs in two child JVMs of this one, started with -D" + POOL_PROPERTY + "=on and -D"
                + POOL_PROPERTY + "=off (and this JVM's options: " + childOptions() + "); each serves its mode's"
                + " builder and JUnit rows. With the pool on, the pool refills in the background while the other"
                + " tools take their turn. \"JUnit, no topology\" runs in the pool=on JVM.");
    }

    private static String readOrUnknown(String path) {
        try {
            return Files.readString(Path.of(path)).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String childOptions() {
        List<String> options = childJvm();
        options = options.subList(1, options.size() - 2);
        return options.isEmpty() ? "none" : String.join(" ", options);
    }

    private void printTable(String name) {
        Map<String, List<Long>> byTool = results.getOrDefault(name, Map.of());
        System.out.printf("%n%s (%d rounds)%n", name, caseIterations.getOrDefault(name, 0));
        String fmt = "  %-22s %9s %19s %7s %7s%n";
        System.out.printf(fmt, "tool", "median", "spread p10-p90", "/on", "/off");
        Long on = byTool.containsKey(ON) ? median(byTool.get(ON)) : null;
        Long off = byTool.containsKey(OFF) ? median(byTool.get(OFF)) : null;
        for (String tool : TOOLS) {
            List<Long> samples = byTool.get(tool);
            if (samples == null || samples.isEmpty()) {
                String why = notApplicable.getOrDefault(name, Map.of()).get(tool);
                if (why == null) {
                    why = unavailable.getOrDefault(tool, "no figure");
                }
                System.out.printf("  %-22s %s%n", tool, "n/a: " + why);
                continue;
            }
            long med = median(samples);
            System.out.printf(fmt, tool, ms(med), ms(percentile(samples, 0.1)) + " - " + ms(percentile(samples, 0.9)),
                    ratio(med, on, tool.equals(ON)), ratio(med, off, tool.equals(OFF)));
        }
    }

    private static String ratio(long median, Long base, boolean self) {
        return base == null || self ? "" : String.format(Locale.ROOT, "%.2fx", (double) median / base);
    }

    private static long median(List<Long> samples) {
        return Stats.median(samples);
    }

    private static long percentile(List<Long> samples, double q) {
        return Stats.percentile(samples, q);
    }

    private static String ms(long nanos) {
        return Stats.ms(nanos);
    }
}
