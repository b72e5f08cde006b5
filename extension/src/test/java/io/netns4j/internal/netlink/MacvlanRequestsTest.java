package io.netns4j.internal.netlink;

import static io.netns4j.internal.netlink.Fixture.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link MacvlanRequests} against iproute2, byte for byte: each test builds the request of one recorded {@code ip} (or
 * {@code bridge}) command and compares it with what iproute2 sent. What varies from run to run (the sequence number,
 * the parent's index in {@code IFLA_LINK}, the descriptor iproute2 opened on {@code /run/netns/mvfx2} and sent as
 * {@code IFLA_NET_NS_FD}, the port's index) is read from the fixture and fed to the encoder, never masked.
 *
 * <p>
 * Recorded with iproute2 6.1.0 on Linux 6.18 in the throw-away namespaces {@code mvfx1} (where ip ran, with the parents
 * {@code p0} and {@code q0}, veth ends, and the bridge {@code br0} with port {@code sw0}) and {@code mvfx2} (the target
 * of {@code netns}), by {@code src/test/resources/netlink/recording/record-macvlan-fixtures.sh}.
 */
class MacvlanRequestsTest {

    private static final byte[] MAC_12 = { 0x02, 0, 0, 0, 0, 0x12 };
    private static final byte[] MAC_21 = { 0x02, 0, 0, 0, 0, 0x21 };
    private static final byte[] MAC_22 = { 0x02, 0, 0, 0, 0, 0x22 };
    private static final byte[] MAC_31 = { 0x02, 0, 0, 0, 0, 0x31 };

    private static void assertEncodes(MessageWriter request, Fixture fx) {
        assertThat(hex(request.build(fx.seq()))).as("%s", fx).isEqualTo(hex(fx.request));
    }

    private static int parentIndex(Fixture fx) {
        int index = fx.requestAttributes(16).u32(Nl.IFLA_LINK, -1);
        assertThat(index).as("IFLA_LINK in %s", fx).isPositive();
        return index;
    }

    private static int namespaceFd(Fixture fx) {
        int fd = fx.requestAttributes(16).u32(Nl.IFLA_NET_NS_FD, -1);
        assertThat(fd).as("IFLA_NET_NS_FD in %s", fx).isNotNegative();
        return fd;
    }

    private static void assertAcked(Fixture fx) {
        assertThat(fx.answerMessages().get(0).isError()).as("an ACK or error answers %s", fx).isTrue();
        assertThat(fx.answerMessages().get(0).errorCode()).as("ACK of %s", fx).isZero();
    }

    /** Next to its parent: {@code IFLA_LINK}, {@code IFLA_IFNAME}, then the kind (without NUL) and the mode. */
    @Test
    void macvlanBridgeNextToItsParent() {
        Fixture fx = Fixture.load("macvlan-add-bridge");
        assertThat(fx.command).isEqualTo("ip netns exec mvfx1 ip link add link p0 name mv0 type macvlan mode bridge");
        assertEncodes(MacvlanRequests.newMacvlan("macvlan", "mv0", parentIndex(fx), "p0", null, -1,
                MacvlanRequests.MACVLAN_MODE_BRIDGE, List.of()), fx);
        assertAcked(fx);
    }

    /** Straight into another namespace: {@code IFLA_NET_NS_FD} comes first, where {@code netns} stands. */
    @Test
    void macvlanVepaIntoAnotherNamespace() {
        Fixture fx = Fixture.load("macvlan-add-netns-vepa");
        assertThat(fx.command)
                .isEqualTo("ip netns exec mvfx1 ip link add link p0 name mv1 netns mvfx2 type macvlan mode vepa");
        assertEncodes(MacvlanRequests.newMacvlan("macvlan", "mv1", parentIndex(fx), "p0", null, namespaceFd(fx),
                MacvlanRequests.MACVLAN_MODE_VEPA, List.of()), fx);
        assertAcked(fx);
    }

    @Test
    void macvlanPrivateWithAddressIntoAnotherNamespace() {
        Fixture fx = Fixture.load("macvlan-add-address-netns-private");
        assertThat(fx.command).isEqualTo("ip netns exec mvfx1 ip link add link p0 name mv2 address 02:00:00:00:00:12"
                + " netns mvfx2 type macvlan mode private");
        assertEncodes(MacvlanRequests.newMacvlan("macvlan", "mv2", parentIndex(fx), "p0", MAC_12, namespaceFd(fx),
                MacvlanRequests.MACVLAN_MODE_PRIVATE, List.of()), fx);
        assertAcked(fx);
    }

    /**
     * Source mode with its senders: {@code IFLA_MACVLAN_MACADDR_MODE} = SET and the nested list
     * {@code IFLA_MACVLAN_MACADDR_DATA} (without {@code NLA_F_NESTED}, as iproute2 writes it) come before
     * {@code IFLA_MACVLAN_MODE}, which iproute2 adds after parsing all the options.
     */
    @Test
    void macvlanSourceWithItsSenders() {
        Fixture fx = Fixture.load("macvlan-add-netns-source");
        assertThat(fx.command).isEqualTo("ip netns exec mvfx1 ip link add link p0 name mv3 netns mvfx2 type macvlan"
                + " mode source macaddr set 02:00:00:00:00:21 02:00:00:00:00:22");
        assertEncodes(MacvlanRequests.newMacvlan("macvlan", "mv3", parentIndex(fx), "p0", null, namespaceFd(fx),
                MacvlanRequests.MACVLAN_MODE_SOURCE, List.of(MAC_21, MAC_22)), fx);
        assertAcked(fx);
    }

    @Test
    void macvlanPassthru() {
        Fixture fx = Fixture.load("macvlan-add-passthru");
        assertThat(fx.command).isEqualTo("ip netns exec mvfx1 ip link add link q0 name mv4 type macvlan mode passthru");
        assertEncodes(MacvlanRequests.newMacvlan("macvlan", "mv4", parentIndex(fx), "q0", null, -1,
                MacvlanRequests.MACVLAN_MODE_PASSTHRU, List.of()), fx);
        assertAcked(fx);
    }

    /** The kernel refuses a passthru device on a parent that carries others, with EINVAL and no message. */
    @Test
    void passthruOnAParentWithSiblingsIsRefused() {
        Fixture fx = Fixture.load("error-macvlan-passthru-not-alone");
        assertEncodes(MacvlanRequests.newMacvlan("macvlan", "mv5", parentIndex(fx), "p0", null, -1,
                MacvlanRequests.MACVLAN_MODE_PASSTHRU, List.of()), fx);
        assertThat(fx.answerMessages().get(0).errorCode()).as("EINVAL").isEqualTo(-22);
    }

    @Test
    void macvtapBridgeIntoAnotherNamespace() {
        Fixture fx = Fixture.load("macvtap-add-netns-bridge");
        assertThat(fx.command)
                .isEqualTo("ip netns exec mvfx1 ip link add link p0 name mt0 netns mvfx2 type macvtap mode bridge");
        assertEncodes(MacvlanRequests.newMacvlan("macvtap", "mt0", parentIndex(fx), "p0", null, namespaceFd(fx),
                MacvlanRequests.MACVLAN_MODE_BRIDGE, List.of()), fx);
        assertAcked(fx);
    }

    @Test
    void macvtapPrivateWithAddress() {
        Fixture fx = Fixture.load("macvtap-add-address-private");
        assertThat(fx.command).isEqualTo(
                "ip netns exec mvfx1 ip link add link p0 name mt1 address 02:00:00:00:00:31 type macvtap mode private");
        assertEncodes(MacvlanRequests.newMacvlan("macvtap", "mt1", parentIndex(fx), "p0", MAC_31, -1,
                MacvlanRequests.MACVLAN_MODE_PRIVATE, List.of()), fx);
        assertAcked(fx);
    }

    /**
     * {@code bridge link set dev sw0 hairpin on}: {@code RTM_SETLINK} of family {@code AF_BRIDGE} on the port's index,
     * with {@code IFLA_PROTINFO} flagged {@code NLA_F_NESTED} around the u8 {@code IFLA_BRPORT_MODE}.
     */
    @Test
    void hairpinOn() {
        Fixture fx = Fixture.load("bridge-link-set-hairpin-on");
        assertThat(fx.command).isEqualTo("ip netns exec mvfx1 bridge link set dev sw0 hairpin on");
        assertEncodes(MacvlanRequests.setHairpin(fx.headerIndex(), "sw0", true), fx);
        assertAcked(fx);
    }

    @Test
    void hairpinOff() {
        Fixture fx = Fixture.load("bridge-link-set-hairpin-off");
        assertThat(fx.command).isEqualTo("ip netns exec mvfx1 bridge link set dev sw0 hairpin off");
        assertEncodes(MacvlanRequests.setHairpin(fx.headerIndex(), "sw0", false), fx);
        assertAcked(fx);
    }

    @Test
    void describesItselfAsTheCommand() {
        assertThat(
                MacvlanRequests
                        .newMacvlan("macvlan", "mv0", 3, "eth0", MAC_12, 7, MacvlanRequests.MACVLAN_MODE_SOURCE,
                                List.of(MAC_21))
                        .description()).isEqualTo(
                                "ip link add link eth0 name mv0 address 02:00:00:00:00:12 netns <fd 7> type macvlan"
                                        + " mode source macaddr set 02:00:00:00:00:21");
    }
}
