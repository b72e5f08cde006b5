package io.netns4j.internal.netlink;

import static io.netns4j.internal.netlink.Fixture.hex;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@link IpvlanRequests} against iproute2, byte for byte: each test builds the request of one recorded {@code ip}
 * command and compares it with what iproute2 sent. The parent's index ({@code IFLA_LINK}) and the target namespace's
 * descriptor ({@code IFLA_NET_NS_FD}) vary from run to run; they are read from the fixture and fed to the encoder.
 *
 * <p>
 * Recorded with iproute2 6.1.0 on Linux 6.18, which has neither ipvlan nor ipvtap: the kernel refused every request
 * with {@code EOPNOTSUPP} ("Unknown device type"), after strace had seen the bytes iproute2 sent (see
 * {@code netlink/recording/record-ipvlan-vlan.sh}).
 */
class IpvlanRequestsTest {

    private static void assertEncodes(MessageWriter request, Fixture fx) {
        assertThat(hex(request.build(fx.seq()))).as("%s", fx).isEqualTo(hex(fx.request));
    }

    private static int parentIndex(Fixture fx) {
        int index = fx.requestAttributes(16).u32(Nl.IFLA_LINK, 0);
        assertThat(index).as("IFLA_LINK in %s", fx).isPositive();
        return index;
    }

    private static int namespaceFd(Fixture fx) {
        int fd = fx.requestAttributes(16).u32(Nl.IFLA_NET_NS_FD, -1);
        assertThat(fd).as("IFLA_NET_NS_FD in %s", fx).isNotNegative();
        return fd;
    }

    /** What this kernel answered: the kind is unknown to it. The request bytes are iproute2's all the same. */
    private static void assertRefusedAsUnknownKind(Fixture fx) {
        Message answer = fx.answerMessages().get(0);
        assertThat(answer.isError()).as("%s", fx).isTrue();
        assertThat(answer.errorCode()).as("EOPNOTSUPP in %s", fx).isEqualTo(-95);
    }

    @Test
    void l2Bridge() {
        Fixture fx = Fixture.load("link-add-ipvlan-l2-bridge");
        assertThat(fx.command).isEqualTo("ip netns exec ipvx1 ip link add ipv0 link eth0 type ipvlan mode l2 bridge");
        assertEncodes(IpvlanRequests.newIpvlan("ipv0", parentIndex(fx), "eth0", IpvlanRequests.IPVLAN_MODE_L2,
                IpvlanRequests.IPVLAN_F_BRIDGE), fx);
        assertRefusedAsUnknownKind(fx);
    }

    @Test
    void l3Private() {
        Fixture fx = Fixture.load("link-add-ipvlan-l3-private");
        assertThat(fx.command).isEqualTo("ip netns exec ipvx1 ip link add ipv1 link eth0 type ipvlan mode l3 private");
        assertEncodes(IpvlanRequests.newIpvlan("ipv1", parentIndex(fx), "eth0", IpvlanRequests.IPVLAN_MODE_L3,
                IpvlanRequests.IPVLAN_F_PRIVATE, -1), fx);
    }

    @Test
    void l3sVepa() {
        Fixture fx = Fixture.load("link-add-ipvlan-l3s-vepa");
        assertThat(fx.command).isEqualTo("ip netns exec ipvx1 ip link add ipv2 link eth0 type ipvlan mode l3s vepa");
        assertEncodes(IpvlanRequests.newIpvlan("ipv2", parentIndex(fx), "eth0", IpvlanRequests.IPVLAN_MODE_L3S,
                IpvlanRequests.IPVLAN_F_VEPA, -1), fx);
    }

    /**
     * Created straight into another namespace: {@code IFLA_NET_NS_FD} comes first, as iproute2 adds it while parsing.
     */
    @Test
    void intoAnotherNamespace() {
        Fixture fx = Fixture.load("link-add-ipvlan-l2-bridge-netns");
        assertThat(fx.command)
                .isEqualTo("ip netns exec ipvx1 ip link add ipv3 link eth0 netns ipvx2 type ipvlan mode l2 bridge");
        assertEncodes(IpvlanRequests.newIpvlan("ipv3", parentIndex(fx), "eth0", IpvlanRequests.IPVLAN_MODE_L2,
                IpvlanRequests.IPVLAN_F_BRIDGE, namespaceFd(fx)), fx);
        assertRefusedAsUnknownKind(fx);
    }

    @Test
    void ipvtapL2Bridge() {
        Fixture fx = Fixture.load("link-add-ipvtap-l2-bridge");
        assertThat(fx.command).isEqualTo("ip netns exec ipvx1 ip link add ipvt0 link eth0 type ipvtap mode l2 bridge");
        assertEncodes(IpvlanRequests.newIpvtap("ipvt0", parentIndex(fx), "eth0", IpvlanRequests.IPVLAN_MODE_L2,
                IpvlanRequests.IPVLAN_F_BRIDGE, -1), fx);
        assertRefusedAsUnknownKind(fx);
    }

    @Test
    void ipvtapL3VepaIntoAnotherNamespace() {
        Fixture fx = Fixture.load("link-add-ipvtap-l3-vepa-netns");
        assertThat(fx.command)
                .isEqualTo("ip netns exec ipvx1 ip link add ipvt1 link eth0 netns ipvx2 type ipvtap mode l3 vepa");
        assertEncodes(IpvlanRequests.newIpvtap("ipvt1", parentIndex(fx), "eth0", IpvlanRequests.IPVLAN_MODE_L3,
                IpvlanRequests.IPVLAN_F_VEPA, namespaceFd(fx)), fx);
    }

    /** The description names the equivalent command, for error messages. */
    @Test
    void describesItselfAsTheIpCommand() {
        assertThat(IpvlanRequests
                .newIpvlan("ipv0", 2, "eth0", IpvlanRequests.IPVLAN_MODE_L3S, IpvlanRequests.IPVLAN_F_PRIVATE, 7)
                .description()).isEqualTo("ip link add ipv0 link eth0 netns <fd 7> type ipvlan mode l3s private");
        assertThat(IpvlanRequests
                .newIpvtap("ipvt0", 2, "eth0", IpvlanRequests.IPVLAN_MODE_L2, IpvlanRequests.IPVLAN_F_BRIDGE, -1)
                .description()).isEqualTo("ip link add ipvt0 link eth0 type ipvtap mode l2 bridge");
    }
}
