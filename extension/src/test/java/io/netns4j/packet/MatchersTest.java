package io.netns4j.packet;

import static io.netns4j.packet.Matchers.allOf;
import static io.netns4j.packet.Matchers.any;
import static io.netns4j.packet.Matchers.anyOf;
import static io.netns4j.packet.Matchers.arp;
import static io.netns4j.packet.Matchers.ethernet;
import static io.netns4j.packet.Matchers.gre;
import static io.netns4j.packet.Matchers.icmp;
import static io.netns4j.packet.Matchers.incoming;
import static io.netns4j.packet.Matchers.ip;
import static io.netns4j.packet.Matchers.ipip;
import static io.netns4j.packet.Matchers.ipv4;
import static io.netns4j.packet.Matchers.ipv6;
import static io.netns4j.packet.Matchers.matching;
import static io.netns4j.packet.Matchers.not;
import static io.netns4j.packet.Matchers.onInterface;
import static io.netns4j.packet.Matchers.outgoing;
import static io.netns4j.packet.Matchers.sit;
import static io.netns4j.packet.Matchers.tcp;
import static io.netns4j.packet.Matchers.udp;
import static io.netns4j.packet.Matchers.vlan;
import static io.netns4j.packet.Matchers.vxlan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every matcher factory and method: its description word for word, and what it matches in recorded traffic. */
class MatchersTest {

    /** The indexes of the packets {@code m} matches. */
    private static List<Integer> matches(PacketMatcher m, List<Packet> packets) {
        return IntStream.range(0, packets.size()).filter(i -> m.matches(packets.get(i))).boxed().toList();
    }

    private static boolean matches(PacketMatcher m, HandBuilt.Frame f) {
        return m.matches(f.decode());
    }

    @Nested
    @DisplayName("descriptions read like the packets they want")
    class Descriptions {

        private void says(PacketMatcher m, String description) {
            assertThat(m.description()).isEqualTo(description);
            assertThat(m).hasToString(description);
        }

        @Test
        void tcpMatchers() {
            says(tcp(), "tcp");
            says(tcp().dstPort(7000).syn(), "tcp dst port 7000 with SYN");
            says(tcp().srcPort(43210), "tcp src port 43210");
            says(tcp().port(7000), "tcp port 7000");
            says(tcp().src("10.0.0.1"), "tcp from 10.0.0.1");
            says(tcp().dst("10.0.0.2"), "tcp to 10.0.0.2");
            says(tcp().src("10.0.0.1", 43210), "tcp from 10.0.0.1:43210");
            says(tcp().dst("10.0.0.2", 7000), "tcp to 10.0.0.2:7000");
            says(tcp().dst("fd00:0:0::2", 7000), "tcp to [fd00::2]:7000");
            says(tcp().src("10.0.0.1").srcPort(1), "tcp from 10.0.0.1:1");
            says(tcp().host("10.0.0.0/24"), "tcp host 10.0.0.0/24");
            says(tcp().synAck(), "tcp with SYN+ACK");
            says(tcp().ack(), "tcp with ACK");
            says(tcp().fin(), "tcp with FIN");
            says(tcp().rst(), "tcp with RST");
            says(tcp().psh(), "tcp with PSH");
            says(tcp().urg(), "tcp with URG");
            says(tcp().ack().fin(), "tcp with FIN+ACK");
            says(tcp().withFlags(TcpFlag.ECE, TcpFlag.CWR), "tcp with ECE+CWR");
            says(tcp().syn().withoutFlags(TcpFlag.ACK), "tcp with SYN without ACK");
            says(tcp().withoutFlags(TcpFlag.FIN, TcpFlag.RST), "tcp without FIN or RST");
            says(tcp().noFlags(), "tcp with no flags");
            says(tcp().payloadContains("GET / HTTP/1.1\r\n"), "tcp containing \"GET / HTTP/1.1\\r\\n\"");
            says(tcp().payloadContains(new byte[] { 1, (byte) 0xff }), "tcp containing 0x01ff");
            says(tcp().src("10.0.0.1").dst("10.0.0.2", 7000).syn().withoutFlags(TcpFlag.ACK).payloadContains("x"),
                    "tcp from 10.0.0.1 to 10.0.0.2:7000 with SYN without ACK containing \"x\"");
        }

        @Test
        void udpMatchers() {
            says(udp(), "udp");
            says(udp().dst("10.0.0.2", 53), "udp to 10.0.0.2:53");
            says(udp().src("10.0.0.1", 5353), "udp from 10.0.0.1:5353");
            says(udp().srcPort(5353).payloadContains("ping"), "udp src port 5353 containing \"ping\"");
            says(udp().dstPort(53).port(1), "udp dst port 53 port 1");
            says(udp().src("fd00::1").dst("fd00::2").host("fd00::/64"), "udp from fd00::1 to fd00::2 host fd00::/64");
            says(udp().payloadContains(new byte[] { 0x08 }), "udp containing 0x08");
        }

        @Test
        void icmpMatchers() {
            says(icmp(), "icmp");
            says(icmp().echoRequest(), "icmp echo request");
            says(icmp().echoReply(), "icmp echo reply");
            says(icmp().destinationUnreachable(), "icmp destination unreachable");
            says(icmp().type(11).code(0), "icmp type 11 code 0");
            says(icmp().v4(), "icmpv4");
            says(icmp().v6().echoRequest().src("fd00::1"), "icmpv6 echo request from fd00::1");
            says(icmp().echoReply().dst("10.0.0.1").host("10.0.0.2"), "icmp echo reply to 10.0.0.1 host 10.0.0.2");
            says(icmp().destinationUnreachable().about(udp().dstPort(9999)),
                    "icmp destination unreachable about (udp dst port 9999)");
        }

        @Test
        void arpMatchers() {
            says(arp(), "arp");
            says(arp().request().target("10.0.0.2"), "arp request for 10.0.0.2");
            says(arp().reply().sender("10.0.0.2"), "arp reply from 10.0.0.2");
            says(arp().target("10.0.0.2").sender("10.0.0.1"), "arp for 10.0.0.2 from 10.0.0.1");
        }

        @Test
        void ipAndLinkMatchers() {
            says(ip(), "ip");
            says(ipv4().src("10.0.0.1").dst("10.0.0.0/24").protocol(17),
                    "ipv4 from 10.0.0.1 to 10.0.0.0/24 protocol 17");
            says(ipv6().host("FD00::1"), "ipv6 host fd00::1");
            says(ethernet(), "ethernet");
            says(ethernet().src("02:00:00:00:00:01").dst("FF-FF-FF-FF-FF-FF").etherType(0x0806),
                    "ethernet from 02:00:00:00:00:01 to ff:ff:ff:ff:ff:ff type 0x0806");
            says(vlan(), "vlan");
            says(vlan(100), "vlan 100");
        }

        @Test
        void tunnelMatchers() {
            says(ipip(), "ipip");
            says(ipip().inner(icmp().echoRequest()), "ipip containing (icmp echo request)");
            says(ipip().src("192.168.50.10").dst("192.168.60.10").inner(any()),
                    "ipip from 192.168.50.10 to 192.168.60.10 containing (any packet)");
            says(sit().inner(ipv6()), "sit containing (ipv6)");
            says(gre(), "gre");
            says(gre().key(7).inner(tcp().dstPort(80)), "gre key 7 containing (tcp dst port 80)");
            says(gre().key(-2), "gre key 4294967294");
            says(gre().protocolType(0x6558).dst("192.168.60.10"), "gre protocol 0x6558 to 192.168.60.10");
            says(vxlan(), "vxlan");
            says(vxlan().vni(42).inner(arp().request().target("10.42.0.2")),
                    "vxlan vni 42 containing (arp request for 10.42.0.2)");
            says(vxlan().src("10.0.0.1").inner(ipip().inner(icmp())),
                    "vxlan from 10.0.0.1 containing (ipip containing (icmp))");
        }

        @Test
        void metadataMatchers() {
            says(any(), "any packet");
            says(incoming(), "incoming");
            says(outgoing(), "outgoing");
            says(onInterface("eth0"), "on interface eth0");
            says(matching("jumbo frame", p -> p.originalLength() > 1514), "jumbo frame");
        }

        @Test
        void combinations() {
            says(not(tcp()), "not (tcp)");
            says(tcp().negate(), "not (tcp)");
            says(allOf(tcp(), incoming()), "(tcp) and (incoming)");
            says(anyOf(tcp(), udp()), "(tcp) or (udp)");
            says(tcp().and(incoming()), "(tcp) and (incoming)");
            says(tcp().or(udp()), "(tcp) or (udp)");
            says(tcp().and(incoming()).and(onInterface("eth0")), "(tcp) and (incoming) and (on interface eth0)");
            says(tcp().or(udp()).and(incoming()), "((tcp) or (udp)) and (incoming)");
            says(not(tcp().and(udp())), "not ((tcp) and (udp))");
            says(allOf(), "any packet");
            says(anyOf(), "nothing");
            PacketMatcher one = tcp().syn();
            assertThat(allOf(one)).isSameAs(one);
            assertThat(anyOf(one)).isSameAs(one);
        }
    }

    @Nested
    @DisplayName("matchers are immutable")
    class Immutability {

        @Test
        void everyRefinementIsANewMatcher() {
            TcpMatcher base = tcp();
            TcpMatcher syn = base.syn();
            TcpMatcher toServer = syn.dst("10.0.0.2", 7000);
            assertThat(syn).isNotSameAs(base);
            assertThat(base.description()).isEqualTo("tcp");
            assertThat(syn.description()).isEqualTo("tcp with SYN");
            assertThat(toServer.description()).isEqualTo("tcp to 10.0.0.2:7000 with SYN");
            UdpMatcher udp = udp();
            udp.dstPort(53);
            assertThat(udp.description()).isEqualTo("udp");
            IcmpMatcher icmp = icmp();
            icmp.echoRequest();
            assertThat(icmp.description()).isEqualTo("icmp");
        }

        @Test
        void payloadPatternsAreCopied() {
            byte[] pattern = { 'h', 'e' };
            TcpMatcher m = tcp().payloadContains(pattern);
            pattern[0] = 'x';
            assertThat(m.description()).isEqualTo("tcp containing 0x6865");
            assertThat(matches(m, Recordings.packets("tcp-ipv4.pcap"))).containsExactly(5);
        }

        @Test
        void settingAConditionAgainReplacesIt() {
            assertThat(tcp().dstPort(1).dstPort(2).description()).isEqualTo("tcp dst port 2");
            assertThat(icmp().echoRequest().echoReply().description()).isEqualTo("icmp echo reply");
            assertThat(tcp().syn().noFlags().description()).isEqualTo("tcp with no flags");
            assertThat(tcp().withoutFlags(TcpFlag.ACK).ack().description()).isEqualTo("tcp with ACK");
        }
    }

    @Nested
    @DisplayName("bad arguments are refused when the matcher is built")
    class BadArguments {

        private void refuses(Supplier<?> build, String message) {
            assertThatThrownBy(build::get).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
        }

        @Test
        void addressesAreLiteralsNeverNames() {
            refuses(() -> tcp().src("localhost"), "not an IP address literal: \"localhost\"");
            refuses(() -> udp().dst("example.com", 53), "not an IP address literal: \"example.com\"");
            refuses(() -> ip().src("10.1"), "not an IP address literal: \"10.1\"");
            refuses(() -> ip().src("10.0.0.256"), "not an IP address literal: \"10.0.0.256\"");
            refuses(() -> ip().src("fd00::1::2"), "not an IP address literal: \"fd00::1::2\"");
            refuses(() -> ip().src("10.0.0.0/33"), "bad prefix length in \"10.0.0.0/33\"");
            refuses(() -> ip().src("10.0.0.0/x"), "bad prefix length in \"10.0.0.0/x\"");
            refuses(() -> ip().src(null), "address must not be null");
        }

        @Test
        void numbersInRange() {
            refuses(() -> tcp().port(70000), "port must be 0..65535: 70000");
            refuses(() -> udp().srcPort(-1), "port must be 0..65535: -1");
            refuses(() -> icmp().type(256), "type must be 0..255: 256");
            refuses(() -> icmp().code(-1), "code must be 0..255: -1");
            refuses(() -> ip().protocol(256), "protocol must be 0..255: 256");
            refuses(() -> vlan(4096), "VLAN id must be 0..4095: 4096");
            refuses(() -> vxlan().vni(1 << 24), "vni must be 0..16777215: 16777216");
            refuses(() -> ethernet().etherType(0x10000), "etherType must be 0..0xffff: 65536");
            refuses(() -> gre().protocolType(-1), "protocolType must be 0..0xffff: -1");
            refuses(() -> ethernet().src("02:00:00:00:00"), "not a MAC address: \"02:00:00:00:00\"");
        }
    }

    @Nested
    @DisplayName("matching recorded traffic")
    class Recorded {

        @Test
        void tcpSegments() {
            List<Packet> p = Recordings.packets("tcp-ipv4.pcap");
            assertThat(matches(tcp(), p)).containsExactly(2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
            assertThat(matches(tcp().dstPort(7000).syn(), p)).containsExactly(2);
            assertThat(matches(tcp().syn(), p)).containsExactly(2, 3);
            assertThat(matches(tcp().syn().withoutFlags(TcpFlag.ACK), p)).containsExactly(2);
            assertThat(matches(tcp().synAck(), p)).containsExactly(3);
            assertThat(matches(tcp().fin(), p)).containsExactly(9, 10);
            assertThat(matches(tcp().psh().ack(), p)).containsExactly(5, 7);
            assertThat(matches(tcp().rst(), p)).isEmpty();
            assertThat(matches(tcp().noFlags(), p)).isEmpty();
            assertThat(matches(tcp().dst("10.0.0.2", 7000), p)).containsExactly(2, 4, 5, 8, 10);
            assertThat(matches(tcp().src("10.0.0.2", 7000), p)).containsExactly(3, 6, 7, 9, 11);
            assertThat(matches(tcp().srcPort(43210).dst("10.0.0.0/24"), p)).containsExactly(2, 4, 5, 8, 10);
            assertThat(matches(tcp().port(43210), p)).hasSize(10);
            assertThat(matches(tcp().host("10.0.0.1"), p)).hasSize(10);
            assertThat(matches(tcp().payloadContains("hello"), p)).containsExactly(5);
            assertThat(matches(tcp().payloadContains("world"), p)).containsExactly(7);
        }

        @Test
        void arpAndEthernet() {
            List<Packet> p = Recordings.packets("tcp-ipv4.pcap");
            assertThat(matches(arp(), p)).containsExactly(0, 1);
            assertThat(matches(arp().request().target("10.0.0.2"), p)).containsExactly(0);
            assertThat(matches(arp().request().target("10.0.0.1"), p)).isEmpty();
            assertThat(matches(arp().reply().sender("10.0.0.2"), p)).containsExactly(1);
            assertThat(matches(ethernet().etherType(0x0806), p)).containsExactly(0, 1);
            assertThat(matches(ethernet().src("02:00:00:00:00:01"), p)).containsExactly(0, 2, 4, 5, 8, 10);
            assertThat(matches(ethernet().dst("ff:ff:ff:ff:ff:ff"), p)).containsExactly(0);
            assertThat(matches(ip(), p)).hasSize(10);
        }

        @Test
        void icmpAndUdpOverIpv4() {
            List<Packet> p = Recordings.packets("udp-icmp-ipv4.pcap");
            assertThat(matches(icmp().echoRequest(), p)).containsExactly(0, 2);
            assertThat(matches(icmp().echoReply().src("10.0.0.2"), p)).containsExactly(1, 3);
            assertThat(matches(icmp().destinationUnreachable(), p)).containsExactly(7, 11);
            assertThat(matches(icmp().destinationUnreachable().about(udp().dstPort(9999)), p)).containsExactly(7);
            assertThat(matches(icmp().type(3).code(3), p)).containsExactly(7, 11);
            assertThat(matches(icmp().v6(), p)).isEmpty();
            assertThat(matches(udp().dst("10.0.0.2", 5353), p)).containsExactly(4);
            assertThat(matches(udp().payloadContains("pong"), p)).containsExactly(5);
            assertThat(matches(udp().dstPort(9998), p)).containsExactly(8); // the later fragments have no UDP header
            assertThat(matches(ipv4().protocol(17), p)).containsExactly(4, 5, 6, 8, 9, 10);
            assertThat(matches(ipv6(), p)).isEmpty();
        }

        @Test
        void ipv6Traffic() {
            List<Packet> p = Recordings.packets("ipv6.pcap");
            assertThat(matches(icmp().echoRequest(), p)).containsExactly(6, 8);
            assertThat(matches(icmp().v6().echoRequest(), p)).containsExactly(6, 8);
            assertThat(matches(icmp().v4(), p)).isEmpty();
            assertThat(matches(icmp().destinationUnreachable(), p)).containsExactly(21, 25, 27);
            assertThat(matches(tcp().dst("fd00::2", 7000).syn(), p)).containsExactly(10);
            assertThat(matches(udp().dst("fd00::2").dstPort(9997), p)).containsExactly(26);
            assertThat(matches(ipv6().src("fd00::2"), p)).containsExactly(5, 7, 9, 11, 14, 15, 17, 19, 21, 25, 27);
            assertThat(matches(ip().protocol(58), p)).hasSize(13);
        }

        @Test
        void vxlanIsEnteredExplicitly() {
            List<Packet> p = Recordings.packets("vxlan.pcap");
            assertThat(matches(vxlan(), p)).hasSize(10);
            assertThat(matches(vxlan().vni(42), p)).hasSize(10);
            assertThat(matches(vxlan().vni(43), p)).isEmpty();
            assertThat(matches(vxlan().src("10.0.0.1").inner(icmp().echoRequest()), p)).containsExactly(4, 6);
            assertThat(matches(vxlan().inner(arp().request().target("10.42.0.2")), p)).containsExactly(2);
            assertThat(matches(icmp(), p)).as("outermost only").isEmpty();
            assertThat(matches(udp().dstPort(4789), p)).hasSize(10);
        }

        @Test
        void directionAndInterface() {
            List<Packet> p = Recordings.packets("sll.pcap");
            assertThat(matches(outgoing(), p)).containsExactly(0, 2, 4);
            assertThat(matches(incoming(), p)).containsExactly(1, 3, 5);
            assertThat(matches(onInterface("eth0"), p)).isEmpty();
            Packet named = Packet.decode(LinkType.LINUX_SLL, p.get(0).frame(), 0, p.get(0).timestamp(), "eth0", null);
            assertThat(onInterface("eth0").matches(named)).isTrue();
            assertThat(onInterface("eth1").matches(named)).isFalse();
            assertThat(matches(ethernet(), p)).as("a cooked frame has no Ethernet header").isEmpty();
        }

        @Test
        void combinations() {
            List<Packet> p = Recordings.packets("sll.pcap");
            assertThat(matches(icmp().and(outgoing()), p)).containsExactly(2, 4);
            assertThat(matches(arp().or(icmp().echoReply()), p)).containsExactly(0, 1, 3, 5);
            assertThat(matches(not(arp()), p)).containsExactly(2, 3, 4, 5);
            assertThat(matches(arp().negate().and(incoming()), p)).containsExactly(3, 5);
            assertThat(matches(allOf(icmp(), incoming(), icmp().echoReply()), p)).containsExactly(3, 5);
            assertThat(matches(anyOf(), p)).isEmpty();
            assertThat(matches(allOf(), p)).hasSize(6);
            assertThat(matches(any(), p)).hasSize(6);
        }
    }

    @Nested
    @DisplayName("matching hand-built tunnels and tags")
    class HandBuiltFrames {

        @Test
        void ipInIp() {
            assertThat(matches(ipip().inner(icmp().echoRequest()), HandBuilt.IPIP)).isTrue();
            assertThat(matches(ipip().inner(icmp().echoReply()), HandBuilt.IPIP)).isFalse();
            assertThat(matches(ipip(), HandBuilt.SIT)).isFalse();
            assertThat(matches(sit().inner(icmp().v6()), HandBuilt.SIT)).isTrue();
            assertThat(matches(ipip().src("192.168.50.10").dst("192.168.60.10"), HandBuilt.IPIP)).isTrue();
            assertThat(matches(ipip().src("10.0.0.1"), HandBuilt.IPIP)).as("the outer source").isFalse();
            assertThat(matches(ipip().inner(tcp().syn()), HandBuilt.IPIP_IN_IPV6)).isTrue();
            assertThat(matches(icmp(), HandBuilt.IPIP)).as("outermost only").isFalse();
        }

        @Test
        void greTunnels() {
            assertThat(matches(gre().key(7), HandBuilt.GRE_KEY)).isTrue();
            assertThat(matches(gre().key(7), HandBuilt.GRE)).isFalse();
            assertThat(matches(gre().key(0xfffffffe), HandBuilt.GRE_ALL_OPTIONS)).isTrue();
            assertThat(matches(gre().inner(tcp().dstPort(7000).syn()), HandBuilt.GRE)).isTrue();
            assertThat(matches(gre().protocolType(0x6558).inner(arp().request()), HandBuilt.GRETAP)).isTrue();
            assertThat(matches(gre().inner(any()), HandBuilt.GRE_MPLS)).as("no inner packet").isFalse();
            assertThat(matches(gre(), HandBuilt.GRE_MPLS)).isTrue();
        }

        @Test
        void nestedTunnels() {
            assertThat(matches(vxlan().vni(7).inner(ipip().inner(icmp().echoRequest())), HandBuilt.VXLAN_IPIP))
                    .isTrue();
            assertThat(matches(vxlan().inner(icmp()), HandBuilt.VXLAN_IPIP)).isFalse();
            assertThat(matches(vxlan().inner(udp().dst("fd00::2", 53)), HandBuilt.VXLAN_IPV6)).isTrue();
        }

        @Test
        void vlanTags() {
            assertThat(matches(vlan(100), HandBuilt.VLAN)).isTrue();
            assertThat(matches(vlan(100), HandBuilt.QINQ)).isTrue();
            assertThat(matches(vlan(200), HandBuilt.QINQ)).isTrue();
            assertThat(matches(vlan(200), HandBuilt.VLAN)).isFalse();
            assertThat(matches(vlan(), HandBuilt.IPIP)).isFalse();
            assertThat(matches(ethernet().etherType(0x0806), HandBuilt.QINQ)).as("through the tags").isTrue();
            assertThat(matches(ethernet().etherType(0x88a8), HandBuilt.QINQ)).as("the frame's own").isTrue();
            assertThat(matches(udp().payloadContains("tagged"), HandBuilt.VLAN)).isTrue();
        }
    }
}
