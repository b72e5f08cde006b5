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

    /** The netdev egress hook came with Linux 5.16; the probe finds it exactly where the version says it should. */
    @Test
    void theEgressHookIsFoundFromLinux516() {
        String[] v = System.getProperty("os.version").split("[.-]");
        boolean from516 = Integer.parseInt(v[0]) > 5 || Integer.parseInt(v[0]) == 5 && Integer.parseInt(v[1]) >= 16;
        if (from516) {
            assertThat(KernelFeatures.missingNetdevEgress()).isEmpty();
        } else {
            assertThat(KernelFeatures.missingNetdevEgress())
                    .hasValueSatisfying(reason -> assertThat(reason).startsWith("nft egress: ").contains("Linux 5.16"));
        }
    }
}
