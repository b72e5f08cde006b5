package io.netns4j.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KernelFeaturesTest {

    @Test
    void vethAndBridgeArePresentEverywhere() {
        assertThat(KernelFeatures.missingLinkKind("veth")).isEmpty();
        assertThat(KernelFeatures.missingLinkKind("bridge")).isEmpty();
    }

    @Test
    void anUnknownKindIsReportedWithTheKernelsWords() {
        assertThat(KernelFeatures.missingLinkKind("nosuchkind")).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith(
                        "nosuchkind: this kernel has no nosuchkind driver (RTM_NEWLINK: EOPNOTSUPP (Operation not supported)")
                .contains("set netns4j.missingKernelFeature=fail"));
    }
}
