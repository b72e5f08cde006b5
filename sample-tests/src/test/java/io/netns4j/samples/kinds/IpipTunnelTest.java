package io.netns4j.samples.kinds;

import static io.netns4j.assertj.Assertions.assertThat;
import static io.netns4j.packet.Matchers.icmp;
import static io.netns4j.packet.Matchers.ipip;
import static org.assertj.core.api.Assertions.assertThat;

import io.netns4j.Capture;
import io.netns4j.NetNs;
import io.netns4j.NetworkTest;
import io.netns4j.annotations.IpipTunnel;
import io.netns4j.annotations.NetNamespace;
import io.netns4j.annotations.Ns;
import io.netns4j.annotations.Route;
import io.netns4j.annotations.VethLink;
import io.netns4j.packet.LinkType;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two hosts in different subnets, a router between them, and an IP-in-IP tunnel from one to the other over it.
 *
 * <pre>
 *   ns1                              router                              ns2
 *   eth0 10.1.0.2/24 -------- eth0 10.1.0.1/24
 *                             eth1 10.2.0.1/24 -------- eth0 10.2.0.2/24
 *   ipip1 192.168.50.10  ====== IP in IP (protocol 4) ======  ipip1 192.168.60.10
 *         peer 192.168.60.10                                        peer 192.168.50.10
 * </pre>
 *
 * Each tunnel end is {@code ip link add ipip1 type ipip local OWN remote FAR} and a point-to-point address,
 * {@code ip addr add 192.168.50.10 peer 192.168.60.10 dev ipip1}: the kernel then routes the peer through the tunnel. A
 * packet to 192.168.60.10 enters {@code ipip1}, gets an outer IPv4 header from 10.1.0.2 to 10.2.0.2 and leaves by
 * {@code eth0}; the router forwards it like any other packet; ns2 takes the outer header off.
 *
 * <h2>What it shows</h2>
 * <ul>
 * <li>A capture on the underlay ({@code eth0}) sees IP in IP: {@code ipip().inner(icmp().echoRequest())} looks inside
 * the outer header.</li>
 * <li>A capture on the tunnel device sees the plain ICMP, without a link-layer header: its link type is
 * {@link LinkType#RAW_IP}.</li>
 * </ul>
 *
 * <p>
 * Needs the kernel's {@code ipip} driver: where it is missing the class is skipped with the reason; the kernel lane
 * ({@code ci/kernel-lane}, tag {@code kernel-ipip}) runs it.
 */
@NetworkTest
@Tag("kernel-ipip")
@NetNamespace("ns1")
@NetNamespace("router")
@NetNamespace("ns2")
@VethLink(a = "ns1", aAddress = "10.1.0.2/24", b = "router", bAddress = "10.1.0.1/24")
@VethLink(a = "router", aAddress = "10.2.0.1/24", b = "ns2", bAddress = "10.2.0.2/24")
@Route(ns = "ns1", to = "default", via = "10.1.0.1")
@Route(ns = "ns2", to = "default", via = "10.2.0.1")
@IpipTunnel(ns = "ns1", name = "ipip1", local = "10.1.0.2", remote = "10.2.0.2", address = "192.168.50.10", peer = "192.168.60.10")
@IpipTunnel(ns = "ns2", name = "ipip1", local = "10.2.0.2", remote = "10.1.0.2", address = "192.168.60.10", peer = "192.168.50.10")
class IpipTunnelTest {

    private static final Duration WAIT = Duration.ofSeconds(3);

    @Test
    void pingsCrossTheTunnel(@Ns("ns1") NetNs ns1, @Ns("ns2") NetNs ns2) {
        assertThat(ns1).canPing("192.168.60.10");
        assertThat(ns2).canPing("192.168.50.10");
    }

    @Test
    void theUnderlaySeesIpInIpAndTheTunnelThePlainIcmp(@Ns("ns1") NetNs ns1) throws Exception {
        try (Capture underlay = ns1.capture("eth0"); Capture tunnel = ns1.capture("ipip1")) {
            assertThat(ns1).canPing("192.168.60.10");

            assertThat(underlay).hasPacket(ipip().src("10.1.0.2").dst("10.2.0.2").inner(icmp().echoRequest()))
                    .within(WAIT);
            assertThat(tunnel.linkType()).isEqualTo(LinkType.RAW_IP);
            assertThat(tunnel).hasPacket(icmp().echoRequest().src("192.168.50.10").dst("192.168.60.10")).within(WAIT);
        }
    }
}
