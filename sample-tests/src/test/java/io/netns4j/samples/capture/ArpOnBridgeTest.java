package io.netns4j.samples.capture;

import static io.netns4j.assertj.Assertions.assertThat;
import static io.netns4j.packet.Matchers.arp;
import static io.netns4j.packet.Matchers.icmp;
import static org.assertj.core.api.Assertions.assertThat;

import io.netns4j.Capture;
import io.netns4j.NetNs;
import io.netns4j.NetworkTest;
import io.netns4j.annotations.Bridge;
import io.netns4j.annotations.BridgePort;
import io.netns4j.annotations.NetNamespace;
import io.netns4j.annotations.Ns;
import io.netns4j.packet.Arp;
import io.netns4j.packet.Packet;
import io.netns4j.packet.PacketMatcher;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Address resolution on a switched LAN, watched from two of its hosts.
 *
 * <pre>
 *   alice 10.0.0.1 --+
 *   bob   10.0.0.2 --+-- [ bridge "lan" ]     captures on alice's and carol's eth0
 *   carol 10.0.0.3 --+
 * </pre>
 *
 * Before alice can send her first IPv4 packet to bob she must learn bob's MAC address: she broadcasts an ARP request
 * "who has 10.0.0.2? tell 10.0.0.1", bob answers with a unicast ARP reply "10.0.0.2 is at BOB'S-MAC", and only then
 * does the echo request leave. The switch floods the broadcast request to every port, carol's too; the reply goes to
 * alice's port only, because the switch learned alice's address from her request.
 *
 * <h2>Where to capture</h2> The bridge of a {@code @Bridge} without a {@code namespace} lives in a hidden namespace of
 * its own, which a test cannot name; capture on the hosts' ends of the ports instead: {@code alice.capture("eth0")}.
 * (To capture on the switch itself, declare the bridge in a namespace of the topology,
 * {@code @Bridge(namespace = "switch", ...)}, and capture there.)
 *
 * <h2>Fresh caches</h2> The topology is built for each test method (the default scope), so every test starts with empty
 * ARP caches: the first packet to a neighbour always resolves its address. With a shared, class-scoped topology, an
 * earlier test would already have filled the cache.
 */
@NetworkTest
@NetNamespace("alice")
@NetNamespace("bob")
@NetNamespace("carol")
@Bridge(name = "lan", ports = { @BridgePort(ns = "alice", address = "10.0.0.1/24"),
        @BridgePort(ns = "bob", address = "10.0.0.2/24"), @BridgePort(ns = "carol", address = "10.0.0.3/24") })
class ArpOnBridgeTest {

    private static final Duration WAIT = Duration.ofSeconds(2);

    /** "Who has 10.0.0.2? Tell 10.0.0.1." */
    private static final PacketMatcher WHO_HAS_BOB = arp().request().sender("10.0.0.1").target("10.0.0.2");

    /** "10.0.0.2 is at ...", to alice. */
    private static final PacketMatcher BOB_IS_AT = arp().reply().sender("10.0.0.2").target("10.0.0.1");

    @Test
    void theFirstPingResolvesTheTargetWithARequestAndAReply(@Ns("alice") NetNs alice, @Ns("bob") NetNs bob)
            throws Exception {
        try (Capture capture = alice.capture("eth0")) {
            assertThat(alice.ping("10.0.0.2", 1, Duration.ofSeconds(2)).allReceived()).isTrue();

            assertThat(capture).hasPacket(WHO_HAS_BOB).within(WAIT);
            assertThat(capture).hasPacket(BOB_IS_AT).within(WAIT);
            assertThat(capture).hasPacket(icmp().echoRequest().dst("10.0.0.2")).within(WAIT);

            // The request is a broadcast that does not know the answer yet; the reply carries bob's MAC address.
            Packet request = capture.packets(WHO_HAS_BOB).get(0);
            Packet reply = capture.packets(BOB_IS_AT).get(0);
            assertThat(request.ethernet().orElseThrow().dst()).isEqualTo("ff:ff:ff:ff:ff:ff");
            assertThat(request.arp().orElseThrow().targetMac()).isEqualTo("00:00:00:00:00:00");
            Arp answer = reply.arp().orElseThrow();
            assertThat(answer.senderMac()).isEqualToIgnoringCase(bob.link("eth0").info().mac());
            assertThat(answer.targetMac()).isEqualToIgnoringCase(alice.link("eth0").info().mac());

            // Request, reply, and only then the echo request that waited for them.
            List<Packet> all = capture.packets();
            Packet echo = capture.packets(icmp().echoRequest().dst("10.0.0.2")).get(0);
            assertThat(all.indexOf(request)).isLessThan(all.indexOf(reply));
            assertThat(all.indexOf(reply)).isLessThan(all.indexOf(echo));
        }
    }

    @Test
    void theAddressIsResolvedOnceThenCached(@Ns("alice") NetNs alice) {
        try (Capture capture = alice.capture("eth0")) {
            assertThat(alice).canPing("10.0.0.2");
            assertThat(alice).canPing("10.0.0.2");

            // Six echo requests, one ARP exchange: the answer stays in alice's neighbour cache.
            assertThat(capture).hasPackets(icmp().echoRequest().dst("10.0.0.2")).count(6);
            assertThat(capture).hasPackets(WHO_HAS_BOB).count(1);
            assertThat(capture).hasPackets(BOB_IS_AT).count(1);
        }
    }

    @Test
    void theSwitchFloodsTheRequestButNotTheReply(@Ns("alice") NetNs alice, @Ns("carol") NetNs carol) {
        try (Capture onCarol = carol.capture("eth0")) {
            assertThat(alice).canPing("10.0.0.2");

            // carol hears the broadcast question, though it is not about her...
            assertThat(onCarol).hasPacket(WHO_HAS_BOB).within(WAIT);
            // ...but neither bob's unicast answer nor the pings: the switch sends those to alice's port only.
            assertThat(onCarol).hasNoPacket(BOB_IS_AT).during(Duration.ofMillis(300));
            assertThat(onCarol).hasNoPacket(icmp().host("10.0.0.2")).during(Duration.ZERO);
            // carol does not answer a question about someone else.
            assertThat(onCarol).hasNoPacket(arp().reply().sender("10.0.0.3")).during(Duration.ZERO);
        }
    }
}
