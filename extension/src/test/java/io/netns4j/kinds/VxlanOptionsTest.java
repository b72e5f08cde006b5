package io.netns4j.kinds;

import static io.netns4j.assertj.Assertions.assertThat;

import io.netns4j.NetNs;
import io.netns4j.NetworkTest;
import io.netns4j.Topology;
import io.netns4j.annotations.NetNamespace;
import io.netns4j.annotations.Ns;
import io.netns4j.annotations.VethLink;
import io.netns4j.annotations.Vxlan;
import org.junit.jupiter.api.Test;

/**
 * VXLAN over an IPv6 underlay, with another port, TTL and TOS, and the same through {@code Topology.builder()}.
 */
@NetworkTest
@NetNamespace("a")
@NetNamespace("b")
@VethLink(a = "a", aAddress = "fd00:1::1/64", b = "b", bAddress = "fd00:1::2/64")
@Vxlan(ns = "a", name = "vx6", vni = 16777215, local = "fd00:1::1", remote = "fd00:1::2", port = 8472, ttl = 9, tos = 0x10, address = "10.66.0.1/24")
@Vxlan(ns = "b", name = "vx6", vni = 16777215, local = "fd00:1::2", remote = "fd00:1::1", port = 8472, ttl = 9, tos = 0x10, address = "10.66.0.2/24")
class VxlanOptionsTest {

    @Test
    void anIpv6UnderlayCarriesTheSegment(@Ns("a") NetNs a) {
        assertThat(a).canPing("10.66.0.2");
        assertThat(a.exec("ip", "-d", "-o", "link", "show", "vx6")).succeeded()
                .stdoutContains("vxlan id 16777215 remote fd00:1::2 local fd00:1::1").stdoutContains("dstport 8472")
                .stdoutContains("ttl 9").stdoutContains("tos 0x10");
    }

    @Test
    void theBuilderDeclaresTheSameDevices() {
        try (Topology net = Topology.builder().namespace("x").namespace("y")
                .veth("x", "10.5.0.1/24", "y", "10.5.0.2/24")
                .vxlan("x", "", t -> t.vni(42).local("10.5.0.1").remote("10.5.0.2").address("10.42.0.1/24"))
                .vxlan("y", "vx42", t -> t.vni(42).remote("10.5.0.1").dev("eth0").address("10.42.0.2/24")).build()) {
            assertThat(net.ns("x")).hasInterface("vxlan0").withAddress("10.42.0.1/24");
            assertThat(net.ns("x")).canPing("10.42.0.2");
            assertThat(net.ns("y").exec("ip", "-d", "-o", "link", "show", "vx42")).succeeded()
                    .stdoutContains("vxlan id 42 remote 10.5.0.1 dev eth0").stdoutContains("dstport 4789");
        }
    }
}
