package io.netns4j.internal.netlink;

import static io.netns4j.internal.netlink.Fixture.hex;
import static io.netns4j.internal.netlink.LinkRequestsTest.assertEncodes;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/**
 * {@link RouteRequests} against iproute2, byte for byte (see {@link LinkRequestsTest} for how). iproute2 puts the main
 * table in {@code rtm_table} (no {@code RTA_TABLE} below table 256), {@code RTPROT_BOOT} as the protocol, scope link
 * for a route without a gateway, and the attributes in the order {@code RTA_DST}, {@code RTA_GATEWAY}, {@code RTA_OIF}:
 * as the encoder does. The outgoing interface index comes from the fixture.
 */
class RouteRequestsTest {

    private static int oif(Fixture fx) {
        int oif = fx.requestAttributes(12).u32(Nl.RTA_OIF, 0);
        assertThat(oif).as("RTA_OIF in %s", fx).isPositive();
        return oif;
    }

    @Test
    void viaGateway() throws Exception {
        Fixture fx = Fixture.load("route-add-via");
        assertThat(fx.command).isEqualTo("ip netns exec fx1 ip route add 10.8.0.0/16 via 10.9.0.254");
        assertEncodes(
                RouteRequests.add(InetAddress.getByName("10.8.0.0"), 16, InetAddress.getByName("10.9.0.254"), 0, null),
                fx);
    }

    @Test
    void viaGatewayAndDevice() throws Exception {
        Fixture fx = Fixture.load("route-add-via-dev");
        assertThat(fx.command).isEqualTo("ip netns exec fx1 ip route add 10.6.0.0/16 via 10.9.0.254 dev eth0");
        assertEncodes(RouteRequests.add(InetAddress.getByName("10.6.0.0"), 16, InetAddress.getByName("10.9.0.254"),
                oif(fx), "eth0"), fx);
    }

    @Test
    void defaultViaGateway() throws Exception {
        Fixture fx = Fixture.load("route-add-default-via");
        assertThat(fx.command).isEqualTo("ip netns exec fx1 ip route add default via 10.9.0.254");
        assertEncodes(
                RouteRequests.add(InetAddress.getByName("0.0.0.0"), 0, InetAddress.getByName("10.9.0.254"), 0, null),
                fx);
    }

    @Test
    void deviceRoute() throws Exception {
        Fixture fx = Fixture.load("route-add-dev");
        assertThat(fx.command).isEqualTo("ip netns exec fx1 ip route add 10.7.0.0/24 dev eth0");
        assertEncodes(RouteRequests.add(InetAddress.getByName("10.7.0.0"), 24, null, oif(fx), "eth0"), fx);
    }

    @Test
    void ipv6ViaGateway() throws Exception {
        Fixture fx = Fixture.load("route-add-ipv6-via");
        assertThat(fx.command).isEqualTo("ip netns exec fx1 ip -6 route add fd00:8::/64 via fd00:9::fe");
        assertEncodes(
                RouteRequests.add(InetAddress.getByName("fd00:8::"), 64, InetAddress.getByName("fd00:9::fe"), 0, null),
                fx);
    }

    /**
     * Recorded without {@code -6}: iproute2 then takes the family from the gateway and, like the encoder, sends no
     * {@code RTA_DST} for a default route. See {@link #ipv6DefaultViaGatewayWithDash6()} for the other form.
     */
    @Test
    void ipv6DefaultViaGateway() throws Exception {
        Fixture fx = Fixture.load("route-add-ipv6-default-via");
        assertThat(fx.command).isEqualTo("ip netns exec fx1 ip route add default via fd00:9::fe");
        assertEncodes(RouteRequests.add(InetAddress.getByName("::"), 0, InetAddress.getByName("fd00:9::fe"), 0, null),
                fx);
    }

    /**
     * {@code ip -6 route add default ...} adds an all-zero 16-byte {@code RTA_DST}, which with {@code rtm_dst_len} 0
     * says nothing more; the kernel makes the same route of both forms. The encoder leaves it out (as iproute2 does for
     * IPv4 and without {@code -6}); this test checks that that attribute is the only difference.
     */
    @Test
    void ipv6DefaultViaGatewayWithDash6() throws Exception {
        Fixture fx = Fixture.load("route-add-ipv6-default-via-dash6");
        assertThat(fx.command).isEqualTo("ip netns exec fx1 ip -6 route add default via fd00:9::fe");
        assertThat(fx.requestAttributes(12).bytes(Nl.RTA_DST)).isEqualTo(new byte[16]);
        byte[] expected = Fixture.withoutAttribute(fx.request, 12, Nl.RTA_DST);
        byte[] ours = RouteRequests.add(InetAddress.getByName("::"), 0, InetAddress.getByName("fd00:9::fe"), 0, null)
                .build(fx.seq());
        assertThat(hex(ours)).isEqualTo(hex(expected));
    }

    /** {@link RouteRequests#dump(int)} is {@code ip -4 route show table all}: no {@code RTA_TABLE} filter. */
    @Test
    void dumpIpv4() {
        Fixture fx = Fixture.load("route-show-ipv4-table-all");
        assertThat(fx.command).isEqualTo("ip netns exec fx1 ip -4 route show table all");
        assertEncodes(RouteRequests.dump(Nl.AF_INET), fx);
    }

    @Test
    void dumpIpv6() {
        Fixture fx = Fixture.load("route-show-ipv6-table-all");
        assertThat(fx.command).isEqualTo("ip netns exec fx1 ip -6 route show table all");
        assertEncodes(RouteRequests.dump(Nl.AF_INET6), fx);
    }
}
