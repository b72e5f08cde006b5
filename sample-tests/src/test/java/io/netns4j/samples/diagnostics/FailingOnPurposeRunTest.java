package io.netns4j.samples.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * {@link FailingOnPurposeTest} through the JUnit engine: left out unless enabled, and, enabled, failing with a message
 * that names the {@code topology.txt} and the pcap it kept. The system property is not set here, which would enable the
 * sample for any test running at the same time: the engine run deactivates the property condition instead, as
 * {@code -Dnetns4j.samples.failing=true} would satisfy it.
 */
class FailingOnPurposeRunTest {

    @TempDir
    Path reports;

    @Test
    void isLeftOutOfAnOrdinaryRun() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(FailingOnPurposeTest.class)).execute();
        assertThat(results.containerEvents().skipped().list()).singleElement()
                .satisfies(e -> assertThat(e.getPayload(String.class)).get().asString()
                        .endsWith("a sample that fails on purpose; run it with -Dnetns4j.samples.failing=true"));
        results.testEvents().assertStatistics(s -> s.started(0));
    }

    @Test
    void failsNamingTheTopologyDumpAndThePcap() throws IOException {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(FailingOnPurposeTest.class))
                .configurationParameter("junit.jupiter.conditions.deactivate", "*EnabledIfSystemPropertyCondition")
                .configurationParameter("netns4j.reportDir", reports.toString()).execute();
        results.testEvents().assertStatistics(s -> s.started(1).failed(1));
        Event failed = results.testEvents().failed().list().get(0);
        Throwable thrown = failed.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
        assertThat(thrown).isInstanceOf(AssertionError.class).hasMessageContaining("10.0.0.2");

        List<Path> kept;
        try (Stream<Path> files = Files.walk(reports)) {
            kept = files.filter(Files::isRegularFile).sorted().toList();
        }
        assertThat(kept).hasSize(2);
        Path pcap = kept.stream().filter(p -> p.toString().endsWith(".pcap")).findFirst().orElseThrow();
        Path topology = kept.stream().filter(p -> p.endsWith("topology.txt")).findFirst().orElseThrow();
        assertThat(pcap.getFileName().toString()).matches("server-eth0-[0-9a-f]+\\.pcap");
        assertThat(pcap.getParent()).isEqualTo(topology.getParent())
                .hasParent(reports.resolve(FailingOnPurposeTest.class.getName()));
        // 24 bytes of pcap header, then at least the three echo requests and replies before the cut
        assertThat(Files.size(pcap)).isGreaterThan(24 + 6 * (16 + 98));
        assertThat(Files.readString(topology)).contains("==== namespace client ====", "10.0.0.1/24 dev eth0",
                "-- cuts in force");
        assertThat(thrown.getSuppressed()).extracting(Throwable::getMessage)
                .containsExactly("netns4j kept the topology's kernel state in " + topology
                        + "; the packets captured by this test in " + pcap);
    }
}
