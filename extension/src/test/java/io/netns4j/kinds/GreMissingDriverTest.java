package io.netns4j.kinds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netns4j.KernelFeatureMissingException;
import io.netns4j.Topology;
import io.netns4j.internal.runtime.KernelFeatures;
import io.netns4j.testsupport.Leftovers;
import org.junit.jupiter.api.Test;

/**
 * Where the kernel lacks gre (this host; not the kernel lane's guest), the reason names the module that has both gre
 * and gretap, {@code ip_gre}, rather than a "gre module" (which is only GRE's protocol demultiplexer); nothing is
 * built.
 */
class GreMissingDriverTest {

    @Test
    void theReasonNamesTheIpGreModule() {
        assumeTrue(KernelFeatures.missingLinkKind("gre").isPresent(), "this kernel has a gre driver");
        Leftovers.Snapshot before = Leftovers.snapshot();
        assertThatThrownBy(() -> Topology.builder().namespace("a").namespace("b")
                .veth("a", "10.0.0.1/24", "b", "10.0.0.2/24")
                .gre("a", "gre1", t -> t.local("10.0.0.1").remote("10.0.0.2")).gre("b", "gretap1",
                        t -> t.local("10.0.0.2").remote("10.0.0.1").tap())
                .build()).isInstanceOf(KernelFeatureMissingException.class).hasMessage(
                        "gre: this kernel has no gre driver (RTM_NEWLINK: EOPNOTSUPP (Operation not supported),"
                                + " \"Unknown device type\"); load the ip_gre module or set netns4j.missingKernelFeature=fail;"
                                + " gretap: this kernel has no gretap driver (RTM_NEWLINK: EOPNOTSUPP (Operation not"
                                + " supported), \"Unknown device type\"); load the ip_gre module or set"
                                + " netns4j.missingKernelFeature=fail");
        assertThat(Leftovers.newSince(before)).isEmpty();
    }
}
