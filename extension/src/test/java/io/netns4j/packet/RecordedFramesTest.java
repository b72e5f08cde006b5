package io.netns4j.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netns4j.packet.Recordings.Recording;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Frames recorded with tcpdump inside throw-away namespaces on a real kernel, decoded and compared field by field with
 * tshark's decoding of the same files: the stored {@code *.tshark.tsv} always, tshark itself when installed.
 */
class RecordedFramesTest {

    @TestFactory
    @DisplayName("every recorded frame agrees with tshark's stored decoding, field by field")
    Stream<DynamicTest> agreesWithStoredTshark() {
        return Recordings.ALL.stream().map(r -> DynamicTest.dynamicTest(r.name(),
                () -> Tshark.assertAgrees(r.name(), r.packets(), Tshark.readTsv(r.tsv()), r.notCompared())));
    }

    @TestFactory
    @DisplayName("every recorded frame agrees with tshark run now, field by field")
    Stream<DynamicTest> agreesWithLiveTshark() {
        return Recordings.ALL.stream().map(r -> DynamicTest.dynamicTest(r.name(), () -> {
            assumeTrue(Tshark.available(), "tshark is not installed");
            Tshark.assertAgrees(r.name(), r.packets(), Tshark.fields(r.pcap(), Tshark.FIELDS), r.notCompared());
        }));
    }

    @Test
    @DisplayName("the stored tshark outputs hold exactly the fields the tests compare")
    void storedFieldsAreTheComparedFields() {
        for (Recording r : Recordings.ALL) {
            assertThat(Tshark.tsvHeader(r.tsv())).as(r.name()).isEqualTo(Tshark.FIELDS);
        }
    }

    @Nested
    @DisplayName("a TCP connection over IPv4 (tcp-ipv4.pcap)")
    class TcpIpv4 {
        private final List<Packet> p = Recordings.packets("tcp-ipv4.pcap");

        @Test
        void startsWithArpWhoHasAndReply() {
            assertThat(p.get(0).arp()).hasValueSatisfying(a -> {
                assertThat(a.operation()).isEqualTo(Arp.Operation.REQUEST);
                assertThat(a.targetIp()).isEqualTo(Frames.ip("10.0.0.2"));
            });
            assertThat(p.get(0)).hasToString("ARP who-has 10.0.0.2 tell 10.0.0.1");
            assertThat(p.get(0).ip()).isEmpty();
            assertThat(p.get(1)).hasToString("ARP reply 10.0.0.2 is-at 02:00:00:00:00:02");
            assertThat(p.get(1).payload()).isEmpty();
        }

        @Test
        void handshake() {
            assertThat(p.get(2)).hasToString("10.0.0.1.43210 > 10.0.0.2.7000: TCP [S] seq 1393546845 len 0");
            assertThat(p.get(2).tcp()).hasValueSatisfying(t -> {
                assertThat(t.flags().syn()).isTrue();
                assertThat(t.flags().ack()).isFalse();
                assertThat(t.headerLength()).isEqualTo(40);
            });
            assertThat(p.get(3))
                    .hasToString("10.0.0.2.7000 > 10.0.0.1.43210: TCP [S.] seq 1881417301 ack 1393546846 len 0");
            assertThat(p.get(4).tcp().orElseThrow().flags().asSet()).containsExactly(TcpFlag.ACK);
        }

        @Test
        void dataSegmentsCarryTheirPayload() {
            Packet hello = p.get(5);
            assertThat(hello.tcp().orElseThrow().payloadLength()).isEqualTo(6);
            assertThat(new String(hello.payload(), StandardCharsets.US_ASCII)).isEqualTo("hello\n");
            assertThat(new String(p.get(7).payload(), StandardCharsets.US_ASCII)).isEqualTo("world\n");
            assertThat(p.get(9).tcp().orElseThrow().flags()).hasToString("[F.]");
        }

        @Test
        void ethernetAndIpLayers() {
            Packet syn = p.get(2);
            assertThat(syn.ethernet()).contains(new Ethernet("02:00:00:00:00:01", "02:00:00:00:00:02", 0x0800));
            assertThat(syn.ip()).hasValueSatisfying(ip -> {
                assertThat(ip.version()).isEqualTo(4);
                assertThat(ip.dontFragment()).isTrue();
                assertThat(ip.isFragment()).isFalse();
                assertThat(ip.totalLength()).isEqualTo(60);
            });
            assertThat(syn.encapsulation()).isEqualTo(Encapsulation.NONE);
            assertThat(syn.inner()).isEmpty();
            assertThat(syn.innermost()).isSameAs(syn);
            assertThat(syn.direction()).isEqualTo(Direction.UNKNOWN);
            assertThat(syn.interfaceName()).isEmpty();
        }
    }

    @Nested
    @DisplayName("ping, UDP, ICMP errors and fragments over IPv4 (udp-icmp-ipv4.pcap)")
    class UdpIcmpIpv4 {
        private final List<Packet> p = Recordings.packets("udp-icmp-ipv4.pcap");

        @Test
        void echo() {
            assertThat(p.get(0)).hasToString("ICMP echo request 10.0.0.1 > 10.0.0.2 id 28596 seq 1");
            assertThat(p.get(0).icmp()).hasValueSatisfying(i -> {
                assertThat(i.isEchoRequest()).isTrue();
                assertThat(i.isEchoReply()).isFalse();
                assertThat(i.original()).isEmpty();
            });
            assertThat(p.get(3).icmp().orElseThrow().isEchoReply()).isTrue();
            // ping -p 6e657473: the pattern fills the data after the 8-byte timestamp
            assertThat(new String(p.get(0).payload(), StandardCharsets.US_ASCII)).endsWith("netsnetsnets");
        }

        @Test
        void udpDatagramsAndPayloads() {
            assertThat(p.get(4)).hasToString("10.0.0.1.52238 > 10.0.0.2.5353: UDP len 5");
            assertThat(p.get(4).udp().orElseThrow().payloadText()).isEqualTo("ping?");
            assertThat(p.get(5).udp().orElseThrow().payloadText()).isEqualTo("pong");
        }

        @Test
        void portUnreachableQuotesTheDatagram() {
            Packet error = p.get(7);
            Icmp icmp = error.icmp().orElseThrow();
            assertThat(icmp.isDestinationUnreachable()).isTrue();
            assertThat(icmp.isError()).isTrue();
            assertThat(icmp.code()).isEqualTo(3);
            Packet quoted = icmp.original().orElseThrow();
            assertThat(quoted.linkType()).isEqualTo(LinkType.RAW_IP);
            assertThat(quoted.udp().orElseThrow().dstPort()).isEqualTo(9999);
            assertThat(quoted.udp().orElseThrow().payloadText()).isEqualTo("closed");
            assertThat(error).hasToString("ICMP destination unreachable (port unreachable) 10.0.0.2 > 10.0.0.1 "
                    + "(10.0.0.1.55908 > 10.0.0.2.9999: UDP len 6)");
        }

        @Test
        void fragments() {
            Ip first = p.get(8).ip().orElseThrow();
            assertThat(first.moreFragments()).isTrue();
            assertThat(first.fragmentOffset()).isZero();
            assertThat(p.get(8).udp().orElseThrow().length()).isEqualTo(3008);
            Packet second = p.get(9);
            assertThat(second.ip().orElseThrow().fragmentOffset()).isEqualTo(1480);
            assertThat(second.udp()).isEmpty();
            assertThat(second.payload()).hasSize(1480);
            assertThat(second).hasToString("IP 10.0.0.1 > 10.0.0.2: UDP fragment offset 1480 len 1480");
            assertThat(p.get(10).ip().orElseThrow().moreFragments()).isFalse();
        }
    }

    @Nested
    @DisplayName("IPv6: neighbour discovery, MLD, ping, TCP, extension headers, fragments (ipv6.pcap)")
    class Ipv6 {
        private final List<Packet> p = Recordings.packets("ipv6.pcap");

        @Test
        void neighbourDiscovery() {
            Icmp ns = p.get(0).icmp().orElseThrow();
            assertThat(ns.version()).isEqualTo(6);
            assertThat(ns.type()).isEqualTo(135);
            assertThat(ns.targetAddress()).contains(Frames.ip("fd00::2"));
            assertThat(p.get(0)).hasToString("ICMP6 neighbor solicitation fd00::1 > ff02::1:ff00:2 target fd00::2");
        }

        @Test
        void mldReportCrossesItsHopByHopHeader() {
            Ip ip = p.get(1).ip().orElseThrow();
            assertThat(ip.extensionHeaders()).containsExactly(0);
            assertThat(ip.protocol()).isEqualTo(58);
            assertThat(ip.headerLength()).isEqualTo(48);
            assertThat(p.get(1).icmp().orElseThrow().type()).isEqualTo(143);
        }

        @Test
        void echoAndTcp() {
            assertThat(p.get(6)).hasToString("ICMP6 echo request fd00::1 > fd00::2 id 28744 seq 1");
            assertThat(p.get(10)).hasToString("fd00::1.43211 > fd00::2.7000: TCP [S] seq 99675912 len 0");
        }

        @Test
        void hopByHopAndDestinationOptionsBeforeUdp() {
            Packet opts = p.get(26);
            assertThat(opts.ip().orElseThrow().extensionHeaders()).containsExactly(0, 60);
            assertThat(opts.ip().orElseThrow().protocol()).isEqualTo(17);
            assertThat(opts.udp().orElseThrow().payloadText()).isEqualTo("options");
            Packet error = p.get(27);
            Packet quoted = error.icmp().orElseThrow().original().orElseThrow();
            assertThat(quoted.udp().orElseThrow().dstPort()).isEqualTo(9997);
        }

        @Test
        void fragmentHeader() {
            Packet first = p.get(22);
            assertThat(first.ip().orElseThrow().extensionHeaders()).containsExactly(44);
            assertThat(first.ip().orElseThrow().moreFragments()).isTrue();
            assertThat(first.udp().orElseThrow().length()).isEqualTo(3008);
            Packet second = p.get(23);
            assertThat(second.ip().orElseThrow().fragmentOffset()).isEqualTo(1448);
            assertThat(second.udp()).isEmpty();
            assertThat(second.ip().orElseThrow().identification()).isEqualTo(first.ip().orElseThrow().identification());
        }
    }

    @Nested
    @DisplayName("VXLAN between two veth ends (vxlan.pcap)")
    class VxlanCapture {
        private final List<Packet> p = Recordings.packets("vxlan.pcap");

        @Test
        void innerEthernetFrameIsAPacketOfItsOwn() {
            Packet echo = p.get(4);
            assertThat(echo.encapsulation()).isEqualTo(Encapsulation.VXLAN);
            assertThat(echo.vxlan()).contains(new Vxlan(0x08, 42));
            assertThat(echo.udp().orElseThrow().dstPort()).isEqualTo(4789);
            assertThat(echo.icmp()).isEmpty();
            Packet inner = echo.inner().orElseThrow();
            assertThat(inner.linkType()).isEqualTo(LinkType.ETHERNET);
            assertThat(inner.ethernet().orElseThrow().src()).isEqualTo("02:00:00:00:42:01");
            assertThat(inner.icmp().orElseThrow().isEchoRequest()).isTrue();
            assertThat(echo.innermost()).isSameAs(inner);
            assertThat(echo.payload()).isEqualTo(inner.frame());
            assertThat(inner.timestamp()).isEqualTo(echo.timestamp());
            assertThat(echo).hasToString("10.0.0.1.57387 > 10.0.0.2.4789: vxlan vni 42 "
                    + "(ICMP echo request 10.42.0.1 > 10.42.0.2 id 28886 seq 1)");
        }

        @Test
        void arpInside() {
            assertThat(p.get(2))
                    .hasToString("10.0.0.1.42157 > 10.0.0.2.4789: vxlan vni 42 (ARP who-has 10.42.0.2 tell 10.42.0.1)");
        }
    }

    @Nested
    @DisplayName("Linux cooked captures on \"any\" (sll.pcap, sll2.pcap)")
    class Cooked {

        @Test
        void sllGivesProtocolAndDirection() {
            List<Packet> p = Recordings.packets("sll.pcap");
            assertThat(p.get(0).linkType()).isEqualTo(LinkType.LINUX_SLL);
            assertThat(p.get(0).sll()).contains(new Sll(1, 4, 1, "02:00:00:00:00:01", 0x0806, 0));
            assertThat(p.get(0).direction()).isEqualTo(Direction.OUTGOING);
            assertThat(p.get(1).direction()).isEqualTo(Direction.INCOMING);
            assertThat(p.get(0).ethernet()).isEmpty();
            assertThat(p.get(0)).hasToString("ARP who-has 10.0.0.2 tell 10.0.0.1");
            assertThat(p.get(2).icmp().orElseThrow().isEchoRequest()).isTrue();
        }

        @Test
        void sll2GivesTheInterfaceIndexToo() {
            List<Packet> p = Recordings.packets("sll2.pcap");
            assertThat(p.get(2).sll()).contains(new Sll(2, 4, 1, "02:00:00:00:00:01", 0x0800, 2));
            assertThat(p.get(3).direction()).isEqualTo(Direction.INCOMING);
        }

        @Test
        void anExplicitDirectionWins() {
            Packet recorded = Recordings.packets("sll.pcap").get(0);
            Packet p = Packet.decode(LinkType.LINUX_SLL, recorded.frame(), recorded.originalLength(),
                    recorded.timestamp(), "eth0", Direction.INCOMING);
            assertThat(p.direction()).isEqualTo(Direction.INCOMING);
            assertThat(p.interfaceName()).contains("eth0");
        }
    }

    @Test
    @DisplayName("a tun device's frames start with the IP header (tun-raw.pcap)")
    void rawIp() {
        List<Packet> p = Recordings.packets("tun-raw.pcap");
        assertThat(p).allSatisfy(x -> {
            assertThat(x.linkType()).isEqualTo(LinkType.RAW_IP);
            assertThat(x.ethernet()).isEmpty();
            assertThat(x.ip()).isPresent();
        });
        assertThat(p.get(0)).hasToString("ICMP echo request 10.9.0.1 > 10.9.0.2 id 29085 seq 1");
        assertThat(p.get(2).udp().orElseThrow().payloadText()).isEqualTo("tun");
    }

    @Test
    @DisplayName("a frame cut inside its TCP header has an IP layer and no TCP layer (truncated.pcap)")
    void truncatedTcpHeader() {
        List<Packet> p = Recordings.packets("truncated.pcap");
        assertThat(p).allSatisfy(x -> {
            assertThat(x.isTruncated()).isTrue();
            assertThat(x.capturedLength()).isEqualTo(42); // tcpdump -s 44 kept 42 here
            assertThat(x.ip()).isPresent();
            assertThat(x.tcp()).isEmpty();
            assertThat(x.payload()).hasSize(8);
        });
        assertThat(p.get(0).originalLength()).isEqualTo(74);
        assertThat(p.get(0)).hasToString("IP 10.0.0.1 > 10.0.0.2: TCP (truncated) len 40");
    }
}
