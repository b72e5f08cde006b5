package io.netns4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netns4j.annotations.MacvlanMode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopologyBuilderTest {

    @Test
    void buildsTwoNamespacesWithAVethPairAndPingsBothWays() {
        try (Topology net = Topology.builder().namespace("client").namespace("server")
                .veth("client", "10.0.0.1/24", "server", "10.0.0.2/24").build()) {
            PingResult r = net.ns("client").ping("10.0.0.2");
            assertThat(r.received()).as(r.toString()).isEqualTo(3);
            assertThat(net.ns("server").ping("10.0.0.1").received()).isEqualTo(3);
            ExecResult ip = net.ns("client").exec(Duration.ofSeconds(10), "ip", "-o", "addr");
            assertThat(ip.stdout()).contains("10.0.0.1/24");
            assertThat(net.ns("client").links()).extracting(LinkInfo::name).containsExactlyInAnyOrder("lo", "eth0");
        }
    }

    /**
     * The kernel joins the solicited-node multicast group of an IPv6 address shortly after the address is added; until
     * it has, neighbour solicitations are ignored and the first echo waits for the sender's retry a second later. The
     * build waits for the groups, so the very first request is answered.
     */
    @Test
    void ipv6IsUsableAtOnce() {
        for (int i = 0; i < 20; i++) {
            try (Topology net = Topology.builder().namespace("a").namespace("b")
                    .veth("a", "b", v -> v.aAddress("fd00:1::1/64").bAddress("fd00:1::2/64")).build()) {
                PingResult r = net.ns("a").ping("fd00:1::2", 1, Duration.ofMillis(500));
                assertThat(r.received()).as("build %d: %s", i, r).isEqualTo(1);
            }
        }
    }

    /**
     * Null arguments fail at the call that passes them, naming it. Found by {@code InputFuzzTest}: a null address
     * reached {@code List.of} (a bare NullPointerException), and a null namespace of a macvtap reached the validator,
     * which failed in {@code build()} with "Cannot invoke String.equals(Object) because parentNs is null".
     */
    @Test
    void nullArgumentsAreRejectedAtOnceNamingTheArgument() {
        assertThatThrownBy(() -> Topology.builder().veth("a", "b", v -> v.aAddress("10.0.0.1/24", null)))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("VethOptions.aAddress(...): argument cidr has a null at index 1; leave it out instead");
        assertThatThrownBy(() -> Topology.builder().namespace("a").macvtap(null, "if24", "eth0", "",
                MacvlanMode.PRIVATE, "", List.of(), List.of("10.0.3.4/24"))).isInstanceOf(NullPointerException.class)
                        .hasMessage("macvtap(...): argument ns is null; use \"\" or leave the option out for none");
        assertThatThrownBy(() -> Topology.builder().bridge("br0", o -> o.namedPort("a", "eth1", (String[]) null)))
                .isInstanceOf(NullPointerException.class).hasMessage(
                        "BridgeOptions.namedPort(...): argument addresses is null; use \"\" or leave the option out for none");
        assertThatThrownBy(() -> Topology.builder().ipip("a", "t0", t -> t.address("10.0.0.1/24", null)))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("TunnelOptions.address(...): argument cidr has a null at index 1; leave it out instead");
        assertThatThrownBy(() -> TunTap.Options.defaults().peer(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("TunTap.Options(...): argument peer is null; use \"\" for none");
    }
}
