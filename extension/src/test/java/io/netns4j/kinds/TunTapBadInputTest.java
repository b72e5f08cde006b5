package io.netns4j.kinds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.netns4j.NetworkTest;
import io.netns4j.Topology;
import io.netns4j.TopologyDefinitionException;
import io.netns4j.TopologyDefinitionException.Problem;
import io.netns4j.Tun;
import io.netns4j.TunTap;
import io.netns4j.annotations.Dev;
import io.netns4j.annotations.NetNamespace;
import io.netns4j.annotations.TapDevice;
import io.netns4j.annotations.TunDevice;
import io.netns4j.annotations.VethLink;
import io.netns4j.testsupport.Leftovers;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Bad TAP and TUN declarations, run through the JUnit engine as a user meets them: each is reported before anything is
 * created, with the annotation, the attribute, the value and the fix, and leaves nothing in the kernel.
 */
@DisplayName("netns4j rejects bad TAP and TUN declarations")
class TunTapBadInputTest {

    @Test
    @DisplayName("two TAPs with one name in one namespace")
    void tapNameClash() {
        assertProblems(testFailure(TapNameClashTestCase.class),
                "@TapDevice(ns = \"a\", name = \"tap0\") on TapNameClashTestCase: name = \"tap0\": namespace \"a\""
                        + " already has an interface of that name (from @TapDevice(ns = \"a\", name = \"tap0\") on"
                        + " TapNameClashTestCase). Give it another name.");
    }

    @Test
    @DisplayName("a TAP named like a veth end of its namespace")
    void tapAndVethNameClash() {
        assertProblems(testFailure(TapVethNameClashTestCase.class),
                "@TapDevice(ns = \"a\", name = \"tap0\") on TapVethNameClashTestCase: name = \"tap0\": namespace \"a\""
                        + " already has an interface of that name (from @VethLink(a = \"a\", b = \"b\") on"
                        + " TapVethNameClashTestCase). Give it another name.");
    }

    @Test
    @DisplayName("a queue count below 1 or above the kernel's 256")
    void queueCount() {
        assertProblems(testFailure(QueueCountTestCase.class),
                "@TapDevice(ns = \"a\") on QueueCountTestCase: queues = \"0\": a device has at least one queue. Use 1"
                        + " (the default), or more for a multi-queue device.",
                "@TunDevice(ns = \"a\") on QueueCountTestCase: queues = \"257\": the kernel allows at most 256 queues"
                        + " per device. Use 1 to 256.");
    }

    @Test
    @DisplayName("an owner or group that is not a uid or gid")
    void ownerAndGroup() {
        assertProblems(testFailure(OwnerGroupTestCase.class),
                "@TapDevice(ns = \"a\", name = \"tap0\") on OwnerGroupTestCase: owner = \"-2\": not a uid. Use a uid of"
                        + " 0 or more, or -1 (the default) for no owner.",
                "@TapDevice(ns = \"a\", name = \"tap0\") on OwnerGroupTestCase: group = \"-7\": not a gid. Use a gid of"
                        + " 0 or more, or -1 (the default) for no group.");
    }

    @Test
    @DisplayName("a TUN peer that is no address, has no address of the device's own, or is of another family")
    void tunPeer() {
        assertProblems(testFailure(TunPeerTestCase.class),
                "@TunDevice(ns = \"a\", name = \"tun0\") on TunPeerTestCase: peer = \"10.0.0\": not an IP address. Use"
                        + " the address of the other end, e.g. \"10.8.0.2\".",
                "@TunDevice(ns = \"a\", name = \"tun1\") on TunPeerTestCase: peer = \"10.0.1.2\": a peer needs an"
                        + " address of the device's own. Set address too, e.g. address = \"10.8.0.1/32\".",
                "@TunDevice(ns = \"a\", name = \"tun2\") on TunPeerTestCase: peer = \"10.0.2.2\": the peer is IPv4 but"
                        + " address \"fd00::1/64\" is not. Give a peer only to devices whose addresses are all of its"
                        + " family.");
    }

    @Test
    @DisplayName("a TAP injected as a TUN")
    void wrongHandleType() {
        assumeTrue(Files.exists(Path.of("/dev/net/tun")), "this machine has no /dev/net/tun");
        Throwable failure = testFailure(WrongHandleTypeTestCase.class);
        assertThat(failure).isInstanceOf(ParameterResolutionException.class)
                .hasMessageContaining("Namespace a has no Tun device \"tap0\"");
    }

    @Test
    @DisplayName("the builder reports the same problems")
    void builder() {
        Leftovers.Snapshot before = Leftovers.snapshot();
        assertThatThrownBy(() -> Topology.builder().namespace("a").tap("a", "tap0")
                .tun("a", "tap0", TunTap.Options.defaults().queues(0)).build())
                        .isInstanceOf(TopologyDefinitionException.class)
                        .satisfies(e -> assertThat(((TopologyDefinitionException) e).problems()).map(Problem::toString)
                                .containsExactly(
                                        "tun(\"a\", \"tap0\") #2: name = \"tap0\": namespace \"a\" already has an interface of"
                                                + " that name (from tap(\"a\", \"tap0\") #1). Give it another name.",
                                        "tun(\"a\", \"tap0\") #2: queues = \"0\": a device has at least one queue. Use 1 (the"
                                                + " default), or more for a multi-queue device."));
        assertThat(Leftovers.newSince(before)).isEmpty();
    }

    // ---- running fixtures

    private static void assertProblems(Throwable failure, String... problems) {
        assertThat(failure).isExactlyInstanceOf(TopologyDefinitionException.class);
        assertThat(((TopologyDefinitionException) failure).problems()).map(Problem::toString).containsExactly(problems);
        assertThat(failure.getMessage()).contains("nothing was created");
    }

    /** Runs the fixture's one test through the engine, checks it failed and left nothing behind; returns why. */
    private static Throwable testFailure(Class<?> fixture) {
        Leftovers.Snapshot before = Leftovers.snapshot();
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture))
                .configurationParameter(Fixture.RUN, "true").execute();
        await("nothing left in the kernel by " + fixture.getSimpleName()).atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> assertThat(Leftovers.newSince(before)).isEmpty());
        assertThat(results.testEvents().started().count()).isEqualTo(1);
        assertThat(results.testEvents().failed().count()).isEqualTo(1);
        return results.testEvents().failed().list().get(0).getPayload(TestExecutionResult.class)
                .flatMap(TestExecutionResult::getThrowable).orElseThrow();
    }

    /**
     * A fixture: runs only when a test of this class runs it through the engine. Put it before {@code @NetworkTest}.
     */
    @Retention(RetentionPolicy.RUNTIME)
    @ExtendWith(Fixture.OnlyThroughTheEngine.class)
    @interface Fixture {

        String RUN = "netns4j-tests.runFixtures";

        final class OnlyThroughTheEngine implements ExecutionCondition {
            @Override
            public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
                return context.getConfigurationParameter(RUN).isPresent()
                        ? ConditionEvaluationResult.enabled("run by a test through the engine")
                        : ConditionEvaluationResult.disabled("a fixture, run only by the test that encloses it");
            }
        }
    }

    // ---- fixtures

    @Fixture
    @NetworkTest
    @NetNamespace("a")
    @TapDevice(ns = "a", name = "tap0")
    @TapDevice(ns = "a", name = "tap0")
    static class TapNameClashTestCase {
        @Test
        void test() {
        }
    }

    @Fixture
    @NetworkTest
    @NetNamespace("a")
    @NetNamespace("b")
    @VethLink(a = "a", aName = "tap0", b = "b")
    @TapDevice(ns = "a", name = "tap0")
    static class TapVethNameClashTestCase {
        @Test
        void test() {
        }
    }

    @Fixture
    @NetworkTest
    @NetNamespace("a")
    @TapDevice(ns = "a", queues = 0)
    @TunDevice(ns = "a", queues = 257)
    static class QueueCountTestCase {
        @Test
        void test() {
        }
    }

    @Fixture
    @NetworkTest
    @NetNamespace("a")
    @TapDevice(ns = "a", name = "tap0", owner = -2, group = -7)
    static class OwnerGroupTestCase {
        @Test
        void test() {
        }
    }

    @Fixture
    @NetworkTest
    @NetNamespace("a")
    @TunDevice(ns = "a", name = "tun0", address = "10.0.0.1/32", peer = "10.0.0")
    @TunDevice(ns = "a", name = "tun1", peer = "10.0.1.2")
    @TunDevice(ns = "a", name = "tun2", address = "fd00::1/64", peer = "10.0.2.2")
    static class TunPeerTestCase {
        @Test
        void test() {
        }
    }

    @Fixture
    @NetworkTest
    @NetNamespace("a")
    @TapDevice(ns = "a", name = "tap0")
    static class WrongHandleTypeTestCase {
        @Test
        void test(@Dev(ns = "a", name = "tap0") Tun tun) {
        }
    }
}
