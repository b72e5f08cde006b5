package io.netns4j.internal.netlink;

import static io.netns4j.internal.netlink.Fixture.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link IpTunnelRequests} against iproute2, byte for byte: each test builds the request of one recorded {@code ip}
 * command, compares it with what iproute2 sent and checks that the request describes itself as that command. The
 * underlay's index ({@code IFLA_IPTUN_LINK}, {@code IFLA_GRE_LINK}) varies from run to run; it is read from the fixture
 * and fed to the encoder.
 *
 * <p>
 * Recorded with iproute2 6.1.0 on Linux 6.18, which has neither ipip, sit nor gre: the kernel refused every request
 * with {@code EOPNOTSUPP} ("Unknown device type"), after strace had seen the bytes iproute2 sent (see
 * {@code netlink/recording/record-tunnel-fixtures.sh}).
 */
class IpTunnelRequestsTest {

    private static final String IN_NS = "ip netns exec tunfx1 ";
    private static final InetAddress LOCAL = address("10.1.0.2");
    private static final InetAddress REMOTE = address("10.2.0.2");

    static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The bytes are iproute2's, and the request names the command that made them. */
    static void assertEncodes(MessageWriter request, Fixture fx) {
        assertThat(hex(request.build(fx.seq()))).as("%s", fx).isEqualTo(hex(fx.request));
        assertThat(IN_NS + request.description()).isEqualTo(fx.command);
    }

    /** A u32 of the kind's data ({@code IFLA_INFO_DATA}) of the recorded request. */
    static int dataU32(Fixture fx, int type) {
        return fx.requestAttributes(16).nested(Nl.IFLA_LINKINFO).nested(Nl.IFLA_INFO_DATA).u32(type, 0);
    }

    private static void assertRefusedAsUnknownKind(Fixture fx) {
        Message answer = fx.answerMessages().get(0);
        assertThat(answer.isError()).as("%s", fx).isTrue();
        assertThat(answer.errorCode()).as("EOPNOTSUPP in %s", fx).isEqualTo(-95);
        assertThat(answer.extendedAckMessage()).isEqualTo("Unknown device type");
    }

    /**
     * Every {@code IFLA_IPTUN_*} attribute is sent, the defaults too: proto 0 (any), pmtudisc 1, tos 0, ttl 0
     * (inherit), link 0, fwmark 0 and no encapsulation; {@code IFLA_IFNAME} comes first.
     */
    @Test
    void ipip() {
        Fixture fx = Fixture.load("link-add-ipip");
        assertEncodes(IpTunnelRequests.newIpip("ipip1", LOCAL, REMOTE, 0, 0, true, 0, ""), fx);
        assertThat(fx.command).isEqualTo(IN_NS + "ip link add ipip1 type ipip local 10.1.0.2 remote 10.2.0.2");
        assertRefusedAsUnknownKind(fx);
    }

    @Test
    void ipipWithTtlTosAndUnderlay() {
        Fixture fx = Fixture.load("link-add-ipip-ttl-tos-dev");
        int link = dataU32(fx, IpTunnelRequests.IFLA_IPTUN_LINK);
        assertThat(link).isPositive();
        assertEncodes(IpTunnelRequests.newIpip("ipip1", LOCAL, REMOTE, 64, 0x10, true, link, "eth0"), fx);
    }

    @Test
    void ipipWithoutPathMtuDiscovery() {
        Fixture fx = Fixture.load("link-add-ipip-nopmtudisc");
        assertEncodes(IpTunnelRequests.newIpip("ipip1", LOCAL, REMOTE, 0, 0, false, 0, ""), fx);
    }

    /** The ipip attributes, and {@code IFLA_IPTUN_FLAGS} 0 at the end. */
    @Test
    void sit() {
        Fixture fx = Fixture.load("link-add-sit");
        assertEncodes(IpTunnelRequests.newSit("sit1", LOCAL, REMOTE, 64, 0, true, 0, ""), fx);
        assertRefusedAsUnknownKind(fx);
    }

    /** Without keys, both keys and both flags are sent as 0; without an underlay, no {@code IFLA_GRE_LINK}. */
    @Test
    void gre() {
        Fixture fx = Fixture.load("link-add-gre");
        assertEncodes(IpTunnelRequests.newGre("gre1", false, LOCAL, REMOTE, 0, 0, true, -1, -1, 0, ""), fx);
        assertRefusedAsUnknownKind(fx);
    }

    /** {@code key K} is {@code ikey K okey K}: both keys in network order, both flags {@code GRE_KEY}. */
    @Test
    void greWithKey() {
        Fixture fx = Fixture.load("link-add-gre-key");
        assertEncodes(IpTunnelRequests.newGre("gre1", false, LOCAL, REMOTE, 64, 0, true, 42, 42, 0, ""), fx);
    }

    /** {@code IFLA_GRE_LINK} goes between the TOS and the TTL. */
    @Test
    void greWithKeysPerDirectionUnderlayAndNoPmtudisc() {
        Fixture fx = Fixture.load("link-add-gre-ikey-okey-dev");
        int link = dataU32(fx, IpTunnelRequests.IFLA_GRE_LINK);
        assertThat(link).isPositive();
        assertEncodes(IpTunnelRequests.newGre("gre1", false, LOCAL, REMOTE, 0, 0x10, false, 1, 2, link, "eth0"), fx);
    }

    @Test
    void gretap() {
        Fixture fx = Fixture.load("link-add-gretap");
        assertEncodes(IpTunnelRequests.newGre("gretap1", true, LOCAL, REMOTE, 0, 0, true, -1, -1, 0, ""), fx);
        assertRefusedAsUnknownKind(fx);
    }

    /** Every fixture recorded by {@code record-tunnel-fixtures.sh}. */
    static final List<String> TUNNEL_FIXTURES = List.of("link-add-ipip", "link-add-ipip-ttl-tos-dev",
            "link-add-ipip-nopmtudisc", "link-add-sit", "link-add-gre", "link-add-gre-key",
            "link-add-gre-ikey-okey-dev", "link-add-gretap", "link-add-vxlan-remote", "link-add-vxlan-local-remote-dev",
            "link-add-vxlan-group-dev-ttl-tos", "link-add-vxlan-ipv6", "addr-add-ipv4-peer");

    /**
     * As {@code MessageTest} checks for the shared fixtures: each answer carries the request's sequence number, and
     * each error or ACK echoes the request's header.
     */
    @Test
    void everyAnswerEchoesItsRequest() {
        for (String name : TUNNEL_FIXTURES) {
            Fixture fx = Fixture.load(name);
            assertThat(fx.answerMessages()).as("answers of %s", fx).isNotEmpty();
            for (Message m : fx.answerMessages()) {
                assertThat(m.seq()).as("%s", fx).isEqualTo(fx.seq());
                assertThat(m.isError()).as("%s", fx).isTrue();
                byte[] echoed = new byte[Nl.NLMSG_HDRLEN];
                m.buffer().get(Nl.NLMSG_HDRLEN + 4, echoed);
                assertThat(hex(echoed)).as("%s", fx).isEqualTo(hex(Arrays.copyOf(fx.request, Nl.NLMSG_HDRLEN)));
            }
        }
    }

    /**
     * The point-to-point address the runtime adds to a tunnel with a peer ({@link AddressRequests#addWithPeer}):
     * {@code IFA_LOCAL} is this end's, {@code IFA_ADDRESS} the peer's, the prefix the peer's (32 when bare). Recorded
     * on a veth, as this kernel has no tunnel to record it on; the request is the same.
     */
    @Test
    void pointToPointAddress() {
        Fixture fx = Fixture.load("addr-add-ipv4-peer");
        assertThat(fx.command).isEqualTo(IN_NS + "ip addr add 192.168.50.10 peer 192.168.60.10 dev eth0");
        MessageWriter request = AddressRequests.addWithPeer(fx.headerIndex(), "eth0", address("192.168.50.10"),
                address("192.168.60.10"), 32);
        assertThat(hex(request.build(fx.seq()))).isEqualTo(hex(fx.request));
        assertThat(fx.answerMessages().get(0).errorCode()).as("ACK").isZero();
    }
}
