package io.netns4j.junit;

import static io.netns4j.packet.Matchers.icmp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.netns4j.Capture;
import io.netns4j.NetNs;
import io.netns4j.Netns4jConfig;
import io.netns4j.NetworkTest;
import io.netns4j.PingResult;
import io.netns4j.Tap;
import io.netns4j.Topology;
import io.netns4j.annotations.Bridge;
import io.netns4j.annotations.BridgePort;
import io.netns4j.annotations.Dev;
import io.netns4j.annotations.NetNamespace;
import io.netns4j.annotations.Ns;
import io.netns4j.annotations.Partition;
import io.netns4j.annotations.TapDevice;
import io.netns4j.annotations.TopologyScope;
import io.netns4j.annotations.VethLink;
import io.netns4j.packet.LinkType;
import io.netns4j.packet.Packet;
import io.netns4j.internal.junit.TopologyLocks;
import io.netns4j.internal.runtime.Capabilities;
import io.netns4j.testsupport.Leftovers;
import java.io.InputStream;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.hierarchical.ExclusiveResource;
import org.junit.platform.engine.support.hierarchical.Node;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

/**
 * JUnit's parallel execution with netns4j: {@value #CLASSES} test classes of {@value #REPETITIONS} repetitions each,
 * with classes and methods concurrent on {@value #PARALLELISM} threads, run through the engine {@value #RUNS} times in
 * a row. Every fixture declares the same namespace names, interface names and addresses as the others, builds per
 * method (one shares a per-class topology among its concurrent repetitions), and exercises a different part of the
 * library: pings, a bridge, a TAP device, captures, partitions (nftables), programs, Java code and sockets in
 * namespaces, and a programmatic topology. Every test must pass every time, and nothing may be left in the kernel.
 */
@DisplayName("JUnit parallel execution")
class ParallelExecutionTest {

    private static final int CLASSES = 8;
    private static final int REPETITIONS = 20;
    private static final int PARALLELISM = 8;
    private static final int RUNS = 3;
    private static final List<Class<?>> FIXTURES = List.of(ProgrammaticTestCase.class, BridgeTestCase.class,
            TapTestCase.class, CaptureTestCase.class, PartitionTestCase.class, ExecTestCase.class,
            SocketsTestCase.class, SharedTopologyTestCase.class);
    private static final Map<String, String> PARALLEL = Map.of("junit.jupiter.execution.parallel.enabled", "true",
            "junit.jupiter.execution.parallel.mode.default", "concurrent",
            "junit.jupiter.execution.parallel.mode.classes.default", "concurrent",
            "junit.jupiter.execution.parallel.config.strategy", "fixed",
            "junit.jupiter.execution.parallel.config.fixed.parallelism", Integer.toString(PARALLELISM),
            "junit.jupiter.execution.parallel.config.fixed.max-pool-size", Integer.toString(PARALLELISM));

    @Test
    @DisplayName(CLASSES + " classes x " + REPETITIONS + " repetitions, classes and methods concurrent, " + RUNS
            + " runs: every test passes every time")
    void stress() {
        assumeTrue(Capabilities.missing().isEmpty(), () -> Capabilities.missing().orElseThrow());
        List<Class<?>> classes = FIXTURES;
        assertThat(classes).hasSize(CLASSES);
        int expected = classes.size() * REPETITIONS;
        for (int run = 1; run <= RUNS; run++) {
            // The warm namespace pool (on by default) is shared by every build of the JVM: on in runs 1 and 3.
            String pool = run % 2 == 1 ? "on" : "off";
            Leftovers.Snapshot before = Leftovers.snapshot();
            long t0 = System.nanoTime();
            Concurrency.reset();
            EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                    .selectors(classes.stream().map(c -> selectClass(c)).toArray(DiscoverySelector[]::new))
                    .configurationParameter(BadInputFixture.RUN, "true").configurationParameters(PARALLEL)
                    .configurationParameter(Netns4jConfig.POOL, pool).execute();
            double seconds = (System.nanoTime() - t0) / 1e9;
            int round = run;
            String problems = results.allEvents().stream()
                    .filter(e -> e.getType() == EventType.SKIPPED || e.getPayload(TestExecutionResult.class)
                            .filter(r -> r.getStatus() != TestExecutionResult.Status.SUCCESSFUL).isPresent())
                    .map(ParallelExecutionTest::describe).collect(Collectors.joining("\n"));
            assertThat(results.testEvents().succeeded().count())
                    .as("run %d: tests that passed; the others:%n%s", round, problems).isEqualTo(expected);
            assertThat(results.allEvents().failed().count() + results.allEvents().skipped().count()
                    + results.allEvents().aborted().count()).as("run %d: problems:%n%s", round, problems).isZero();
            System.out.printf(
                    "[ParallelExecutionTest] run %d (pool %s): %d tests in %d classes, %d threads: %.1f s,"
                            + " at most %d tests at once%n",
                    run, pool, expected, classes.size(), PARALLELISM, seconds, Concurrency.max.get());
            assertThat(Concurrency.max.get()).as("run %d: the most tests that ran at the same time", round)
                    .isGreaterThan(1);
            await("nothing left in the kernel after run " + run).atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(50))
                    .untilAsserted(() -> assertThat(Leftovers.newSince(before)).isEmpty());
        }
    }

    @Test
    @DisplayName("tests that partition a PER_CLASS topology run alone; the others share it concurrently")
    void sharedTopologyLocks() {
        assumeTrue(Capabilities.missing().isEmpty(), () -> Capabilities.missing().orElseThrow());
        Concurrency.reset();
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(PartitionsSharedTopologyTestCase.class))
                .configurationParameter(BadInputFixture.RUN, "true").configurationParameters(PARALLEL).execute();
        String problems = results.allEvents().stream()
                .filter(e -> e.getType() == EventType.SKIPPED || e.getPayload(TestExecutionResult.class)
                        .filter(r -> r.getStatus() != TestExecutionResult.Status.SUCCESSFUL).isPresent())
                .map(ParallelExecutionTest::describe).collect(Collectors.joining("\n"));
        assertThat(results.testEvents().succeeded().count()).as("tests that passed; the others:%n%s", problems)
                .isEqualTo(3L * REPETITIONS);
        assertThat(Concurrency.max.get()).as("the most tests that ran at the same time").isGreaterThan(1);
        assertThat(PartitionsSharedTopologyTestCase.overlaps.get())
                .as("partitioning tests that overlapped another test of the class").isZero();
    }

    @Test
    @DisplayName("JUnit sees the lock of a PER_CLASS topology: READ_WRITE for tests with faults, READ for the others")
    void declaredLocks() {
        TestDescriptor fixture = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(PartitionsSharedTopologyTestCase.class))
                .configurationParameter(BadInputFixture.RUN, "true").discover().getEngineDescriptor().getChildren()
                .iterator().next();
        String key = TopologyLocks.PREFIX + PartitionsSharedTopologyTestCase.class.getName();
        assertThat(((Node<?>) fixture).getExclusiveResources()).as("the class's own locks").isEmpty();
        Map<String, Set<ExclusiveResource>> locks = fixture.getChildren().stream()
                .collect(Collectors.toMap(d -> d.getDisplayName(), d -> ((Node<?>) d).getExclusiveResources()));
        assertThat(locks).containsOnly(
                Map.entry("cutsTheSharedTopology(NetNs)",
                        Set.of(new ExclusiveResource(key, ExclusiveResource.LockMode.READ_WRITE))),
                Map.entry("readsTheSharedTopology(NetNs)",
                        Set.of(new ExclusiveResource(key, ExclusiveResource.LockMode.READ))),
                Map.entry("readsItToo(NetNs)", Set.of(new ExclusiveResource(key, ExclusiveResource.LockMode.READ))));
        TestDescriptor perMethod = EngineTestKit.engine("junit-jupiter").selectors(selectClass(CaptureTestCase.class))
                .configurationParameter(BadInputFixture.RUN, "true").discover().getEngineDescriptor().getChildren()
                .iterator().next();
        assertThat(perMethod.getChildren()).as("tests with a topology of their own")
                .allSatisfy(d -> assertThat(((Node<?>) d).getExclusiveResources()).isEmpty());
    }

    private static String describe(Event e) {
        String what = e.getTestDescriptor().getUniqueId().toString();
        return e.getType() + " " + what + e.getPayload(TestExecutionResult.class)
                .flatMap(TestExecutionResult::getThrowable).map(t -> ": " + t).orElse("")
                + e.getPayload(String.class).map(r -> ": " + r).orElse("");
    }

    /** A fixture of this test: run only through the engine ({@link BadInputFixture}), its concurrency counted. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @BadInputFixture
    @ExtendWith(Concurrency.class)
    @interface StressFixture {
    }

    /** Counts the fixtures' tests that run at the same time, to show that the engine did run them in parallel. */
    static final class Concurrency implements BeforeEachCallback, AfterEachCallback {
        static final AtomicInteger running = new AtomicInteger();
        static final AtomicInteger max = new AtomicInteger();

        static void reset() {
            running.set(0);
            max.set(0);
        }

        @Override
        public void beforeEach(ExtensionContext context) {
            int now = running.incrementAndGet();
            max.accumulateAndGet(now, Math::max);
        }

        @Override
        public void afterEach(ExtensionContext context) {
            running.decrementAndGet();
        }
    }

    // ---- fixtures: run only through the engine, by the test above. All use the same names and addresses.

    /** a, b and c on bridge br0, 10.0.0.1-3/24. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @NetNamespace("a")
    @NetNamespace("b")
    @NetNamespace("c")
    @Bridge(name = "br0", ports = { @BridgePort(ns = "a", address = "10.0.0.1/24"),
            @BridgePort(ns = "b", address = "10.0.0.2/24"), @BridgePort(ns = "c", address = "10.0.0.3/24") })
    @interface ThreeOnABridge {
    }

    /** a 10.0.0.1/24 and b 10.0.0.2/24 on one veth pair. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @NetNamespace("a")
    @NetNamespace("b")
    @VethLink(a = "a", aAddress = "10.0.0.1/24", b = "b", bAddress = "10.0.0.2/24")
    @interface TwoOnALink {
    }

    @StressFixture
    @NetworkTest
    @ThreeOnABridge
    static class BridgeTestCase {
        @RepeatedTest(REPETITIONS)
        void everyHostReachesTheOthers(@Ns("a") NetNs a, @Ns("c") NetNs c) {
            for (PingResult p : List.of(a.ping("10.0.0.2", 1, Duration.ofSeconds(5)),
                    a.ping("10.0.0.3", 1, Duration.ofSeconds(5)), c.ping("10.0.0.1", 1, Duration.ofSeconds(5)))) {
                assertThat(p.allReceived()).as("%s", p).isTrue();
            }
        }
    }

    @StressFixture
    @NetworkTest
    @NetNamespace("a")
    @TapDevice(ns = "a", name = "tap0", address = "10.0.0.1/24")
    static class TapTestCase {
        @RepeatedTest(REPETITIONS)
        void readsTheArpRequestOfItsNamespace(@Ns("a") NetNs a, @Dev(ns = "a", name = "tap0") Tap tap)
                throws Exception {
            assertThat(tap.namespace()).isSameAs(a);
            try (java.net.DatagramSocket s = a.datagramSocket(0)) {
                s.send(new java.net.DatagramPacket(new byte[] { 1 }, 1, new java.net.InetSocketAddress("10.0.0.2", 9)));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (true) {
                assertThat(System.nanoTime()).as("an ARP request read from tap0 within 5 s").isLessThan(deadline);
                java.util.Optional<byte[]> frame = tap.read(Duration.ofMillis(500));
                if (frame.isPresent()) {
                    Packet p = Packet.decode(LinkType.ETHERNET, frame.get());
                    if (p.arp().isPresent()) {
                        assertThat(p.arp().get().targetIp().getHostAddress()).isEqualTo("10.0.0.2");
                        return;
                    }
                }
            }
        }
    }

    @StressFixture
    @NetworkTest
    @TwoOnALink
    static class CaptureTestCase {
        @RepeatedTest(REPETITIONS)
        void capturesThePingsOfItsOwnLink(@Ns("a") NetNs a, @Ns("b") NetNs b) {
            try (Capture capture = b.capture("eth0")) {
                assertThat(a.ping("10.0.0.2", 2, Duration.ofSeconds(5)).allReceived()).isTrue();
                io.netns4j.assertj.Assertions.assertThat(capture)
                        .hasPacket(icmp().echoRequest().src("10.0.0.1").dst("10.0.0.2")).within(Duration.ofSeconds(5));
            }
        }
    }

    @StressFixture
    @NetworkTest
    @ThreeOnABridge
    static class PartitionTestCase {
        @RepeatedTest(REPETITIONS)
        @Partition({ "a", "b, c" })
        void theCutHoldsUntilHealed(Topology net, @Ns("a") NetNs a, @Ns("b") NetNs b) {
            assertThat(a.ping("10.0.0.2", 1, Duration.ofMillis(300)).received()).isZero();
            assertThat(b.ping("10.0.0.3", 1, Duration.ofSeconds(5)).allReceived()).isTrue();
            net.heal();
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> a.ping("10.0.0.2", 1, Duration.ofSeconds(1)).allReceived());
        }
    }

    @StressFixture
    @NetworkTest
    @TwoOnALink
    static class ExecTestCase {
        @RepeatedTest(REPETITIONS)
        void programsSeeTheirOwnNamespace(@Ns("a") NetNs a) {
            var result = a.exec("ip", "-o", "-4", "addr", "show", "dev", "eth0");
            assertThat(result.exitCode()).as("%s", result).isZero();
            assertThat(result.stdout()).contains("inet 10.0.0.1/24");
        }
    }

    @StressFixture
    @NetworkTest
    @TwoOnALink
    static class SocketsTestCase {
        @RepeatedTest(REPETITIONS)
        void echoOverTcp(@Ns("a") NetNs a, @Ns("b") NetNs b) throws Exception {
            try (ServerSocket server = b.serverSocket(7000)) {
                Future<?> echo = b.submit(() -> {
                    try (Socket s = server.accept()) {
                        s.getOutputStream().write(s.getInputStream().readNBytes(5));
                    }
                    return null;
                });
                try (Socket client = a.socket("10.0.0.2", 7000)) {
                    OutputStream out = client.getOutputStream();
                    out.write("hello".getBytes(StandardCharsets.US_ASCII));
                    InputStream in = client.getInputStream();
                    assertThat(new String(in.readNBytes(5), StandardCharsets.US_ASCII)).isEqualTo("hello");
                }
                echo.get();
            }
        }
    }

    /** One topology for the class; its repetitions run concurrently on it, reading only. */
    @StressFixture
    @NetworkTest(scope = TopologyScope.PER_CLASS)
    @TwoOnALink
    static class SharedTopologyTestCase {
        @RepeatedTest(REPETITIONS)
        void concurrentReadersOfOneTopology(@Ns("a") NetNs a) throws Exception {
            assertThat(a.ping("10.0.0.2", 1, Duration.ofSeconds(5)).allReceived()).isTrue();
            String inode = a.run(() -> java.nio.file.Files
                    .readSymbolicLink(java.nio.file.Path.of("/proc/thread-self/ns/net")).toString());
            assertThat(inode).startsWith("net:[");
            assertThat(a.links()).anySatisfy(l -> assertThat(l.name()).isEqualTo("eth0"));
        }
    }

    /**
     * One topology for the class: two methods only read it, concurrently; one partitions it and must see no other test
     * running meanwhile (else the readers would find a cut network, and it would count an overlap).
     */
    @StressFixture
    @NetworkTest(scope = TopologyScope.PER_CLASS)
    @ThreeOnABridge
    static class PartitionsSharedTopologyTestCase {
        static final AtomicInteger running = new AtomicInteger();
        static final AtomicInteger overlaps = new AtomicInteger();

        @RepeatedTest(REPETITIONS)
        @Partition({ "a", "b, c" })
        void cutsTheSharedTopology(@Ns("a") NetNs a) {
            if (running.incrementAndGet() != 1) {
                overlaps.incrementAndGet();
            }
            try {
                assertThat(a.ping("10.0.0.2", 1, Duration.ofMillis(300)).received()).isZero();
            } finally {
                running.decrementAndGet();
            }
        }

        @RepeatedTest(REPETITIONS)
        void readsTheSharedTopology(@Ns("a") NetNs a) {
            pingsWhileCounted(a, "10.0.0.2");
        }

        @RepeatedTest(REPETITIONS)
        void readsItToo(@Ns("c") NetNs c) {
            pingsWhileCounted(c, "10.0.0.1");
        }

        /** One ping from {@code from} to {@code address} gets through, counted in {@code running} while it runs. */
        private static void pingsWhileCounted(NetNs from, String address) {
            running.incrementAndGet();
            try {
                assertThat(from.ping(address, 1, Duration.ofSeconds(5)).allReceived()).isTrue();
            } finally {
                running.decrementAndGet();
            }
        }
    }

    @StressFixture
    static class ProgrammaticTestCase {
        @RepeatedTest(REPETITIONS)
        void buildsItsOwnTopology() {
            try (Topology net = Topology.builder().namespace("a").namespace("b")
                    .veth("a", "b", v -> v.aName("eth0").aAddress("10.0.0.1/24").bName("eth0").bAddress("10.0.0.2/24"))
                    .build()) {
                assertThat(net.ns("a").ping("10.0.0.2", 1, Duration.ofSeconds(5)).allReceived()).isTrue();
            }
        }
    }
}
