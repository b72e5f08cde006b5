package io.netns4j.bench;

import io.netns4j.NetNs;
import io.netns4j.Topology;
import io.netns4j.TopologyBuilder;
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
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A benchmark, not a test: netns4j side by side with the tools people build network namespaces with, on the same
 * topologies, interleaved run by run (each round runs every tool once, in a fixed order) so that the machine's drift
 * hits all of them alike.
 *
 * <p>
 * Tools: <b>netns4j</b> ({@code Topology.builder()...build()}, in this JVM); <b>ip -batch</b> (iproute2 with the fewest
 * processes: one root {@code ip -batch -} with every {@code netns add} and {@code link add}, then one
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
 * {@code ip -n bench-w-PID -o link show wK} until it is gone (one process per poll, a few ms of resolution).
 *
 * <p>
 * Every named namespace is called {@code bench-<tool>-PID-N...} (or {@code bench-w-PID}, {@code bench-mininet-PID}) and
 * deleted after its iteration, in a {@code finally}, and by a shutdown hook; nothing else is touched. Run it with
 * {@code ci/bench [iterations] [--warmup N] [--peers DIR] [--max-star N]}.
 */
public final class PeerBench {

    private static final String PID = Long.toString(ProcessHandle.current().pid());
    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(20);
    private static final String PYTHON = "/usr/bin/python3";
    private static final List<String> TOOLS = List.of("netns4j", "ip -batch", "ip per command", "pyroute2", "Mininet");

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
    private PyPeer pyroute2;
    private PyPeer mininet;
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
        /** A path naming one namespace of the topology, for {@code ip ... netns PATH}; null if not known. */
        String namespacePath();

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
        Path peers = Path.of("ci/bench-peers");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
            case "--warmup", "-w" -> warmup = Integer.parseInt(args[++i]);
            case "--peers" -> peers = Path.of(args[++i]);
            case "--max-star" -> maxStar = Integer.parseInt(args[++i]);
            case "--help", "-h" -> {
                System.out.println("usage: PeerBench [iterations] [--warmup N] [--peers DIR] [--max-star N]");
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
        Runtime.getRuntime().addShutdownHook(new Thread(PeerBench::deleteLeftovers, "bench-cleanup"));
        PeerBench bench = new PeerBench();
        try {
            bench.run(iterations, warmup, maxStar, peers);
        } finally {
            bench.stopPeers();
            deleteLeftovers();
        }
    }

    private void run(int iterations, int warmup, int maxStar, Path peers) {
        String loadStart = readOrUnknown("/proc/loadavg");
        printEnvironment(loadStart);
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
            for (String tool : TOOLS) {
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
                String path = built.namespacePath();
                String witness = null;
                if (path == null) {
                    notApplicable(FREED, tool, "its namespaces are held by its host processes, not reachable by a"
                            + " name or an fd of this process");
                } else {
                    witness = "w" + (++witnessCounter);
                    ip(null, "-n", WITNESS, "link", "add", witness, "type", "veth", "peer", "name", "w", "netns", path);
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

    private Built build(String tool, Shape shape) {
        return switch (tool) {
        case "netns4j" -> netns4j(shape);
        case "ip -batch" -> ipBatch(shape);
        case "ip per command" -> ipPerCommand(shape);
        case "pyroute2" -> pyroute2(shape);
        case "Mininet" -> mininet(shape);
        default -> throw new IllegalArgumentException(tool);
        };
    }

    // ---- netns4j

    private static Built netns4j(Shape shape) {
        Set<String> before = netFds();
        Topology net;
        if (shape.n() == 0) {
            net = Topology.builder().namespace("client").namespace("server")
                    .veth("client", "10.0.0.1/24", "server", "10.0.0.2/24").build();
        } else {
            TopologyBuilder b = Topology.builder().namespace("sw");
            for (int i = 1; i <= shape.n(); i++) {
                b.namespace("h" + i);
            }
            net = b.bridge("br0", o -> {
                o.namespace("sw");
                for (int i = 1; i <= shape.n(); i++) {
                    o.port("h" + i, hostAddress(i));
                }
            }).build();
        }
        return new Built() {
            @Override
            public String namespacePath() {
                Set<String> now = netFds();
                now.removeAll(before);
                return now.isEmpty() ? null : now.iterator().next();
            }

            @Override
            public long pingUntilReply() {
                NetNs client = net.ns("client");
                long deadline = System.nanoTime() + TIMEOUT_NANOS;
                while (client.ping("10.0.0.2", 1, Duration.ofSeconds(1)).received() == 0) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("netns4j: no echo reply in 20 s");
                    }
                }
                return -1;
            }

            @Override
            public long down() {
                net.close();
                return -1;
            }
        };
    }

    /** Paths {@code /proc/PID/fd/N} of this process's descriptors that are network namespaces. */
    private static Set<String> netFds() {
        Set<String> fds = new HashSet<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : dir) {
                try {
                    if (Files.readSymbolicLink(fd).toString().startsWith("net:[")) {
                        fds.add("/proc/" + PID + "/fd/" + fd.getFileName());
                    }
                } catch (IOException e) {
                    // closed since the listing: not ours to witness
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fds;
    }

    /** 10.0.X.Y/16 for host i (1-based). */
    private static String hostAddress(int i) {
        return "10.0." + (i / 250) + "." + (i % 250 + 1) + "/16";
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
            public String namespacePath() {
                return "/run/netns/" + ns.get(0);
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

    /** One long-lived Python peer: a command line in, "ok NANOS ..." or "error ..." out. */
    private static final class PyPeer {
        private final String tool;
        private final Process process;
        private final Writer in;
        private final BufferedReader out;

        PyPeer(String tool, String... cmd) throws IOException {
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
                pyroute2 = new PyPeer("pyroute2", PYTHON, peers.resolve("pyroute2_peer.py").toString());
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
                mininet = new PyPeer("Mininet", "ip", "netns", "exec", MININET_NS, PYTHON,
                        peers.resolve("mininet_peer.py").toString());
            } catch (IOException | RuntimeException e) {
                unavailable.put("Mininet", e.toString());
            }
        }
    }

    private void stopPeers() {
        if (pyroute2 != null) {
            pyroute2.quit();
        }
        if (mininet != null) {
            mininet.quit();
        }
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

    private static Built selfTimed(PyPeer peer, long buildNanos, String path, List<String> ns) {
        return new Built() {
            private boolean closed;

            @Override
            public long selfTimedBuild() {
                return buildNanos;
            }

            @Override
            public String namespacePath() {
                return path;
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
        System.out.println("Times in ms; spread = p10-p90 (nearest rank); ratio = tool's median / netns4j's median."
                + " Tools run interleaved, one after the other, round by round.");
    }

    private static String readOrUnknown(String path) {
        try {
            return Files.readString(Path.of(path)).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private void printTable(String name) {
        Map<String, List<Long>> byTool = results.getOrDefault(name, Map.of());
        System.out.printf("%n%s (%d rounds)%n", name, caseIterations.getOrDefault(name, 0));
        String fmt = "  %-16s %9s %19s %9s%n";
        System.out.printf(fmt, "tool", "median", "spread p10-p90", "ratio");
        Long base = byTool.containsKey("netns4j") ? median(byTool.get("netns4j")) : null;
        for (String tool : TOOLS) {
            List<Long> samples = byTool.get(tool);
            if (samples == null || samples.isEmpty()) {
                String why = notApplicable.getOrDefault(name, Map.of()).get(tool);
                if (why == null) {
                    why = unavailable.getOrDefault(tool, "no figure");
                }
                System.out.printf("  %-16s %s%n", tool, "n/a: " + why);
                continue;
            }
            long med = median(samples);
            String ratio = base == null || tool.equals("netns4j") ? ""
                    : String.format(Locale.ROOT, "%.1fx", (double) med / base);
            System.out.printf(fmt, tool, ms(med), ms(percentile(samples, 0.1)) + " - " + ms(percentile(samples, 0.9)),
                    ratio);
        }
    }

    private static long median(List<Long> samples) {
        return percentile(samples, 0.5);
    }

    private static long percentile(List<Long> samples, double q) {
        long[] s = samples.stream().mapToLong(Long::longValue).sorted().toArray();
        int rank = (int) Math.ceil(q * s.length);
        return s[Math.max(0, Math.min(s.length - 1, rank - 1))];
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos / 1e6);
    }
}
