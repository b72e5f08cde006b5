package io.netns4j.samples.kinds;

import static io.netns4j.assertj.Assertions.assertThat;
import static io.netns4j.packet.Matchers.icmp;
import static io.netns4j.packet.Matchers.ipv4;
import static io.netns4j.packet.Matchers.ipv6;
import static io.netns4j.packet.Matchers.not;
import static io.netns4j.packet.Matchers.vlan;
import static org.assertj.core.api.Assertions.assertThat;

import io.netns4j.Capture;
import io.netns4j.NetNs;
import io.netns4j.NetworkTest;
import io.netns4j.annotations.NetNamespace;
import io.netns4j.annotations.Ns;
import io.netns4j.annotations.VethLink;
import io.netns4j.annotations.Vlan;
import io.netns4j.packet.VlanTag;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Two VLANs over one cable: the cable is a trunk that carries both, each frame tagged with its VLAN's id.
 *
 * <pre>
 *   left                                                     right
 *   eth0.100 10.100.0.1 --+                               +-- eth0.100 10.100.0.2
 *   eth0.200 10.200.0.1 --+-- eth0 ====== veth ====== eth0 --+-- eth0.200 10.200.0.2
 *                              (tagged frames, captured here)
 * </pre>
 *
 * Each {@code @Vlan} is a device on a parent (here the veth's end {@code eth0}, which itself has no address): what it
 * sends leaves through the parent with an IEEE 802.1Q tag carrying its id; what the parent receives with that tag comes
 * out of it, untagged. So the VLAN device sees plain frames, and the cable between the parents sees tagged ones; a
 * capture on the parent shows the tags, and {@code vlan(100)} matches them.
 *
 * <p>
 * Needs the kernel's 8021q module; without it the tests are skipped with the reason (they run in the kernel lane).
 */
@NetworkTest
@NetNamespace("left")
@NetNamespace("right")
@VethLink(a = "left", aName = "eth0", b = "right", bName = "eth0")
@Vlan(ns = "left", name = "eth0.100", parent = "eth0", id = 100, address = "10.100.0.1/24")
@Vlan(ns = "right", name = "eth0.100", parent = "eth0", id = 100, address = "10.100.0.2/24")
@Vlan(ns = "left", name = "eth0.200", parent = "eth0", id = 200, address = "10.200.0.1/24")
@Vlan(ns = "right", name = "eth0.200", parent = "eth0", id = 200, address = "10.200.0.2/24")
class VlanTaggedTrafficTest {

    private static final Duration WAIT = Duration.ofSeconds(2);

    @Test
    void theCableCarriesTheTagTheVlanDeviceDoesNot(@Ns("left") NetNs left, @Ns("right") NetNs right) {
        try (Capture trunk = right.capture("eth0"); Capture vlan100 = right.capture("eth0.100")) {
            assertThat(left).canPing("10.100.0.2");

            // On the cable: the echo request, tagged with VLAN 100, and nothing of VLAN 200 but the kernel's own IPv6
            // chatter (multicast listener reports, router solicitations), which eth0.200 sends when it pleases.
            assertThat(trunk).hasPacket(vlan(100).and(icmp().echoRequest().dst("10.100.0.2"))).within(WAIT);
            assertThat(trunk).hasNoPacket(vlan(200).and(not(ipv6()))).during(Duration.ZERO);
            VlanTag tag = trunk.packets(vlan(100).and(icmp().echoRequest())).get(0).vlan().orElseThrow();
            assertThat(tag.tpid()).as("802.1Q").isEqualTo(0x8100);
            assertThat(tag.isServiceTag()).isFalse();

            // On the VLAN device: the same request, without a tag.
            assertThat(vlan100).hasPacket(not(vlan()).and(icmp().echoRequest().dst("10.100.0.2"))).within(WAIT);
        }
    }

    @Test
    void eachVlanKeepsItsOwnTag(@Ns("left") NetNs left) {
        try (Capture trunk = left.capture("eth0")) {
            assertThat(left).canPing("10.100.0.2");
            assertThat(left).canPing("10.200.0.2");

            assertThat(trunk).hasPackets(vlan(100).and(icmp().echoReply().src("10.100.0.2"))).count(3);
            assertThat(trunk).hasPackets(vlan(200).and(icmp().echoReply().src("10.200.0.2"))).count(3);
            // Every IPv4 ICMP packet on the cable is tagged; here a VLAN's id is the second byte of its addresses.
            assertThat(trunk.packets(ipv4().and(icmp()))).hasSize(12).allSatisfy(p -> assertThat(p.vlan())
                    .map(VlanTag::id).contains(p.ip().orElseThrow().src().getAddress()[1] & 0xff));
        }
    }
}
