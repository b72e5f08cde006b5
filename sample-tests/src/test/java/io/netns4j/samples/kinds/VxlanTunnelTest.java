package io.netns4j.samples.kinds;

import static io.netns4j.assertj.Assertions.assertThat;
import static io.netns4j.packet.Matchers.arp;
import static io.netns4j.packet.Matchers.icmp;
import static io.netns4j.packet.Matchers.vxlan;

import io.netns4j.Capture;
import io.netns4j.NetNs;
import io.netns4j.NetworkTest;
import io.netns4j.annotations.NetNamespace;
import io.netns4j.annotations.Ns;
import io.netns4j.annotations.Route;
import io.netns4j.annotations.VethLink;
import io.netns4j.annotations.Vxlan;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * One Ethernet segment stretched across the router of {@link IpipTunnelTest} with VXLAN.
 *
 * <pre>
 *   ns1 eth0 10.1.0.2/24 ---- router ---- eth0 10.2.0.2/24 ns2
 *   vxlan42 10.42.0.1/24 ==== UDP to port 4789, VNI 42 ==== vxlan42 10.42.0.2/24
 * </pre>
 *
 * Each end is {@code ip link add vxlan42 type vxlan id 42 local OWN remote FAR dev eth0 dstport 4789}. Unlike ipip and
 * gre, the tunnel carries Ethernet frames: the two {@code vxlan42} devices are on one LAN, with one subnet, and ARP
 * crosses the router inside UDP datagrams like everything else. A capture on the underlay sees
 * {@code vxlan().vni(42).inner(...)} with the frame inside.
 */
@NetworkTest
@NetNamespace("ns1")
@NetNamespace("router")
@NetNamespace("ns2")
@VethLink(a = "ns1", aAddress = "10.1.0.2/24", b = "router", bAddress = "10.1.0.1/24")
@VethLink(a = "router", aAddress = "10.2.0.1/24", b = "ns2", bAddress = "10.2.0.2/24")
@Route(ns = "ns1", to = "default", via = "10.1.0.1")
@Route(ns = "ns2", to = "default", via = "10.2.0.1")
@Vxlan(ns = "ns1", name = "vxlan42", vni = 42, local = "10.1.0.2", remote = "10.2.0.2", dev = "eth0", address = "10.42.0.1/24")
@Vxlan(ns = "ns2", name = "vxlan42", vni = 42, local = "10.2.0.2", remote = "10.1.0.2", dev = "eth0", address = "10.42.0.2/24")
class VxlanTunnelTest {

    private static final Duration WAIT = Duration.ofSeconds(3);

    @Test
    void oneSegmentAcrossTheRouter(@Ns("ns1") NetNs ns1, @Ns("ns2") NetNs ns2) throws Exception {
        try (Capture underlay = ns1.capture("eth0")) {
            assertThat(ns1).canPing("10.42.0.2");
            assertThat(ns2).canPing("10.42.0.1");

            // The ARP that resolved 10.42.0.2 crossed inside the tunnel, then the ping.
            assertThat(underlay).hasPacket(vxlan().vni(42).dst("10.2.0.2").inner(arp())).within(WAIT);
            assertThat(underlay).hasPacket(
                    vxlan().vni(42).src("10.1.0.2").dst("10.2.0.2").inner(icmp().echoRequest().dst("10.42.0.2")))
                    .within(WAIT);
        }
    }
}
