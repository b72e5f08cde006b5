package io.netns4j.internal.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link LinkMessage} on real kernel answers (Linux 6.18). The expected values are what iproute2 printed from the same
 * bytes, kept as comments in each fixture.
 */
class LinkMessageTest {

    private static final byte[] ZERO_MAC = new byte[6];

    private static List<LinkMessage> links(Fixture fx) {
        return fx.answerMessages(Nl.RTM_NEWLINK).map(LinkMessage::decode).toList();
    }

    /**
     * <pre>
     * 2: eth0@if4: &lt;BROADCAST,MULTICAST,UP,LOWER_UP&gt; mtu 1400 qdisc noqueue state UP mode DEFAULT group default qlen 1000
     *     link/ether 02:00:00:00:00:01 brd ff:ff:ff:ff:ff:ff link-netns fx2
     * </pre>
     */
    @Test
    void vethThatIsUp() {
        Fixture fx = Fixture.load("link-get-by-name");
        assertThat(fx.command).isEqualTo("ip netns exec fx1 ip link show dev eth0");
        List<LinkMessage> links = links(fx);
        assertThat(links).hasSize(1);
        LinkMessage eth0 = links.get(0);
        assertThat(eth0.index()).isEqualTo(2);
        assertThat(eth0.name()).isEqualTo("eth0");
        assertThat(eth0.mtu()).isEqualTo(1400);
        assertThat(eth0.operstate()).isEqualTo(Nl.IF_OPER_UP);
        assertThat(Nl.operstateName(eth0.operstate())).isEqualTo("UP");
        assertThat(eth0.isUp()).isTrue();
        assertThat(eth0.isLowerUp()).isTrue();
        assertThat(eth0.master()).isZero();
        assertThat(eth0.kind()).isEqualTo("veth");
        assertThat(Macs.format(eth0.address())).isEqualTo("02:00:00:00:00:01");
        assertThat(fx.answerMessages().get(0).seq()).isEqualTo(fx.seq());
    }

    /**
     * <pre>
     * 4: eth2@if5: &lt;BROADCAST,MULTICAST&gt; mtu 1400 qdisc noop master br0 state DOWN mode DEFAULT group default qlen 1000
     * </pre>
     *
     * ({@code br0} is index 3.)
     */
    @Test
    void vethEnslavedToABridgeAndDown() {
        Fixture fx = Fixture.load("link-get-enslaved");
        assertThat(fx.command).isEqualTo("ip netns exec fx1 ip link show dev eth2");
        LinkMessage eth2 = links(fx).get(0);
        assertThat(eth2.index()).isEqualTo(4);
        assertThat(eth2.name()).isEqualTo("eth2");
        assertThat(eth2.mtu()).isEqualTo(1400);
        assertThat(eth2.master()).isEqualTo(3);
        assertThat(eth2.operstate()).isEqualTo(Nl.IF_OPER_DOWN);
        assertThat(eth2.isUp()).isFalse();
        assertThat(eth2.isLowerUp()).isFalse();
        assertThat(eth2.kind()).isEqualTo("veth");
        assertThat(eth2.address()).hasSize(6);
    }

    /**
     * The link dump of {@code ip addr show}:
     *
     * <pre>
     * 1: lo: &lt;LOOPBACK,UP,LOWER_UP&gt; mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
     *     link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
     * 2: eth0@if4: &lt;BROADCAST,MULTICAST,UP,LOWER_UP&gt; mtu 1400 qdisc noqueue state UP group default qlen 1000
     *     link/ether 02:00:00:00:00:01 brd ff:ff:ff:ff:ff:ff link-netns fx2
     * 3: br0: &lt;NO-CARRIER,BROADCAST,MULTICAST,UP&gt; mtu 1500 qdisc noqueue state DOWN group default qlen 1000
     *     link/ether 00:00:00:00:00:00 brd ff:ff:ff:ff:ff:ff
     * </pre>
     */
    @Test
    void dumpOfEveryLink() {
        Fixture fx = Fixture.load("link-dump");
        assertThat(fx.command).isEqualTo("ip netns exec fx1 ip addr show");
        List<LinkMessage> links = links(fx);
        assertThat(links).extracting(LinkMessage::index, LinkMessage::name, LinkMessage::mtu, LinkMessage::kind,
                LinkMessage::isUp, LinkMessage::isLowerUp, l -> Nl.operstateName(l.operstate()), LinkMessage::master)
                .containsExactly(tuple(1, "lo", 65536, "", true, true, "UNKNOWN", 0),
                        tuple(2, "eth0", 1400, "veth", true, true, "UP", 0),
                        tuple(3, "br0", 1500, "bridge", true, false, "DOWN", 0));
        assertThat(links.get(0).address()).isEqualTo(ZERO_MAC);
        assertThat(Macs.format(links.get(1).address())).isEqualTo("02:00:00:00:00:01");
        assertThat(links.get(2).address()).isEqualTo(ZERO_MAC);
        assertThat((links.get(0).flags() & Nl.IFF_LOOPBACK)).isNotZero();

        List<Message> all = fx.answerMessages();
        assertThat(all).allSatisfy(m -> assertThat(m.seq()).isEqualTo(fx.seq()));
        assertThat(all.get(all.size() - 1).isDone()).as("a dump ends with NLMSG_DONE").isTrue();
        assertThat(all).filteredOn(m -> (m.flags() & Nl.NLM_F_MULTI) == 0).hasSize(0);
    }

    /**
     * The kernel sends {@code IFLA_STATS64} with every link; the counters are the first four {@code __u64} of
     * {@code struct rtnl_link_stats64}, in host order. The fixture's {@code ip} was not given {@code -s} and printed
     * none, so the frame sizes stand witness: every count of bytes lies between 42 (the smallest Ethernet frame without
     * its checksum) and 1514 times the count of packets.
     */
    @Test
    void countersOfStats64() {
        List<LinkMessage.Counters> counters = links(Fixture.load("link-dump")).stream().map(LinkMessage::counters)
                .toList();
        assertThat(counters).containsExactly(new LinkMessage.Counters(0, 0, 0, 0),
                new LinkMessage.Counters(6, 7, 516, 606), new LinkMessage.Counters(0, 3, 0, 218));
        assertThat(counters).allSatisfy(k -> {
            assertThat(k.rxBytes()).isBetween(42 * k.rxPackets(), 1514 * k.rxPackets());
            assertThat(k.txBytes()).isBetween(42 * k.txPackets(), 1514 * k.txPackets());
        });

        java.nio.ByteBuffer stats = java.nio.ByteBuffer.allocate(200).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        stats.putLong(3).putLong(5).putLong(294).putLong(490).putLong(7).flip();
        LinkMessage.Counters c = LinkMessage.Counters.decode(stats);
        assertThat(c).isEqualTo(new LinkMessage.Counters(3, 5, 294, 490));
        assertThat(c).hasToString("rx 3 pkt 294 B, tx 5 pkt 490 B");
        assertThat(LinkMessage.Counters.decode(java.nio.ByteBuffer.allocate(24))).as("too short").isNull();
    }
}
