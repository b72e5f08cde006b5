package io.netns4j.junit;

import static io.netns4j.assertj.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.netns4j.Netns4jConfig;
import io.netns4j.NetNs;
import io.netns4j.NetworkTest;
import io.netns4j.annotations.Bridge;
import io.netns4j.annotations.BridgePort;
import io.netns4j.annotations.NetNamespace;
import io.netns4j.annotations.Ns;
import io.netns4j.annotations.VethLink;
import io.netns4j.internal.runtime.DebugNames;
import io.netns4j.internal.runtime.FailureArtifacts;
import io.netns4j.internal.runtime.KeepOnFailure;
import io.netns4j.testsupport.Leftovers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;
import org.opentest4j.AssertionFailedError;

/**
 * {@code netns4j.keepOnFailure} and {@code @NetworkTest(keepOnFailure)}: the fixtures ({@code *TestCase}, run through
 * the JUnit engine on a thread of their own) fail with a veth pair between {@code a} (10.0.0.1) and {@code b}
 * (10.0.0.2). While the topology is kept, {@code ip netns exec} and {@code nsenter}, run by this test as independent
 * witnesses with the commands the hint gives, must see its links and addresses; afterwards nothing may be left: no name
 * under {@code /run/netns}, no namespace, no {@code kept.txt}.
 */
@DisplayName("keepOnFailure")
class KeepOnFailureTest {

    private static final Pattern IP_NETNS = Pattern
            .compile("  (\\S+) +ip netns exec (\\S+) bash\\n +(nsenter \\S+) bash");

    @TempDir
    Path reports;

    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> new Thread(r, "fixture-runner"));

    @AfterEach
    void stopTheRunner() {
        runner.shutdownNow();
    }

    @Nested
    @DisplayName("keeps a failed test's topology")
    class Keeps {

        @Test
        @DisplayName("for the configured time, with a name per namespace that ip netns exec and nsenter enter")
        void forTheConfiguredTime() throws Exception {
            Leftovers.Snapshot before = Leftovers.snapshot();
            java.io.ByteArrayOutputStream stderr = new java.io.ByteArrayOutputStream();
            java.io.PrintStream previous = System.err;
            System.setErr(new java.io.PrintStream(stderr, true, StandardCharsets.UTF_8));
            Future<EngineExecutionResults> run = start(KeptTestCase.class,
                    Map.of(Netns4jConfig.KEEP_ON_FAILURE, "10s"));
            Path marker = awaitMarker();
            long seen = System.nanoTime();
            String hint = Files.readString(marker);
            Map<String, String[]> entered = commands(hint);
            assertThat(entered).containsOnlyKeys("a", "b");
            String run0 = ProcessHandle.current().pid() + "\\." + DebugNames.run().split("\\.")[1] + "\\.\\d+";
            assertThat(entered.get("a")[0]).matches("netns4j-" + run0 + "-\\d+-a");
            assertThat(entered.get("b")[0]).matches(entered.get("a")[0].replaceAll("-a$", "-b"));
            assertThat(hint).startsWith("netns4j keeps the topology of the failed test KeptTestCase.failsAfterAPing()"
                    + " for 10 s (until ").contains("Release it now: rm " + marker + "\n");

            assertThat(sh("ip netns list")).contains(entered.get("a")[0], entered.get("b")[0]);
            assertThat(sh("ip netns exec " + entered.get("a")[0] + " ip -br addr show dev eth0"))
                    .matches("eth0@\\S+ +UP +10\\.0\\.0\\.1/24 .*\\n");
            assertThat(sh("ip netns exec " + entered.get("b")[0] + " ip -br link")).containsPattern("(?m)^lo +UNKNOWN")
                    .containsPattern("(?m)^eth0@\\S+ +UP ");
            assertThat(sh(entered.get("b")[1] + " ip -br addr show dev eth0")).contains("10.0.0.2/24");
            assertThat(sh("ip netns exec " + entered.get("a")[0] + " ping -c1 -W2 10.0.0.2")).contains("1 received");

            EngineExecutionResults results;
            try {
                results = run.get(30, TimeUnit.SECONDS);
            } finally {
                System.setErr(previous);
            }
            Path topology = marker.resolveSibling("topology.txt");
            assertThat(stderr.toString(StandardCharsets.UTF_8)).isEqualTo(hint + "Its state when the test failed is in "
                    + topology + "\nnetns4j released the topology of KeptTestCase.failsAfterAPing(): 10 s passed.\n");
            assertThat(System.nanoTime() - seen).as("time kept after the hint")
                    .isGreaterThan(TimeUnit.MILLISECONDS.toNanos(9000));
            assertGone(entered, marker);
            await("nothing left in the kernel").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                    .untilAsserted(() -> assertThat(Leftovers.newSince(before)).isEmpty());

            Throwable thrown = onlyFailure(results);
            assertThat(thrown).isInstanceOf(AssertionFailedError.class).hasMessage("boom");
            assertThat(thrown.getSuppressed()).singleElement().extracting(Throwable::getMessage).asString()
                    .startsWith("netns4j kept the topology's kernel state in ");
            assertThat(reportEntries(results)).singleElement().asString()
                    .isEqualTo(hint + "Its state when the test failed is in " + marker.resolveSibling("topology.txt"));
        }

        @Test
        @DisplayName("until its kept.txt is deleted, with @NetworkTest(keepOnFailure = \"true\")")
        void untilReleased() throws Exception {
            Future<EngineExecutionResults> run = start(KeptUntilReleasedTestCase.class, Map.of());
            Path marker = awaitMarker();
            String hint = Files.readString(marker);
            assertThat(hint).contains(" until it is released.\n");
            Map<String, String[]> entered = commands(hint);
            assertThat(sh("ip netns exec " + entered.get("a")[0] + " ip -br link")).containsPattern("(?m)^eth0@");
            Thread.sleep(1000);
            assertThat(run).as("still kept").isNotDone();
            long released = System.nanoTime();
            Files.delete(marker);
            EngineExecutionResults results = run.get(30, TimeUnit.SECONDS);
            assertThat(System.nanoTime() - released).as("time to release").isLessThan(TimeUnit.SECONDS.toNanos(5));
            assertGone(entered, marker);
            assertThat(onlyFailure(results)).hasMessage("boom");
        }
    }

    @Nested
    @DisplayName("names every namespace")
    class NamesEveryNamespace {

        @Test
        @DisplayName("the hidden one of a bridge too")
        void theHiddenOneOfABridge() throws Exception {
            Future<EngineExecutionResults> run = start(BridgeTestCase.class,
                    Map.of(Netns4jConfig.KEEP_ON_FAILURE, "true"));
            Path marker = awaitMarker();
            Map<String, String[]> entered = commands(Files.readString(marker));
            assertThat(entered).containsOnlyKeys("a", "b", "bridge:lan");
            assertThat(sh("ip netns exec " + entered.get("bridge:lan")[0] + " ip -br link show type bridge"))
                    .startsWith("lan ");
            assertThat(sh("ip netns exec " + entered.get("bridge:lan")[0] + " bridge link"))
                    .containsPattern("master lan").hasLineCount(2);
            Files.delete(marker);
            assertThat(onlyFailure(run.get(30, TimeUnit.SECONDS))).hasMessage("boom");
            assertGone(entered, marker);
        }
    }

    @Nested
    @DisplayName("does not keep")
    class DoesNotKeep {

        @Test
        @DisplayName("a passing test's topology")
        void aPassingTest() throws Exception {
            long t0 = System.nanoTime();
            EngineExecutionResults results = start(PassesTestCase.class, Map.of(Netns4jConfig.KEEP_ON_FAILURE, "1m"))
                    .get(30, TimeUnit.SECONDS);
            results.testEvents().assertStatistics(s -> s.started(1).succeeded(1));
            assertThat(System.nanoTime() - t0).isLessThan(TimeUnit.SECONDS.toNanos(20));
            assertThat(reportEntries(results)).isEmpty();
            assertThat(ourNames()).isEmpty();
        }

        @Test
        @DisplayName("when the run says false, whatever the annotation says")
        void whenTheRunSaysNo() throws Exception {
            long t0 = System.nanoTime();
            EngineExecutionResults results = start(KeptUntilReleasedTestCase.class,
                    Map.of(Netns4jConfig.KEEP_ON_FAILURE, "false")).get(30, TimeUnit.SECONDS);
            assertThat(onlyFailure(results)).hasMessage("boom");
            assertThat(System.nanoTime() - t0).isLessThan(TimeUnit.SECONDS.toNanos(20));
            assertThat(reportEntries(results)).isEmpty();
            try (Stream<Path> files = Files.walk(reports)) {
                assertThat(files.map(Path::getFileName).map(Path::toString)).doesNotContain(KeepOnFailure.MARKER);
            }
        }
    }

    @Nested
    @DisplayName("rejects")
    class Rejects {

        @Test
        @DisplayName("a configuration value that is no boolean or duration")
        void aBadConfigurationValue() throws Exception {
            Throwable thrown = onlyFailure(start(PassesTestCase.class, Map.of(Netns4jConfig.KEEP_ON_FAILURE, "forever"))
                    .get(30, TimeUnit.SECONDS));
            assertThat(thrown).isExactlyInstanceOf(ExtensionConfigurationException.class)
                    .hasMessage("Configuration netns4j.keepOnFailure = \"forever\" is neither true, false nor a"
                            + " duration. Use \"false\" (do not keep; the default), \"true\" (keep until released) or"
                            + " how long to keep the topology of a failed test, like \"30s\", \"2m\" or \"PT30S\".");
        }

        @Test
        @DisplayName("a negative duration")
        void aNegativeDuration() throws Exception {
            Throwable thrown = onlyFailure(start(PassesTestCase.class, Map.of(Netns4jConfig.KEEP_ON_FAILURE, "-5s"))
                    .get(30, TimeUnit.SECONDS));
            assertThat(thrown).isExactlyInstanceOf(ExtensionConfigurationException.class)
                    .hasMessageStartingWith("Configuration netns4j.keepOnFailure = \"-5s\" is a negative duration."
                            + " Use \"false\" (do not keep; the default)");
        }

        @Test
        @DisplayName("a bad annotation attribute, naming the annotation and its class")
        void aBadAttribute() throws Exception {
            Throwable thrown = onlyFailure(start(BadAttributeTestCase.class, Map.of()).get(30, TimeUnit.SECONDS));
            assertThat(thrown).isExactlyInstanceOf(ExtensionConfigurationException.class)
                    .hasMessageStartingWith("@NetworkTest(keepOnFailure) on BadAttributeTestCase = \"soon\" is"
                            + " neither true, false nor a duration. Use \"false\"");
            assertThat(ourNames()).isEmpty();
        }
    }

    // ---- running the fixtures

    /** Runs a fixture on {@link #runner}, with reports under {@link #reports}. */
    private Future<EngineExecutionResults> start(Class<?> fixture, Map<String, String> configuration) {
        return runner.submit(() -> EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture))
                .configurationParameter(BadInputFixture.RUN, "true")
                .configurationParameter(FailureArtifacts.REPORT_DIR, reports.toString())
                .configurationParameters(configuration).execute());
    }

    private Path awaitMarker() {
        return await("the kept.txt of a kept topology").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20)).until(() -> {
                    try (Stream<Path> files = Files.walk(reports)) {
                        return files.filter(
                                f -> f.getFileName().toString().equals(KeepOnFailure.MARKER) && f.toFile().length() > 0)
                                .findFirst().orElse(null);
                    }
                }, p -> p != null);
    }

    /** Namespace → {name under /run/netns, nsenter command without the program}, as the hint gives them. */
    private static Map<String, String[]> commands(String hint) {
        Map<String, String[]> out = new java.util.TreeMap<>();
        Matcher m = IP_NETNS.matcher(hint);
        while (m.find()) {
            out.put(m.group(1), new String[] { m.group(2), m.group(3) });
        }
        assertThat(out).as("namespaces entered by the hint:\n%s", hint).isNotEmpty();
        return out;
    }

    private static void assertGone(Map<String, String[]> entered, Path marker) throws Exception {
        assertThat(marker).doesNotExist();
        for (String[] e : entered.values()) {
            assertThat(DebugNames.DIRECTORY.resolve(e[0])).doesNotExist();
            assertThat(sh("grep -c " + e[0] + " /proc/self/mountinfo || true")).isEqualTo("0\n");
        }
        assertThat(ourNames()).isEmpty();
    }

    /** The names of this JVM under /run/netns. */
    static List<String> ourNames() throws IOException {
        List<String> out = new ArrayList<>();
        if (Files.isDirectory(DebugNames.DIRECTORY)) {
            try (Stream<Path> s = Files.list(DebugNames.DIRECTORY)) {
                s.map(p -> p.getFileName().toString())
                        .filter(n -> n.startsWith(DebugNames.PREFIX + DebugNames.run() + "-")).forEach(out::add);
            }
        }
        return out;
    }

    static String sh(String command) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        assertThat(p.exitValue()).as("exit status of %s, which printed:%n%s", command, out).isZero();
        return out;
    }

    private static Throwable onlyFailure(EngineExecutionResults results) {
        results.testEvents().assertStatistics(s -> s.started(1).failed(1));
        Event e = results.testEvents().failed().list().get(0);
        return e.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable).orElseThrow();
    }

    private static List<String> reportEntries(EngineExecutionResults results) {
        return results.allEvents().filter(e -> e.getType() == EventType.REPORTING_ENTRY_PUBLISHED)
                .map(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs().get("netns4j.kept")).toList();
    }

    // ---- fixtures

    @BadInputFixture
    @NetworkTest
    @NetNamespace("a")
    @NetNamespace("b")
    @VethLink(a = "a", aAddress = "10.0.0.1/24", b = "b", bAddress = "10.0.0.2/24")
    static class KeptTestCase {

        @Test
        void failsAfterAPing(@Ns("a") NetNs a) {
            assertThat(a.ping("10.0.0.2")).allReceived();
            fail("boom");
        }
    }

    @BadInputFixture
    @NetworkTest(keepOnFailure = "true")
    @NetNamespace("a")
    @NetNamespace("b")
    @VethLink(a = "a", aAddress = "10.0.0.1/24", b = "b", bAddress = "10.0.0.2/24")
    static class KeptUntilReleasedTestCase {

        @Test
        void fails() {
            fail("boom");
        }
    }

    @BadInputFixture
    @NetworkTest
    @NetNamespace("a")
    @NetNamespace("b")
    @VethLink(a = "a", aAddress = "10.0.0.1/24", b = "b", bAddress = "10.0.0.2/24")
    static class PassesTestCase {

        @Test
        void passes(@Ns("a") NetNs a) {
            assertThat(a.ping("10.0.0.2")).allReceived();
        }
    }

    @BadInputFixture
    @NetworkTest
    @NetNamespace("a")
    @NetNamespace("b")
    @Bridge(name = "lan", ports = { @BridgePort(ns = "a", address = "10.0.0.1/24"),
            @BridgePort(ns = "b", address = "10.0.0.2/24") })
    static class BridgeTestCase {

        @Test
        void fails() {
            fail("boom");
        }
    }

    @BadInputFixture
    @NetworkTest(keepOnFailure = "soon")
    @NetNamespace("a")
    static class BadAttributeTestCase {

        @Test
        void neverRuns() {
            fail("the attribute is invalid");
        }
    }
}
