package io.netns4j.kinds;

import static io.netns4j.assertj.Assertions.assertThat;
import static io.netns4j.packet.Matchers.gre;
import static io.netns4j.packet.Matchers.icmp;

import io.netns4j.Capture;
import io.netns4j.NetNs;
import io.netns4j.NetworkTest;
import io.netns4j.Topology;
import io.netns4j.annotations.GreTunnel;
import io.netns4j.annotations.NetNamespace;
import io.netns4j.annotations.Ns;
import io.netns4j.annotations.Route;
import io.netns4j.annotations.VethLink;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A keyed gre tunnel between two namespaces in different subnets, across a router, with point-to-point addresses. Runs
 * in the kernel lane; skipped with the reason where the kernel has no gre driver (this host).
 */
@NetworkTest
@Tag("kernel-gre")
@NetNamespace("ns1")
@NetNamespace("router")
@NetNamespace("ns2")
@VethLink(a = "ns1", aAddress = "10.1.0.2/24", b = "router", bAddress = "10.1.0.1/24")
@VethLink(a = "router", aAddress = "10.2.0.1/24", b = "ns2", bAddress = "10.2.0.2/24")
@Route(ns = "ns1", to = "default", via = "10.1.0.1")
@Route(ns = "ns2", to = "default", via = "10.2.0.1")
@GreTunnel(ns = "ns1", name = "gre1", local = "10.1.0.2", remote = "10.2.0.2", key = 42, ttl = 64, address = "192.168.50.10", peer = "192.168.60.10")
@GreTunnel(ns = "ns2", name = "gre1", local = "10.2.0.2", remote = "10.1.0.2", key = 42, ttl = 64, address = "192.168.60.10", peer = "192.168.50.10")
class GreTest {

    private static final Duration WAIT = Duration.ofSeconds(3);

    @Test
    void eachEndReachesTheOtherThroughTheTunnel(@Ns("ns1") NetNs ns1, @Ns("ns2") NetNs ns2) {
        assertThat(ns1).canPing("192.168.60.10");
        assertThat(ns2).canPing("192.168.50.10");
    }

    /** iproute2 prints GRE keys as dotted quads. */
    @Test
    void theDeviceIsWhatWasDeclared(@Ns("ns1") NetNs ns1) {
        assertThat(ns1).hasInterface("gre1").withAddress("192.168.50.10/32");
        assertThat(ns1.exec("ip", "-d", "-o", "link", "show", "gre1")).succeeded().stdoutContains("gre")
                .stdoutContains("remote 10.2.0.2").stdoutContains("local 10.1.0.2").stdoutContains("ttl 64")
                .stdoutContains("ikey 0.0.0.42").stdoutContains("okey 0.0.0.42");
    }

    @Test
    void theUnderlayCarriesKeyedGre(@Ns("ns1") NetNs ns1) throws Exception {
        try (Capture underlay = ns1.capture("eth0"); Capture tunnel = ns1.capture("gre1")) {
            assertThat(ns1).canPing("192.168.60.10");

            assertThat(underlay).hasPacket(
                    gre().key(42).src("10.1.0.2").dst("10.2.0.2").inner(icmp().echoRequest().dst("192.168.60.10")))
                    .within(WAIT);
            assertThat(tunnel).hasPacket(icmp().echoRequest().dst("192.168.60.10")).within(WAIT);
        }
    }

    /** One key per direction, through the builder: ns1's okey is ns2's ikey and the other way round. */
    @Test
    void keysPerDirectionThroughTheBuilder() {
        try (Topology net = Topology.builder().namespace("x").namespace("y")
                .veth("x", "10.5.0.1/24", "y", "10.5.0.2/24")
                .gre("x", "gre1",
                        t -> t.local("10.5.0.1").remote("10.5.0.2").ikey(1).okey(2).address("192.168.5.1")
                                .peer("192.168.5.2"))
                .gre("y", "gre1", t -> t.local("10.5.0.2").remote("10.5.0.1").ikey(2).okey(1).address("192.168.5.2")
                        .peer("192.168.5.1"))
                .build()) {
            assertThat(net.ns("x")).canPing("192.168.5.2");
            assertThat(net.ns("x").exec("ip", "-d", "-o", "link", "show", "gre1")).succeeded()
                    .stdoutContains("ikey 0.0.0.1").stdoutContains("okey 0.0.0.2");
        }
    }
}
