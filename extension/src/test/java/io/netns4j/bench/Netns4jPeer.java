package io.netns4j.bench;

import io.netns4j.ExecResult;
import io.netns4j.NetNs;
import io.netns4j.Netns4jConfig;
import io.netns4j.NetworkTest;
import io.netns4j.Topology;
import io.netns4j.TopologyBuilder;
import io.netns4j.annotations.Bridge;
import io.netns4j.annotations.BridgePort;
import io.netns4j.annotations.NetNamespace;
import io.netns4j.annotations.Ns;
import io.netns4j.annotations.VethLink;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.engine.discovery.DiscoverySelectors;

/**
 * The netns4j side of {@link PeerBench}: a long-lived JVM that builds, pings and tears down the benchmark's topologies
 * with netns4j when asked on its standard input, one command a line, and answers {@code ok NANOS...} or
 * {@code error MESSAGE} on its standard output, timing each step itself like the Python peers do. PeerBench starts one
 * per pool mode ({@code -Dnetns4j.pool=on} and {@code -Dnetns4j.pool=off}), since the mode is fixed per JVM.
 *
 * <p>
 * Commands: {@code build two}, {@code build star N} (programmatic builder; answers the build's nanoseconds);
 * {@code witness NS NAME} (untimed: a veth from the first namespace of the current topology to the named namespace
 * {@code NS}, its far end called {@code NAME}); {@code ping}; {@code down}; and through the JUnit extension, run by a
 * {@link Launcher} in this JVM: {@code junit build} and {@code junit build b} (one test of {@link CaseA} or
 * {@link CaseB}: from the test's start to its body, that is, until the topology is built and injected),
 * {@code junit ping}, {@code junit teardown NS NAME} (from the end of the body until the test has finished, and until
 * the kernel has freed the namespaces, witnessed by a veth whose far end {@code NAME} in {@code NS} vanishes), and
 * {@code junit control} (the same test without a topology, {@link Control}: JUnit's own share of those times).
 */
public final class Netns4jPeer {

    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(20);

    private Topology net;
    /** The namespace of {@link #net} a witness veth starts from. */
    private String first;
    private LauncherSession session;

    private Netns4jPeer() {
    }

    public static void main(String[] args) throws IOException {
        // The answers go to the real standard output; anything else printed goes to standard error.
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        Netns4jPeer peer = new Netns4jPeer();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] words = line.trim().split(" ");
                if (words[0].equals("quit")) {
                    break;
                }
                String answer;
                try {
                    answer = "ok " + peer.handle(words);
                } catch (Exception | AssertionError e) {
                    answer = "error " + String.valueOf(e).replace('\n', ' ');
                }
                protocol.println(answer);
            }
        } finally {
            peer.close();
        }
    }

    private String handle(String[] w) throws Exception {
        String command = String.join(" ", w);
        return switch (w[0]) {
        case "build" -> Long.toString(build(w[1].equals("two") ? 0 : Integer.parseInt(w[2])));
        case "witness" -> {
            witness(net.ns(first), w[1], w[2]);
            yield "0";
        }
        case "ping" -> Long.toString(pingUntilReply(net.ns("client")));
        case "down" -> Long.toString(down());
        case "junit" -> switch (w[1]) {
        case "build" -> Long.toString(junit(w.length > 2 && w[2].equals("b") ? CaseB.class : CaseA.class,
                Body.Action.NOTHING, null, null).startToBody);
        case "control" -> {
            Run r = junit(Control.class, Body.Action.NOTHING, null, null);
            yield r.startToBody + " " + r.bodyToFinish;
        }
        case "ping" -> Long.toString(junit(CaseA.class, Body.Action.PING, null, null).bodyNanos);
        case "teardown" -> {
            Run r = junit(CaseA.class, Body.Action.WITNESS, w[2], w[3]);
            yield r.bodyToFinish + " " + awaitGone(w[2], w[3], r.bodyExit);
        }
        default -> throw new IllegalArgumentException("unknown command " + command);
        };
        default -> throw new IllegalArgumentException("unknown command " + command);
        };
    }

    // ---- programmatic builder

    private long build(int n) {
        if (net != null) {
            throw new IllegalStateException("build: the previous topology is still up");
        }
        long t0 = System.nanoTime();
        if (n == 0) {
            first = "client";
            net = Topology.builder().namespace("client").namespace("server")
                    .veth("client", "10.0.0.1/24", "server", "10.0.0.2/24").build();
        } else {
            first = "sw";
            TopologyBuilder b = Topology.builder().namespace("sw");
            for (int i = 1; i <= n; i++) {
                b.namespace("h" + i);
            }
            net = b.bridge("br0", o -> {
                o.namespace("sw");
                for (int i = 1; i <= n; i++) {
                    o.port("h" + i, hostAddress(i));
                }
            }).build();
        }
        return System.nanoTime() - t0;
    }

    private long down() {
        if (net == null) {
            return 0;
        }
        long t0 = System.nanoTime();
        try {
            net.close();
        } finally {
            net = null;
        }
        return System.nanoTime() - t0;
    }

    private void close() {
        try {
            down();
        } finally {
            if (session != null) {
                session.close();
            }
        }
    }

    static long pingUntilReply(NetNs client) {
        long t0 = System.nanoTime();
        while (client.ping("10.0.0.2", 1, Duration.ofSeconds(1)).received() == 0) {
            if (System.nanoTime() - t0 > TIMEOUT_NANOS) {
                throw new IllegalStateException("netns4j: no echo reply in 20 s");
            }
        }
        return System.nanoTime() - t0;
    }

    /**
     * Adds a veth from {@code ns} to the named namespace {@code witnessNs}, its far end called {@code name}: when the
     * kernel dismantles {@code ns} it deletes the pair, so the far end's disappearance witnesses it. {@code ip} runs
     * inside {@code ns}; nothing in it is timed.
     */
    static void witness(NetNs ns, String witnessNs, String name) {
        ExecResult r = ns.exec("ip", "link", "add", "wx" + name, "type", "veth", "peer", "name", name, "netns",
                witnessNs);
        if (r.exitCode() != 0) {
            throw new IllegalStateException("witness veth " + name + ": " + r);
        }
    }

    /**
     * Polls {@code ip -n NS -o link show NAME} until the link is gone; answers the nanoseconds from {@code since}.
     */
    static long awaitGone(String witnessNs, String name, long since) throws IOException, InterruptedException {
        while (new ProcessBuilder("ip", "-n", witnessNs, "-o", "link", "show", name)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start()
                .waitFor() == 0) {
            if (System.nanoTime() - since > TIMEOUT_NANOS) {
                throw new IllegalStateException("witness veth " + name + " still there 20 s after the teardown");
            }
        }
        return System.nanoTime() - since;
    }

    /** 10.0.X.Y/16 for host i (1-based). */
    static String hostAddress(int i) {
        return "10.0." + (i / 250) + "." + (i % 250 + 1) + "/16";
    }

    // ---- through the JUnit extension

    /** One test's figures, in nanoseconds (times are {@link System#nanoTime()} values). */
    private record Run(long startToBody, long bodyNanos, long bodyToFinish, long bodyExit) {
    }

    private Run junit(Class<?> testClass, Body.Action action, String witnessNs, String witnessName) {
        if (session == null) {
            session = LauncherFactory.openSession();
        }
        Body.reset(action, witnessNs, witnessName);
        Timing timing = new Timing();
        session.getLauncher().execute(request(testClass), timing);
        timing.check(1);
        long[] t = timing.tests.get(0);
        long[] b = Body.runs.get(0);
        return new Run(b[0] - t[0], b[1] - b[0], t[1] - b[1], b[1]);
    }

    /** A request for the tests of {@code testClass}, with the pool mode of this JVM passed on explicitly. */
    static LauncherDiscoveryRequest request(Class<?> testClass) {
        LauncherDiscoveryRequestBuilder r = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectClass(testClass));
        String pool = System.getProperty(PeerBench.POOL_PROPERTY);
        if (pool != null) {
            r.configurationParameter(PeerBench.POOL_PROPERTY, pool);
        }
        r.configurationParameter(Netns4jConfig.MISSING_PRIVILEGE, "fail");
        return r.build();
    }

    /** Records when each test starts and finishes; remembers the first failure, skip or abort. */
    static final class Timing implements TestExecutionListener {
        final List<long[]> tests = new ArrayList<>();
        private final Map<String, Long> started = new HashMap<>();
        private String problem;

        @Override
        public void executionStarted(TestIdentifier id) {
            if (id.isTest()) {
                started.put(id.getUniqueId(), System.nanoTime());
            }
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            long now = System.nanoTime();
            if (id.isTest()) {
                tests.add(new long[] { started.get(id.getUniqueId()), now });
            }
            if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL && problem == null) {
                problem = id.getDisplayName() + " " + result.getStatus() + ": "
                        + result.getThrowable().map(String::valueOf).orElse("no exception");
            }
        }

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            if (problem == null) {
                problem = id.getDisplayName() + " skipped: " + reason;
            }
        }

        /** Throws unless exactly {@code expected} tests ran, all successful, each with one body run recorded. */
        void check(int expected) {
            if (problem != null) {
                throw new IllegalStateException(problem);
            }
            if (tests.size() != expected || Body.runs.size() != expected) {
                throw new IllegalStateException("expected " + expected + " tests, " + tests.size() + " finished and "
                        + Body.runs.size() + " bodies ran");
            }
        }
    }

    /** What the bench tests' bodies do, and when each body began and ended. */
    static final class Body {
        enum Action {
            NOTHING, PING, WITNESS
        }

        static volatile Action action = Action.NOTHING;
        static volatile String witnessNs;
        static volatile String witnessName;
        /** Per body run: its entry and exit, {@link System#nanoTime()}. */
        static final List<long[]> runs = new ArrayList<>();

        private Body() {
        }

        static void reset(Action a, String ns, String name) {
            action = a;
            witnessNs = ns;
            witnessName = name;
            synchronized (runs) {
                runs.clear();
            }
        }

        static void run(NetNs client, NetNs server, String witnessPrefix) {
            long entry = System.nanoTime();
            switch (action) {
            case NOTHING -> {
                // the topology is built and injected: that is all a test of case a needs
            }
            case PING -> pingUntilReply(client);
            case WITNESS -> {
                if (witnessPrefix == null) {
                    witness(client, witnessNs, witnessName);
                } else {
                    witness(client, witnessNs, witnessPrefix + "c");
                    witness(server, witnessNs, witnessPrefix + "s");
                }
            }
            }
            long exit = System.nanoTime();
            synchronized (runs) {
                runs.add(new long[] { entry, exit });
            }
        }
    }

    /** Case a through the extension: two namespaces, one veth, addresses, both ends operationally up. */
    @NetworkTest
    @NetNamespace("client")
    @NetNamespace("server")
    @VethLink(a = "client", aAddress = "10.0.0.1/24", b = "server", bAddress = "10.0.0.2/24")
    public static class CaseA {
        @Test
        void caseA(@Ns("client") NetNs client, @Ns("server") NetNs server) {
            Body.run(client, server, null);
        }
    }

    /** Case b through the extension: four namespaces on one bridge that lives in a fifth. */
    @NetworkTest
    @NetNamespace("sw")
    @NetNamespace("h1")
    @NetNamespace("h2")
    @NetNamespace("h3")
    @NetNamespace("h4")
    @Bridge(name = "br0", namespace = "sw", ports = { @BridgePort(ns = "h1", address = "10.0.0.2/16"),
            @BridgePort(ns = "h2", address = "10.0.0.3/16"), @BridgePort(ns = "h3", address = "10.0.0.4/16"),
            @BridgePort(ns = "h4", address = "10.0.0.5/16") })
    public static class CaseB {
        @Test
        void caseB() {
            Body.run(null, null, null);
        }
    }

    /** The same test without a topology: what JUnit itself costs. */
    public static class Control {
        @Test
        void caseA() {
            Body.run(null, null, null);
        }
    }
}
