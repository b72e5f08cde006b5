package io.netns4j.kinds;

import static io.netns4j.assertj.Assertions.assertThat;
import static io.netns4j.packet.Matchers.arp;
import static io.netns4j.packet.Matchers.vxlan;

import io.netns4j.Capture;
import io.netns4j.NetNs;
import io.netns4j.NetworkTest;
import io.netns4j.annotations.Bridge;
import io.netns4j.annotations.BridgePort;
import io.netns4j.annotations.NetNamespace;
import io.netns4j.annotations.Ns;
import io.netns4j.annotations.Vxlan;
import io.netns4j.packet.Matchers;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A VXLAN segment over a multicast group: three namespaces on one LAN join 239.1.1.1 on their {@code eth0}; broadcasts
 * (ARP) go to the group, unicast to the end that answered. The devices are named by default ({@code vxlan0}) and use
 * the default port.
 */
@NetworkTest
@NetNamespace("a")
@NetNamespace("b")
@NetNamespace("c")
@Bridge(name = "lan", ports = { @BridgePort(ns = "a", address = "10.0.0.1/24"),
        @BridgePort(ns = "b", address = "10.0.0.2/24"), @BridgePort(ns = "c", address = "10.0.0.3/24") })
@Vxlan(ns = "a", vni = 7, group = "239.1.1.1", dev = "eth0", address = "10.7.0.1/24")
@Vxlan(ns = "b", vni = 7, group = "239.1.1.1", dev = "eth0", address = "10.7.0.2/24")
@Vxlan(ns = "c", vni = 7, group = "239.1.1.1", dev = "eth0", address = "10.7.0.3/24")
class VxlanGroupTest {

    @Test
    void everyEndReachesTheOthers(@Ns("a") NetNs a, @Ns("c") NetNs c) throws Exception {
        try (Capture underlay = a.capture("eth0")) {
            assertThat(a).canPing("10.7.0.2");
            assertThat(a).canPing("10.7.0.3");
            assertThat(c).canPing("10.7.0.2");
            assertThat(underlay).hasPacket(vxlan().vni(7).src("10.0.0.1").dst("239.1.1.1").inner(arp()))
                    .within(Duration.ofSeconds(3));
            assertThat(underlay).hasPacket(vxlan().vni(7).dst("10.0.0.2").inner(Matchers.icmp().echoRequest()))
                    .within(Duration.ofSeconds(3));
        }
        assertThat(a.exec("ip", "-d", "-o", "link", "show", "vxlan0")).succeeded()
                .stdoutContains("vxlan id 7 group 239.1.1.1 dev eth0").stdoutContains("dstport 4789");
    }
}
