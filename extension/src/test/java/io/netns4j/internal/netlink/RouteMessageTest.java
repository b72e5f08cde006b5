package io.netns4j.internal.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link RouteMessage} on real kernel answers to route dumps; the expected values are what iproute2 printed from the
 * same bytes (kept as comments in each fixture). {@code eth0} is index 2, {@code br0} index 3.
 */
class RouteMessageTest {

    private static final int RTN_BROADCAST = 3;
    private static final int RTN_MULTICAST = 5;
    private static final int RT_TABLE_LOCAL = 255;

    private static List<RouteMessage> routes(Fixture fx) {
        return fx.answerMessages(Nl.RTM_NEWROUTE).map(RouteMessage::decode).toList();
    }

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    /**
     * <pre>
     * default via 10.9.0.254 dev eth0
     * 10.6.0.0/16 via 10.9.0.254 dev eth0
     * 10.7.0.0/24 dev eth0 scope link
     * 10.8.0.0/16 via 10.9.0.254 dev eth0
     * 10.9.0.0/24 dev eth0 proto kernel scope link src 10.9.0.1
     * </pre>
     */
    @Test
    void ipv4MainTable() throws Exception {
        Fixture fx = Fixture.load("route-show");
        assertThat(fx.command).isEqualTo("ip netns exec fx1 ip route show");
        assertThat(routes(fx))
                .extracting(RouteMessage::family, RouteMessage::destination, RouteMessage::dstLength,
                        RouteMessage::gateway, RouteMessage::outIndex, RouteMessage::table, RouteMessage::protocol,
                        RouteMessage::scope, RouteMessage::type, RouteMessage::preferredSource)
                .containsExactly(
                        tuple(Nl.AF_INET, null, 0, ip("10.9.0.254"), 2, Nl.RT_TABLE_MAIN, Nl.RTPROT_BOOT,
                                Nl.RT_SCOPE_UNIVERSE, Nl.RTN_UNICAST, null),
                        tuple(Nl.AF_INET, ip("10.6.0.0"), 16, ip("10.9.0.254"), 2, Nl.RT_TABLE_MAIN, Nl.RTPROT_BOOT,
                                Nl.RT_SCOPE_UNIVERSE, Nl.RTN_UNICAST, null),
                        tuple(Nl.AF_INET, ip("10.7.0.0"), 24, null, 2, Nl.RT_TABLE_MAIN, Nl.RTPROT_BOOT,
                                Nl.RT_SCOPE_LINK, Nl.RTN_UNICAST, null),
                        tuple(Nl.AF_INET, ip("10.8.0.0"), 16, ip("10.9.0.254"), 2, Nl.RT_TABLE_MAIN, Nl.RTPROT_BOOT,
                                Nl.RT_SCOPE_UNIVERSE, Nl.RTN_UNICAST, null),
                        tuple(Nl.AF_INET, ip("10.9.0.0"), 24, null, 2, Nl.RT_TABLE_MAIN, Nl.RTPROT_KERNEL,
                                Nl.RT_SCOPE_LINK, Nl.RTN_UNICAST, ip("10.9.0.1")));
        List<Message> all = fx.answerMessages();
        assertThat(all.get(all.size() - 1).isDone()).isTrue();
    }

    /**
     * The same and the local table:
     *
     * <pre>
     * local 10.9.0.1 dev eth0 table local proto kernel scope host src 10.9.0.1
     * broadcast 10.9.0.255 dev eth0 table local proto kernel scope link src 10.9.0.1
     * local 127.0.0.0/8 dev lo table local proto kernel scope host src 127.0.0.1
     * local 127.0.0.1 dev lo table local proto kernel scope host src 127.0.0.1
     * broadcast 127.255.255.255 dev lo table local proto kernel scope link src 127.0.0.1
     * </pre>
     */
    @Test
    void ipv4AllTables() throws Exception {
        Fixture fx = Fixture.load("route-show-ipv4-table-all");
        List<RouteMessage> routes = routes(fx);
        assertThat(routes).hasSize(10);
        assertThat(routes.subList(5, 10))
                .extracting(RouteMessage::type, RouteMessage::destination, RouteMessage::dstLength,
                        RouteMessage::outIndex, RouteMessage::table, RouteMessage::scope, RouteMessage::preferredSource)
                .containsExactly(
                        tuple(Nl.RTN_LOCAL, ip("10.9.0.1"), 32, 2, RT_TABLE_LOCAL, Nl.RT_SCOPE_HOST, ip("10.9.0.1")),
                        tuple(RTN_BROADCAST, ip("10.9.0.255"), 32, 2, RT_TABLE_LOCAL, Nl.RT_SCOPE_LINK, ip("10.9.0.1")),
                        tuple(Nl.RTN_LOCAL, ip("127.0.0.0"), 8, 1, RT_TABLE_LOCAL, Nl.RT_SCOPE_HOST, ip("127.0.0.1")),
                        tuple(Nl.RTN_LOCAL, ip("127.0.0.1"), 32, 1, RT_TABLE_LOCAL, Nl.RT_SCOPE_HOST, ip("127.0.0.1")),
                        tuple(RTN_BROADCAST, ip("127.255.255.255"), 32, 1, RT_TABLE_LOCAL, Nl.RT_SCOPE_LINK,
                                ip("127.0.0.1")));
    }

    /**
     * <pre>
     * fd00:8::/64 via fd00:9::fe dev eth0 metric 1024 pref medium
     * fd00:9::/64 dev eth0 proto kernel metric 256 pref medium
     * fe80::/64 dev br0 proto kernel metric 256 linkdown pref medium
     * fe80::/64 dev eth0 proto kernel metric 256 pref medium
     * default via fd00:9::fe dev eth0 metric 1024 pref medium
     * </pre>
     */
    @Test
    void ipv6MainTable() throws Exception {
        Fixture fx = Fixture.load("route-show-ipv6");
        assertThat(fx.command).isEqualTo("ip netns exec fx1 ip -6 route show");
        assertThat(routes(fx))
                .extracting(RouteMessage::family, RouteMessage::destination, RouteMessage::dstLength,
                        RouteMessage::gateway, RouteMessage::outIndex, RouteMessage::table, RouteMessage::protocol,
                        RouteMessage::type)
                .containsExactly(
                        tuple(Nl.AF_INET6, ip("fd00:8::"), 64, ip("fd00:9::fe"), 2, Nl.RT_TABLE_MAIN, Nl.RTPROT_BOOT,
                                Nl.RTN_UNICAST),
                        tuple(Nl.AF_INET6, ip("fd00:9::"), 64, null, 2, Nl.RT_TABLE_MAIN, Nl.RTPROT_KERNEL,
                                Nl.RTN_UNICAST),
                        tuple(Nl.AF_INET6, ip("fe80::"), 64, null, 3, Nl.RT_TABLE_MAIN, Nl.RTPROT_KERNEL,
                                Nl.RTN_UNICAST),
                        tuple(Nl.AF_INET6, ip("fe80::"), 64, null, 2, Nl.RT_TABLE_MAIN, Nl.RTPROT_KERNEL,
                                Nl.RTN_UNICAST),
                        tuple(Nl.AF_INET6, null, 0, ip("fd00:9::fe"), 2, Nl.RT_TABLE_MAIN, Nl.RTPROT_BOOT,
                                Nl.RTN_UNICAST));
    }

    /** The IPv6 local table adds local and multicast routes (table 255). */
    @Test
    void ipv6AllTables() throws Exception {
        Fixture fx = Fixture.load("route-show-ipv6-table-all");
        List<RouteMessage> local = routes(fx).stream().filter(r -> r.table() == RT_TABLE_LOCAL).toList();
        assertThat(local).extracting(RouteMessage::type, RouteMessage::destination, RouteMessage::dstLength).contains(
                tuple(Nl.RTN_LOCAL, ip("::1"), 128), tuple(Nl.RTN_LOCAL, ip("fd00:9::1"), 128),
                tuple(Nl.RTN_LOCAL, ip("fe80::ff:fe00:1"), 128), tuple(RTN_MULTICAST, ip("ff00::"), 8));
        assertThat(local).hasSize(6);
    }
}
