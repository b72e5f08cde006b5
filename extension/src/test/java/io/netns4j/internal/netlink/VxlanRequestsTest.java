package io.netns4j.internal.netlink;

import static io.netns4j.internal.netlink.IpTunnelRequestsTest.address;
import static io.netns4j.internal.netlink.IpTunnelRequestsTest.assertEncodes;
import static io.netns4j.internal.netlink.IpTunnelRequestsTest.dataU32;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@link VxlanRequests} against iproute2, byte for byte (see {@link IpTunnelRequestsTest} for how). The kernel of the
 * recording has vxlan and accepted each request (the fixture's answer is the ACK); the device was deleted after each.
 */
class VxlanRequestsTest {

    private static void assertAcked(Fixture fx) {
        assertThat(fx.answerMessages().get(0).errorCode()).as("ACK of %s", fx).isZero();
    }

    /** The id in host order, the remote in {@code IFLA_VXLAN_GROUP}, learning on, the port in network order. */
    @Test
    void remoteOnly() {
        Fixture fx = Fixture.load("link-add-vxlan-remote");
        assertEncodes(VxlanRequests.newVxlan("vxlan1", 42, null, address("10.2.0.2"), false, 0, "", 0, 0, 4789), fx);
        assertAcked(fx);
    }

    /** {@code IFLA_VXLAN_LINK} first, then the id, the local address, the remote. */
    @Test
    void localRemoteAndUnderlay() {
        Fixture fx = Fixture.load("link-add-vxlan-local-remote-dev");
        int link = dataU32(fx, VxlanRequests.IFLA_VXLAN_LINK);
        assertThat(link).isPositive();
        assertEncodes(VxlanRequests.newVxlan("vxlan1", 42, address("10.1.0.2"), address("10.2.0.2"), false, link,
                "eth0", 0, 0, 4789), fx);
        assertAcked(fx);
    }

    /** The largest VNI; link, TTL and TOS before the id, as iproute2 writes them while parsing. */
    @Test
    void groupWithUnderlayTtlAndTos() {
        Fixture fx = Fixture.load("link-add-vxlan-group-dev-ttl-tos");
        int link = dataU32(fx, VxlanRequests.IFLA_VXLAN_LINK);
        assertEncodes(VxlanRequests.newVxlan("vxlan1", 16777215, null, address("239.1.1.1"), true, link, "eth0", 64,
                0x10, 4789), fx);
        assertAcked(fx);
    }

    /** IPv6 endpoints go in {@code IFLA_VXLAN_LOCAL6} and {@code IFLA_VXLAN_GROUP6}. */
    @Test
    void ipv6Underlay() {
        Fixture fx = Fixture.load("link-add-vxlan-ipv6");
        assertEncodes(VxlanRequests.newVxlan("vxlan1", 7, address("fd00:1::2"), address("fd00:2::2"), false, 0, "", 0,
                0, 4789), fx);
        assertAcked(fx);
    }
}
