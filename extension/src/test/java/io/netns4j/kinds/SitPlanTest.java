package io.netns4j.kinds;

import static org.assertj.core.api.Assertions.assertThat;

import io.netns4j.internal.model.Cidr;
import io.netns4j.internal.model.LinkPlan;
import io.netns4j.internal.model.Specs.NamespaceSpec;
import io.netns4j.internal.model.Specs.TopologySpec;
import io.netns4j.internal.model.Validator;
import io.netns4j.internal.model.kinds.GreKind;
import io.netns4j.internal.model.kinds.IpTunnelKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How the plans of NOARP tunnels share out their addresses, checked without a kernel: the runtime adds the IPv4 ones;
 * the IPv6 ones go to the builder, because the runtime waits after adding IPv6 addresses until the device has joined
 * their solicited-node groups, which the kernel never does on a NOARP device (the kernel lane saw the build of
 * {@link SitTest} time out so). A gretap device is Ethernet and joins them: the runtime adds all its addresses.
 */
class SitPlanTest {

    private static List<LinkPlan> plan(io.netns4j.internal.model.LinkSpec... links) {
        return Validator.validate(new TopologySpec("SitPlanTest", List.of(new NamespaceSpec("a", false, "a")),
                List.of(), List.of(), List.of(links), List.of())).links();
    }

    @Test
    void ipv6AddressesOfASitTunnelAreTheBuilders() {
        IpTunnelKind.Plan p = (IpTunnelKind.Plan) plan(
                IpTunnelKind.Spec.of(IpTunnelKind.Type.SIT, "a", "sit1", Map.of("local", "10.0.0.1", "remote",
                        "10.0.0.2", "address", List.of("fd00:50::1/64", "192.168.5.1/24")), "sit")).get(0);
        assertThat(p.addresses()).extracting(Cidr::toString).singleElement().asString().contains("192.168.5.1");
        assertThat(p.ipv6Addresses()).extracting(c -> c.address().getHostAddress())
                .containsExactly("fd00:50:0:0:0:0:0:1");
    }

    @Test
    void aPeerOfIpv6MakesBareAddressesHostsOf128() {
        IpTunnelKind.Plan p = (IpTunnelKind.Plan) plan(
                IpTunnelKind.Spec.of(IpTunnelKind.Type.SIT, "a", "sit1", Map.of("local", "10.0.0.1", "remote",
                        "10.0.0.2", "address", List.of("fd00:50::1"), "peer", "fd00:60::1"), "sit")).get(0);
        assertThat(p.addresses()).isEmpty();
        assertThat(p.ipv6Addresses()).extracting(Cidr::prefixLength).containsExactly(128);
        assertThat(p.peer().getHostAddress()).isEqualTo("fd00:60:0:0:0:0:0:1");
    }

    @Test
    void gretapLeavesAllItsAddressesToTheRuntime() {
        GreKind.Plan p = (GreKind.Plan) plan(GreKind.Spec.of("a", "", Map.of("local", "10.0.0.1", "remote", "10.0.0.2",
                "tap", true, "address", List.of("fd00:77::1/64", "10.77.0.1/24")), "gre")).get(0);
        assertThat(p.name()).isEqualTo("gretaptun0");
        assertThat(p.kind()).isEqualTo("gretap");
        assertThat(p.addresses()).hasSize(2);
        assertThat(p.ipv6Addresses()).isEmpty();
    }
}
