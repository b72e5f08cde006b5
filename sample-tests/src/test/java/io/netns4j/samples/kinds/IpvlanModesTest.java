package io.netns4j.samples.kinds;

import static io.netns4j.assertj.Assertions.assertThat;
import static io.netns4j.packet.Matchers.arp;
import static org.assertj.core.api.Assertions.assertThat;

import io.netns4j.Capture;
import io.netns4j.NetNs;
import io.netns4j.NetworkTest;
import io.netns4j.annotations.Ipvlan;
import io.netns4j.annotations.IpvlanMode;
import io.netns4j.annotations.NetNamespace;
import io.netns4j.annotations.Ns;
import io.netns4j.annotations.Route;
import io.netns4j.annotations.VethLink;
import io.netns4j.packet.PacketMatcher;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * ipvlan puts several namespaces on one Ethernet port behind one MAC address: the parent's. Where macvlan gives each
 * device a MAC address of its own (and needs a switch that accepts many behind one port), ipvlan tells its devices
 * apart by their IP addresses. Its mode decides at which layer:
 * <ul>
 * <li>{@link IpvlanMode#L2}: the devices take part in the parent's Ethernet link. They answer ARP for their addresses
 * with the parent's MAC address, and every broadcast on the link reaches each of them;
 * <li>{@link IpvlanMode#L3}: the parent routes for its devices. They do no ARP and see no broadcast; a neighbour
 * reaches them through a route via the parent's own address.
 * </ul>
 *
 * <pre>
 *   lan: eth0 10.50.0.254 ==veth== host: eth0 10.50.0.100 (the parent)
 *                                          +-- ipv0 of web  10.50.0.1 (L2) or 10.51.0.1 (L3)
 *                                          +-- ipv0 of db   10.50.0.2 (L2)
 * </pre>
 *
 * All ipvlan devices of one parent share one mode (the kernel applies the last one given to all of them), so each test
 * declares its own devices on the common cable. They need the kernel's ipvlan driver; without it the tests are skipped
 * with the reason (they run in the kernel lane).
 */
@NetworkTest
@NetNamespace("lan")
@NetNamespace("host")
@NetNamespace("web")
@NetNamespace("db")
@VethLink(a = "host", aName = "eth0", aAddress = "10.50.0.100/24", b = "lan", bName = "eth0", bAddress = "10.50.0.254/24")
class IpvlanModesTest {

    private static final Duration WAIT = Duration.ofSeconds(2);

    /** "Who has 10.50.0.2? Tell 10.50.0.254": the lan looking for db, broadcast on the cable. */
    private static final PacketMatcher WHO_HAS_DB = arp().request().target("10.50.0.2");

    @Test
    @Ipvlan(ns = "web", name = "ipv0", parent = "eth0", parentNs = "host", mode = IpvlanMode.L2, address = "10.50.0.1/24")
    @Ipvlan(ns = "db", name = "ipv0", parent = "eth0", parentNs = "host", mode = IpvlanMode.L2, address = "10.50.0.2/24")
    void l2DevicesAnswerArpWithTheParentsMac(@Ns("lan") NetNs lan, @Ns("host") NetNs host, @Ns("web") NetNs web) {
        try (Capture cable = lan.capture("eth0"); Capture onWeb = web.capture("ipv0")) {
            assertThat(lan).canPing("10.50.0.1");
            assertThat(lan).canPing("10.50.0.2");

            // Two addresses, two namespaces, one MAC address: the parent's.
            String parentMac = host.link("eth0").info().mac();
            assertThat(cable).hasPacket(arp().reply().sender("10.50.0.1")).within(WAIT);
            assertThat(cable).hasPacket(arp().reply().sender("10.50.0.2")).within(WAIT);
            assertThat(cable.packets(arp().reply().sender("10.50.0.1")).get(0).arp().orElseThrow().senderMac())
                    .isEqualToIgnoringCase(parentMac);
            assertThat(cable.packets(arp().reply().sender("10.50.0.2")).get(0).arp().orElseThrow().senderMac())
                    .isEqualToIgnoringCase(parentMac);
            assertThat(web.link("ipv0").info().mac()).isEqualToIgnoringCase(parentMac);

            // The lan's broadcast question about db reached web too, as on any Ethernet link.
            assertThat(onWeb).hasPacket(WHO_HAS_DB).within(WAIT);
        }
        // Siblings reach each other inside the kernel (the default flag, BRIDGE).
        assertThat(web).canPing("10.50.0.2");
    }

    @Test
    @Ipvlan(ns = "web", name = "ipv0", parent = "eth0", parentNs = "host", mode = IpvlanMode.L3, address = "10.50.0.1/24")
    @Ipvlan(ns = "db", name = "ipv0", parent = "eth0", parentNs = "host", mode = IpvlanMode.L3, address = "10.50.0.2/24")
    void l3DevicesSeeNoBroadcastAndAnswerNoArp(@Ns("lan") NetNs lan, @Ns("web") NetNs web) {
        assertThat(web.exec("ip", "link", "show", "ipv0")).succeeded().stdoutContains("NOARP");
        try (Capture cable = lan.capture("eth0"); Capture onWeb = web.capture("ipv0")) {
            // The lan asks who has db's address, and nobody answers: an L3 device does no ARP...
            assertThat(lan).cannotPing("10.50.0.2");
            assertThat(cable).hasPacket(WHO_HAS_DB).within(WAIT);
            assertThat(cable).hasNoPacket(arp().reply().sender("10.50.0.2")).during(Duration.ZERO);
            // ...and the broadcast is not flooded to the other devices either.
            assertThat(onWeb).hasNoPacket(WHO_HAS_DB).during(Duration.ZERO);
        }
    }

    /**
     * The way to reach L3 devices: route to them via the parent's address. The parent takes the packets for its
     * devices' addresses before its own IP stack does, so the host needs no forwarding; the devices' answers are routed
     * by the host's namespace.
     */
    @Test
    @Ipvlan(ns = "web", name = "ipv0", parent = "eth0", parentNs = "host", mode = IpvlanMode.L3, address = "10.51.0.1/24")
    @Route(ns = "lan", to = "10.51.0.0/24", via = "10.50.0.100")
    @Route(ns = "web", to = "default", dev = "ipv0")
    void l3DevicesAreReachedThroughTheParent(@Ns("lan") NetNs lan) {
        assertThat(lan).canPing("10.51.0.1");
    }
}
