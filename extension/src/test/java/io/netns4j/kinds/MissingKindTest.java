package io.netns4j.kinds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.netns4j.KernelFeatureMissingException;
import io.netns4j.NetworkTest;
import io.netns4j.Topology;
import io.netns4j.annotations.Dummy;
import io.netns4j.annotations.NetNamespace;
import io.netns4j.internal.runtime.KernelFeatures;
import io.netns4j.testsupport.Fixtures;
import io.netns4j.testsupport.Leftovers;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * A topology that needs a kind this kernel lacks is skipped with the reason, or fails with it when asked; nothing is
 * built. Runs where the kernel has no dummy driver (this host; not the kernel lane's guest, where {@link DummyTest}
 * runs instead).
 */
class MissingKindTest {

    private static final String REASON_START = "dummy: this kernel has no dummy driver (RTM_NEWLINK: EOPNOTSUPP"
            + " (Operation not supported), \"Unknown device type\"); load the dummy module or set"
            + " netns4j.missingKernelFeature=fail";

    @Test
    void aTestNeedingAnAbsentKindIsSkippedWithTheReason() {
        assumeTrue(KernelFeatures.missingLinkKind("dummy").isPresent(), "this kernel has a dummy driver");
        // The class's own declarations need the kind: the whole class is skipped, with the reason.
        Fixtures.assertClassSkipped(NeedsDummyTestCase.class, REASON_START);
    }

    @Test
    void withFailItFailsWithTheReason() {
        assumeTrue(KernelFeatures.missingLinkKind("dummy").isPresent(), "this kernel has a dummy driver");
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(NeedsDummyTestCase.class))
                .configurationParameter("netns4j.missingKernelFeature", "fail").execute();
        Throwable failure = results.testEvents().failed().list().get(0).getPayload(TestExecutionResult.class)
                .flatMap(TestExecutionResult::getThrowable).orElseThrow();
        assertThat(failure).isInstanceOf(KernelFeatureMissingException.class).hasMessage(REASON_START);
    }

    @Test
    void theBuilderThrowsTheReasonAndBuildsNothing() {
        assumeTrue(KernelFeatures.missingLinkKind("dummy").isPresent(), "this kernel has a dummy driver");
        Leftovers.Snapshot before = Leftovers.snapshot();
        org.assertj.core.api.Assertions
                .assertThatThrownBy(() -> Topology.builder().namespace("a").dummy("a", "dum0").build())
                .isInstanceOf(KernelFeatureMissingException.class).hasMessage(REASON_START);
        assertThat(Leftovers.newSince(before)).isEmpty();
    }

    @NetworkTest
    @NetNamespace("a")
    @Dummy(ns = "a", name = "dum0")
    static class NeedsDummyTestCase {
        @Test
        void test() {
        }
    }
}
