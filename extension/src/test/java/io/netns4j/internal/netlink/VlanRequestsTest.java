package io.netns4j.internal.netlink;

import static io.netns4j.internal.netlink.Fixture.hex;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@link VlanRequests} against iproute2, byte for byte, as {@link IpvlanRequestsTest} does for ipvlan: the parent's
 * index and the target namespace's descriptor are read from the fixture. Recorded with iproute2 6.1.0 on Linux 6.18,
 * which has no 8021q module: the kernel refused the requests with {@code EOPNOTSUPP} ("Unknown device type") after
 * strace had seen them (see {@code netlink/recording/record-ipvlan-vlan.sh}).
 */
class VlanRequestsTest {

    private static void assertEncodes(MessageWriter request, Fixture fx) {
        assertThat(hex(request.build(fx.seq()))).as("%s", fx).isEqualTo(hex(fx.request));
    }

    private static int parentIndex(Fixture fx) {
        int index = fx.requestAttributes(16).u32(Nl.IFLA_LINK, 0);
        assertThat(index).as("IFLA_LINK in %s", fx).isPositive();
        return index;
    }

    /**
     * An 802.1Q VLAN. The protocol (TPID {@code 0x8100}) goes in network byte order, the id in host order, in the order
     * of the command line (protocol, then id).
     */
    @Test
    void ieee8021q() {
        Fixture fx = Fixture.load("link-add-vlan-8021q");
        assertThat(fx.command)
                .isEqualTo("ip netns exec ipvx1 ip link add link eth0 name eth0.100 type vlan protocol 802.1Q id 100");
        assertEncodes(VlanRequests.newVlan("eth0.100", parentIndex(fx), "eth0", VlanRequests.ETH_P_8021Q, 100, -1), fx);
        Message answer = fx.answerMessages().get(0);
        assertThat(answer.errorCode()).as("EOPNOTSUPP: no 8021q module on the recording kernel").isEqualTo(-95);
    }

    /** An 802.1ad service tag (TPID {@code 0x88a8}) with the largest id. */
    @Test
    void ieee8021ad() {
        Fixture fx = Fixture.load("link-add-vlan-8021ad");
        assertThat(fx.command)
                .isEqualTo("ip netns exec ipvx1 ip link add link eth0 name v4094 type vlan protocol 802.1ad id 4094");
        assertEncodes(VlanRequests.newVlan("v4094", parentIndex(fx), "eth0", VlanRequests.ETH_P_8021AD, 4094, -1), fx);
    }

    /** Created straight into another namespace: {@code IFLA_NET_NS_FD} first, then {@code IFLA_LINK}. */
    @Test
    void intoAnotherNamespace() {
        Fixture fx = Fixture.load("link-add-vlan-8021q-netns");
        assertThat(fx.command).isEqualTo(
                "ip netns exec ipvx1 ip link add link eth0 name v1 netns ipvx2 type vlan protocol 802.1Q id 1");
        int fd = fx.requestAttributes(16).u32(Nl.IFLA_NET_NS_FD, -1);
        assertThat(fd).isNotNegative();
        assertEncodes(VlanRequests.newVlan("v1", parentIndex(fx), "eth0", VlanRequests.ETH_P_8021Q, 1, fd), fx);
    }

    @Test
    void describesItselfAsTheIpCommand() {
        assertThat(VlanRequests.newVlan("v100", 2, "eth0", VlanRequests.ETH_P_8021AD, 100, 9).description())
                .isEqualTo("ip link add link eth0 name v100 netns <fd 9> type vlan protocol 802.1ad id 100");
    }
}
