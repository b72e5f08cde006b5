package io.netns4j.junit;

import static io.netns4j.assertj.Assertions.assertThat;
import static io.netns4j.packet.Matchers.icmp;
import static io.netns4j.packet.Matchers.tcp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.netns4j.Capture;
import io.netns4j.NetNs;
import io.netns4j.NetworkTest;
import io.netns4j.Topology;
import io.netns4j.annotations.NetNamespace;
import io.netns4j.annotations.Ns;
import io.netns4j.annotations.VethLink;
import io.netns4j.internal.runtime.FailureArtifacts;
import io.netns4j.testsupport.Leftovers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.engine.OutputDirectoryCreator;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;
import org.opentest4j.AssertionFailedError;

/**
 * What netns4j keeps of a failed test: the fixture tests ({@code *TestCase}, run through the JUnit engine with
 * {@link EngineTestKit}, guarded by {@link BadInputFixture}) capture a ping between two namespaces and then fail, or
 * pass. A failure must keep the capture's pcap under {@value FailureArtifacts#REPORT_DIR}
 * ({@code <class>/<method>-<id>/}), name it in a suppressed exception of the failure, and publish it to the JUnit
 * report; {@code tshark}, an independent reader, must find the ping in it. A passing test keeps nothing.
 */
@DisplayName("the packets of a failed test are kept")
class FailureArtifactsTest {

    /** The message of the suppressed exception naming what was kept. */
    private static String kept(Path topology, Path pcap) {
        return "netns4j kept the topology's kernel state in " + topology
                + (pcap == null ? "" : "; the packets captured by this test in " + pcap);
    }

    @TempDir
    Path reports;

    @TempDir
    Path junitFiles;

    private String previousReportDir;

    @BeforeEach
    void pointTheReportDirHere() {
        previousReportDir = System.getProperty(FailureArtifacts.REPORT_DIR);
        System.setProperty(FailureArtifacts.REPORT_DIR, reports.toString());
    }

    @AfterEach
    void restoreTheReportDir() {
        if (previousReportDir == null) {
            System.clearProperty(FailureArtifacts.REPORT_DIR);
        } else {
            System.setProperty(FailureArtifacts.REPORT_DIR, previousReportDir);
        }
    }

    @Test
    void aFailedTestKeepsThePcapOfItsCaptureAndSaysWhere() throws Exception {
        EngineExecutionResults results = run(PingThenFailTestCase.class);
        Event failed = onlyFailure(results);
        Throwable thrown = throwable(failed);
        assertThat(thrown).isInstanceOf(AssertionFailedError.class).hasMessage("boom");

        Path directory = testDirectory(failed, PingThenFailTestCase.class, "pingsThenFails");
        Path pcap = onlyPcap(directory);
        assertThat(pcap.getFileName().toString()).matches("server-eth0-[0-9a-f]+\\.pcap");
        Path topology = directory.resolve("topology.txt");
        assertThat(thrown.getSuppressed()).extracting(Throwable::getMessage).containsExactly(kept(topology, pcap));

        assertThat(tsharkIcmp(pcap)).containsExactly("10.0.0.1 10.0.0.2 8 1", "10.0.0.2 10.0.0.1 0 1",
                "10.0.0.1 10.0.0.2 8 2", "10.0.0.2 10.0.0.1 0 2", "10.0.0.1 10.0.0.2 8 3", "10.0.0.2 10.0.0.1 0 3");

        List<Event> published = filesPublished(results).stream()
                .filter(e -> e.getRequiredPayload(FileEntry.class).getPath().toString().endsWith(".pcap")).toList();
        assertThat(filesPublished(results)).hasSize(2);
        assertThat(published).singleElement().satisfies(e -> {
            assertThat(e.getTestDescriptor()).isEqualTo(failed.getTestDescriptor());
            FileEntry file = e.getRequiredPayload(FileEntry.class);
            assertThat(file.getPath().getFileName()).isEqualTo(pcap.getFileName());
            assertThat(file.getPath()).startsWith(junitFiles).hasSameBinaryContentAs(pcap);
            assertThat(file.getMediaType()).hasValue("application/vnd.tcpdump.pcap");
        });
    }

    @Test
    void aFailedCaptureAssertionNamesTheFileThatIsKept() throws Exception {
        EngineExecutionResults results = run(CaptureAssertionFailsTestCase.class);
        Event failed = onlyFailure(results);
        Throwable thrown = throwable(failed);

        Path directory = testDirectory(failed, CaptureAssertionFailsTestCase.class, "expectsTcp");
        Path pcap = onlyPcap(directory);
        assertThat(thrown).isInstanceOf(AssertionError.class).hasMessageStartingWith(String.format(
                "%nExpecting capture on eth0 in namespace server%nto have a packet matching:%n  tcp%nwithin 200 ms,"))
                .hasMessageEndingWith(String.format("%npcap: %s", pcap));
        assertThat(thrown.getSuppressed()).extracting(Throwable::getMessage)
                .containsExactly(kept(directory.resolve("topology.txt"), pcap));
        assertThat(tsharkIcmp(pcap)).hasSize(2);
        assertThat(filesPublished(results)).hasSize(2);
    }

    @Test
    void aFailedTestKeepsTheKernelStateOfItsTopologyAndSaysWhere() throws Exception {
        EngineExecutionResults results = run(StateThenFailTestCase.class);
        Event failed = onlyFailure(results);
        Throwable thrown = throwable(failed);
        assertThat(thrown).isInstanceOf(AssertionFailedError.class).hasMessage("boom");

        Path topology = testDirectory(failed, StateThenFailTestCase.class, "failsWithStateInForce")
                .resolve("topology.txt");
        assertThat(topology).isRegularFile();
        assertThat(thrown.getSuppressed()).extracting(Throwable::getMessage).containsExactly(kept(topology, null));
        String text = Files.readString(topology);

        assertThat(text).contains("-- cuts in force\n  " + StateThenFailTestCase.cut + "\n",
                "-- impairments in force\n  " + StateThenFailTestCase.impairment + "\n");
        String a = namespaceSection(text, "a");
        String b = namespaceSection(text, "b");
        assertThat(a).containsPattern("\\n  1: lo - state UNKNOWN admin-up mtu 65536 00:00:00:00:00:00 \\| rx \\d+ pkt")
                .containsPattern("\\n  \\d+: eth0 veth state UP admin-up mtu 1500 ([0-9a-f]{2}:){5}[0-9a-f]{2} \\| rx ")
                .contains("-- addresses\n", "  10.0.0.1/24 dev eth0\n", "-- routes (main table)\n",
                        "  10.0.0.0/24 dev eth0\n", "-- neighbours\n", "table inet netns4j {", "-- qdiscs\n",
                        "eth0: qdisc tbf ", "rate 1Mbit",
                        "-- processes\n  " + StateThenFailTestCase.sleep + " sleep 30\n");
        assertThat(a).containsPattern("\\n  10\\.0\\.0\\.2 dev eth0 lladdr ([0-9a-f]{2}:){5}[0-9a-f]{2} "
                + "(REACHABLE|STALE|DELAY|PROBE)\\n");
        assertThat(b).contains("  10.0.0.2/24 dev eth0\n", "table inet netns4j {")
                .doesNotContain("qdisc tbf", "sleep 30").contains("-- processes\n  (none)\n");
        // the three echo requests the client sent before the partition, at least, are counted
        java.util.regex.Matcher eth0 = java.util.regex.Pattern.compile("eth0 veth .* tx (\\d+) pkt (\\d+) B")
                .matcher(a);
        assertThat(eth0.find()).as("eth0 with counters in %s", a).isTrue();
        assertThat(Long.parseLong(eth0.group(1))).isGreaterThanOrEqualTo(3);
        assertThat(Long.parseLong(eth0.group(2))).isGreaterThanOrEqualTo(3 * 98);

        assertThat(filesPublished(results)).singleElement().satisfies(e -> {
            assertThat(e.getTestDescriptor()).isEqualTo(failed.getTestDescriptor());
            FileEntry file = e.getRequiredPayload(FileEntry.class);
            assertThat(file.getPath().getFileName()).hasToString("topology.txt");
            assertThat(file.getPath()).startsWith(junitFiles).hasSameTextualContentAs(topology);
            assertThat(file.getMediaType()).hasValue("text/plain; charset=UTF-8");
        });
    }

    /** The part of the dump about namespace {@code name}, up to the next namespace. */
    private static String namespaceSection(String text, String name) {
        String head = "\n==== namespace " + name + " ====\n";
        assertThat(text).contains(head);
        String rest = text.substring(text.indexOf(head) + head.length());
        int next = rest.indexOf("\n==== namespace ");
        return next < 0 ? rest : rest.substring(0, next);
    }

    @Test
    void aPassingTestKeepsNothing() throws IOException {
        EngineExecutionResults results = run(PingAndPassTestCase.class);
        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1).failed(0));
        try (Stream<Path> files = Files.walk(reports)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
        assertThat(filesPublished(results)).isEmpty();
    }

    // ---- running the fixtures

    /** Runs a fixture class through the engine, with file publication to {@link #junitFiles}. */
    private EngineExecutionResults run(Class<?> fixture) {
        Leftovers.Snapshot before = Leftovers.snapshot();
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture))
                .configurationParameter(BadInputFixture.RUN, "true")
                .outputDirectoryCreator(new OutputDirectories(junitFiles)).execute();
        await("nothing left in the kernel by " + fixture.getSimpleName()).atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> assertThat(Leftovers.newSince(before)).isEmpty());
        return results;
    }

    /** One directory per test descriptor under {@code root}, as a launcher's provider would make. */
    private record OutputDirectories(Path root) implements OutputDirectoryCreator {

        @Override
        public Path getRootDirectory() {
            return root;
        }

        @Override
        public Path createOutputDirectory(TestDescriptor descriptor) throws IOException {
            return Files.createDirectories(
                    root.resolve(Integer.toHexString(descriptor.getUniqueId().toString().hashCode())));
        }
    }

    private static Event onlyFailure(EngineExecutionResults results) {
        results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
        return results.testEvents().failed().list().get(0);
    }

    private static Throwable throwable(Event event) {
        return event.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable)
                .orElseThrow(() -> new AssertionError("no exception in " + event));
    }

    private static List<Event> filesPublished(EngineExecutionResults results) {
        return results.allEvents().filter(e -> e.getType() == EventType.FILE_ENTRY_PUBLISHED).toList();
    }

    /** {@code <report dir>/<class>/<method>-<hash of the test's unique id>}, as the extension names it. */
    private Path testDirectory(Event test, Class<?> fixture, String method) {
        String name = method + "-" + test.getTestDescriptor().getUniqueId().toString().hashCode();
        return reports.resolve(fixture.getName().replace('$', '_')).resolve(name);
    }

    private static Path onlyPcap(Path directory) throws IOException {
        assertThat(directory).isDirectory();
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> kept = files.filter(f -> f.toString().endsWith(".pcap")).toList();
            assertThat(kept).hasSize(1);
            return kept.get(0);
        }
    }

    /** The ICMP messages of {@code pcap} as tshark reads them: source, destination, type, sequence number. */
    private static List<String> tsharkIcmp(Path pcap) throws Exception {
        Process p = new ProcessBuilder("tshark", "-r", pcap.toString(), "-Y", "icmp", "-T", "fields", "-e", "ip.src",
                "-e", "ip.dst", "-e", "icmp.type", "-e", "icmp.seq").redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("tshark finished").isTrue();
        assertThat(p.exitValue()).as("tshark's exit status").isZero();
        return out.lines().map(l -> l.replace('\t', ' ')).toList();
    }

    // ---- fixtures: run only through the engine, by the tests above

    @BadInputFixture
    @NetworkTest
    @NetNamespace("client")
    @NetNamespace("server")
    @VethLink(a = "client", aAddress = "10.0.0.1/24", b = "server", bAddress = "10.0.0.2/24")
    static class PingThenFailTestCase {

        @Test
        void pingsThenFails(@Ns("client") NetNs client, @Ns("server") NetNs server) {
            Capture capture = server.capture("eth0");
            assertThat(client.ping("10.0.0.2")).allReceived();
            assertThat(capture).hasPackets(icmp().echoReply()).count(3);
            fail("boom");
        }
    }

    @BadInputFixture
    @NetworkTest
    @NetNamespace("client")
    @NetNamespace("server")
    @VethLink(a = "client", aAddress = "10.0.0.1/24", b = "server", bAddress = "10.0.0.2/24")
    static class CaptureAssertionFailsTestCase {

        @Test
        void expectsTcp(@Ns("client") NetNs client, @Ns("server") NetNs server) {
            Capture capture = server.capture("eth0");
            assertThat(client.ping("10.0.0.2", 1, Duration.ofSeconds(1))).allReceived();
            assertThat(capture).hasPackets(icmp().v4()).count(2).hasPacket(tcp()).within(Duration.ofMillis(200));
        }
    }

    @BadInputFixture
    @NetworkTest
    @NetNamespace("a")
    @NetNamespace("b")
    @VethLink(a = "a", aAddress = "10.0.0.1/24", b = "b", bAddress = "10.0.0.2/24")
    static class StateThenFailTestCase {

        static volatile String cut;
        static volatile String impairment;
        static volatile int sleep;

        @Test
        void failsWithStateInForce(Topology net, @Ns("a") NetNs a) {
            assertThat(a.ping("10.0.0.2")).allReceived();
            cut = net.partition(Set.of("a"), Set.of("b")).toString();
            impairment = net.link("a", "eth0").impair().loss(10).rate(1000).apply().toString();
            sleep = a.start("sleep", "30").pid();
            fail("boom");
        }
    }

    @BadInputFixture
    @NetworkTest
    @NetNamespace("client")
    @NetNamespace("server")
    @VethLink(a = "client", aAddress = "10.0.0.1/24", b = "server", bAddress = "10.0.0.2/24")
    static class PingAndPassTestCase {

        @Test
        void pingsAndPasses(@Ns("client") NetNs client, @Ns("server") NetNs server) {
            Capture capture = server.capture("eth0");
            assertThat(client.ping("10.0.0.2")).allReceived();
            assertThat(capture).hasPackets(icmp().echoReply()).count(3);
        }
    }
}
