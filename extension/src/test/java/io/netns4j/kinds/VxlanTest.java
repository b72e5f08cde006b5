package io.netns4j.kinds;

import static io.netns4j.assertj.Assertions.assertThat;
import static io.netns4j.packet.Matchers.icmp;
import static io.netns4j.packet.Matchers.vxlan;
import static org.assertj.core.api.Assertions.assertThat;

import io.netns4j.Capture;
import io.netns4j.NetNs;
import io.netns4j.NetworkTest;
import io.netns4j.annotations.NetNamespace;
import io.netns4j.annotations.Ns;
import io.netns4j.annotations.Route;
import io.netns4j.annotations.VethLink;
import io.netns4j.annotations.Vxlan;
import io.netns4j.packet.LinkType;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A VXLAN segment (VNI 42) between two namespaces in different subnets, across a router. */
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
class VxlanTest {

    private static final Duration WAIT = Duration.ofSeconds(3);

    @Test
    void eachEndReachesTheOtherOverTheSegment(@Ns("ns1") NetNs ns1, @Ns("ns2") NetNs ns2) {
        assertThat(ns1).canPing("10.42.0.2");
        assertThat(ns2).canPing("10.42.0.1");
    }

    /** iproute2, an independent witness, reads back the VNI, the endpoints, the underlay and the IANA port. */
    @Test
    void theDeviceIsWhatWasDeclared(@Ns("ns1") NetNs ns1) {
        assertThat(ns1).hasInterface("vxlan42").withAddress("10.42.0.1/24");
        assertThat(ns1.exec("ip", "-d", "-o", "link", "show", "vxlan42")).succeeded()
                .stdoutContains("vxlan id 42 remote 10.2.0.2 local 10.1.0.2 dev eth0").stdoutContains("dstport 4789");
        // Without a dev, the kernel would size the device for a 1500-byte underlay too; with one, for the underlay.
        assertThat(ns1).hasInterface("vxlan42").withMtu(1450);
    }

    /**
     * On the underlay the ping is a UDP datagram to port 4789 carrying VNI 42 and an Ethernet frame; on the vxlan
     * device, an ordinary Ethernet frame.
     */
    @Test
    void theUnderlayCarriesVxlan(@Ns("ns1") NetNs ns1) throws Exception {
        try (Capture underlay = ns1.capture("eth0"); Capture segment = ns1.capture("vxlan42")) {
            assertThat(ns1).canPing("10.42.0.2");

            assertThat(underlay).hasPacket(
                    vxlan().vni(42).src("10.1.0.2").dst("10.2.0.2").inner(icmp().echoRequest().dst("10.42.0.2")))
                    .within(WAIT);
            assertThat(segment.linkType()).isEqualTo(LinkType.ETHERNET);
            assertThat(segment).hasPacket(icmp().echoRequest().dst("10.42.0.2")).within(WAIT);
        }
    }
}
