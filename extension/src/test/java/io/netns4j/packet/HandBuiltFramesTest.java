package io.netns4j.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netns4j.packet.HandBuilt.Frame;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tunnels, VLAN tags and corner cases this kernel cannot send (it has no ipip, gre, sit or 8021q), built by hand: the
 * decoder must find what they were built with, and tshark, given the same frames in a pcap written by
 * {@link PcapWriter}, must agree with the decoder field by field.
 */
class HandBuiltFramesTest {

    private static Packet decode(Frame f) {
        return f.decode();
    }

    @Test
    @DisplayName("tshark agrees with the decoder on every hand-built frame")
    void tsharkAgrees(@TempDir Path dir) throws IOException {
        assumeTrue(Tshark.available(), "tshark is not installed");
        check(dir.resolve("ethernet.pcap"), LinkType.ETHERNET, HandBuilt.ETHERNET);
        check(dir.resolve("raw.pcap"), LinkType.RAW_IP, HandBuilt.RAW);
    }

    private static void check(Path file, LinkType type, List<Frame> frames) throws IOException {
        List<Packet> packets = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            byte[] b = frames.get(i).bytes();
            packets.add(Packet.decode(type, b, b.length, Instant.ofEpochSecond(1_700_000_000L + i, i), null, null));
        }
        PcapWriter.write(file, type, 65535, packets);
        Tshark.assertAgrees(file.getFileName() + " " + frames, packets, Tshark.fields(file, Tshark.FIELDS),
                i -> frames.get(i).notCompared());
    }

    @Nested
    @DisplayName("IP in IP")
    class IpInIp {

        @Test
        void ipip() {
            Packet p = decode(HandBuilt.IPIP);
            assertThat(p.encapsulation()).isEqualTo(Encapsulation.IPIP);
            assertThat(p.ip().orElseThrow().protocol()).isEqualTo(4);
            assertThat(p.icmp()).isEmpty();
            Packet inner = p.inner().orElseThrow();
            assertThat(inner.linkType()).isEqualTo(LinkType.RAW_IP);
            assertThat(inner.ip().orElseThrow().src()).isEqualTo(Frames.ip("10.0.0.1"));
            assertThat(inner.icmp().orElseThrow().identifier()).isEqualTo(OptionalInt.of(5));
            assertThat(p.payload()).isEqualTo(HandBuilt.INNER_ECHO);
            assertThat(p).hasToString(
                    "IP 192.168.50.10 > 192.168.60.10: ipip " + "(ICMP echo request 10.0.0.1 > 10.0.0.2 id 5 seq 1)");
        }

        @Test
        void sit() {
            Packet p = decode(HandBuilt.SIT);
            assertThat(p.encapsulation()).isEqualTo(Encapsulation.SIT);
            assertThat(p.inner().orElseThrow().icmp().orElseThrow().isEchoRequest()).isTrue();
            assertThat(p).hasToString(
                    "IP 192.168.50.10 > 192.168.60.10: sit (ICMP6 echo request fd00::1 > fd00::2 id 7 seq 3)");
        }

        @Test
        void overIpv6() {
            assertThat(decode(HandBuilt.IPIP_IN_IPV6)).hasToString(
                    "IP6 fd00:50::10 > fd00:60::10: ipip (10.0.0.1.43210 > 10.0.0.2.7000: TCP [S] seq 123 len 0)");
            assertThat(decode(HandBuilt.IP6IP6).encapsulation()).isEqualTo(Encapsulation.SIT);
            assertThat(decode(HandBuilt.IP6IP6).inner().orElseThrow().udp().orElseThrow().payloadText())
                    .isEqualTo("query");
        }
    }

    @Nested
    @DisplayName("GRE")
    class GreTunnels {

        @Test
        void plain() {
            Packet p = decode(HandBuilt.GRE);
            assertThat(p.gre())
                    .contains(new Gre(0, 0x0800, OptionalInt.empty(), OptionalLong.empty(), OptionalLong.empty()));
            assertThat(p.encapsulation()).isEqualTo(Encapsulation.GRE);
            assertThat(p.inner().orElseThrow().tcp().orElseThrow().flags().syn()).isTrue();
            assertThat(p.tcp()).isEmpty();
            assertThat(p).hasToString(
                    "IP 192.168.50.10 > 192.168.60.10: gre (10.0.0.1.43210 > 10.0.0.2.7000: TCP [S] seq 123 len 0)");
        }

        @Test
        void keyChecksumAndSequence() {
            assertThat(decode(HandBuilt.GRE_KEY).gre().orElseThrow().key()).isEqualTo(OptionalLong.of(7));
            Gre all = decode(HandBuilt.GRE_ALL_OPTIONS).gre().orElseThrow();
            assertThat(all.checksum()).isEqualTo(OptionalInt.of(0xbeef));
            assertThat(all.key()).isEqualTo(OptionalLong.of(0xfffffffeL));
            assertThat(all.sequenceNumber()).isEqualTo(OptionalLong.of(99));
            assertThat(decode(HandBuilt.GRE_ALL_OPTIONS).inner().orElseThrow().icmp()).isPresent();
            Packet seq = decode(HandBuilt.GRE_SEQUENCE);
            assertThat(seq.gre().orElseThrow().sequenceNumber()).isEqualTo(OptionalLong.of(1));
            assertThat(seq.inner().orElseThrow().ip().orElseThrow().version()).isEqualTo(6);
        }

        @Test
        void transparentEthernetBridging() {
            Packet p = decode(HandBuilt.GRETAP);
            Packet inner = p.inner().orElseThrow();
            assertThat(inner.linkType()).isEqualTo(LinkType.ETHERNET);
            assertThat(inner.arp().orElseThrow().targetIp()).isEqualTo(Frames.ip("10.7.0.2"));
            assertThat(p)
                    .hasToString("IP 192.168.50.10 > 192.168.60.10: gre key 42 (ARP who-has 10.7.0.2 tell 10.7.0.1)");
        }

        @Test
        void overIpv6AndRaw() {
            assertThat(decode(HandBuilt.IP6GRE).inner().orElseThrow().icmp()).isPresent();
            Packet raw = decode(HandBuilt.RAW_GRE);
            assertThat(raw.ethernet()).isEmpty();
            assertThat(raw.gre().orElseThrow().key()).isEqualTo(OptionalLong.of(9));
        }

        @Test
        void anUnknownProtocolTypeHasNoInnerPacket() {
            Packet p = decode(HandBuilt.GRE_MPLS);
            assertThat(p.encapsulation()).isEqualTo(Encapsulation.GRE);
            assertThat(p.inner()).isEmpty();
            assertThat(p.payload()).containsExactly(0, 1, 0x21, 64);
            assertThat(p).hasToString("IP 192.168.50.10 > 192.168.60.10: gre protocol 0x8847");
        }
    }

    @Nested
    @DisplayName("VXLAN")
    class VxlanTunnels {

        @Test
        void ipv6Inside() {
            Packet p = decode(HandBuilt.VXLAN_IPV6);
            assertThat(p.vxlan()).contains(new Vxlan(0x08, 4242));
            assertThat(p.inner().orElseThrow().udp().orElseThrow().dstPort()).isEqualTo(53);
            assertThat(p).hasToString(
                    "10.0.0.1.40000 > 10.0.0.2.4789: vxlan vni 4242 (fd00::1.5353 > fd00::2.53: UDP len 5)");
        }

        @Test
        void tunnelsNest() {
            Packet p = decode(HandBuilt.VXLAN_IPIP);
            assertThat(p.encapsulation()).isEqualTo(Encapsulation.VXLAN);
            Packet ethernet = p.inner().orElseThrow();
            assertThat(ethernet.encapsulation()).isEqualTo(Encapsulation.IPIP);
            Packet echo = ethernet.inner().orElseThrow();
            assertThat(p.innermost()).isSameAs(echo);
            assertThat(echo.icmp().orElseThrow().isEchoRequest()).isTrue();
            assertThat(p).hasToString("10.0.0.1.40001 > 10.0.0.2.4789: vxlan vni 7 (IP 192.168.50.10 > "
                    + "192.168.60.10: ipip (ICMP echo request 10.0.0.1 > 10.0.0.2 id 5 seq 1))");
        }

        @Test
        void anotherPortIsPlainUdp() {
            byte[] frame = Frames.ethernet(Frames.MAC_B, Frames.MAC_A, 0x0800, Frames.ipv4("10.0.0.1", "10.0.0.2", 17,
                    Frames.udp(40000, 8472, Frames.vxlan(1, HandBuilt.INNER_ECHO))));
            Packet p = Packet.decode(LinkType.ETHERNET, frame);
            assertThat(p.encapsulation()).isEqualTo(Encapsulation.NONE);
            assertThat(p.udp()).isPresent();
        }
    }

    @Nested
    @DisplayName("VLAN tags")
    class Vlans {

        @Test
        void oneTag() {
            Packet p = decode(HandBuilt.VLAN);
            assertThat(p.ethernet().orElseThrow().etherType()).isEqualTo(0x8100);
            assertThat(p.vlan()).contains(new VlanTag(0x8100, 5, false, 100, 0x0800));
            assertThat(p.vlan().orElseThrow().isServiceTag()).isFalse();
            assertThat(p.udp().orElseThrow().payloadText()).isEqualTo("tagged");
            assertThat(p).hasToString("vlan 100: 10.1.0.1.1000 > 10.1.0.2.2000: UDP len 6");
        }

        @Test
        void twoTags() {
            Packet p = decode(HandBuilt.QINQ);
            assertThat(p.vlanTags()).containsExactly(new VlanTag(0x88a8, 3, true, 100, 0x8100),
                    new VlanTag(0x8100, 0, false, 200, 0x0806));
            assertThat(p.vlan().orElseThrow().isServiceTag()).isTrue();
            assertThat(p.arp()).isPresent();
            assertThat(p).hasToString("vlan 100, vlan 200: ARP who-has 10.2.0.2 tell 10.2.0.1");
        }

        @Test
        void ipv6Tagged() {
            assertThat(decode(HandBuilt.VLAN_IPV6))
                    .hasToString("vlan 4094: ICMP6 echo request fd00::1 > fd00::2 id 7 seq 3");
        }
    }

    @Nested
    @DisplayName("IP corner cases")
    class IpCorners {

        @Test
        void ipv6ExtensionHeadersAreCrossedToTheTransport() {
            Packet p = decode(HandBuilt.IPV6_EXTENSIONS);
            Ip ip = p.ip().orElseThrow();
            assertThat(ip.extensionHeaders()).containsExactly(0, 43, 60);
            assertThat(ip.protocol()).isEqualTo(6);
            assertThat(ip.headerLength()).isEqualTo(40 + 8 + 24 + 8);
            assertThat(p).hasToString("fd00::1.43212 > fd00::2.7000: TCP [S] seq 1 len 0");
        }

        @Test
        void aLaterIpv6FragmentHasNoTransport() {
            Packet p = decode(HandBuilt.IPV6_FRAGMENT_LATER);
            Ip ip = p.ip().orElseThrow();
            assertThat(ip.fragmentOffset()).isEqualTo(1448);
            assertThat(ip.identification()).isEqualTo(0x1234abcdL);
            assertThat(ip.isFragment()).isTrue();
            assertThat(p.udp()).isEmpty();
            assertThat(p.payload()).asString().isEqualTo("the rest of a datagram");
        }

        @Test
        void icmpErrorsQuoteTheOriginal() {
            Packet te = decode(HandBuilt.TIME_EXCEEDED);
            assertThat(te.icmp().orElseThrow().isError()).isTrue();
            assertThat(te.icmp().orElseThrow().original().orElseThrow().udp().orElseThrow().dstPort()).isEqualTo(33435);
            assertThat(te).hasToString("ICMP time exceeded in transit 10.0.0.254 > 10.0.0.1 "
                    + "(10.0.0.1.33434 > 10.9.9.9.33435: UDP len 10)");
        }

        @Test
        void aQuotedTcpHeaderCutAfterEightBytesIsNoTcpLayer() {
            Packet fn = decode(HandBuilt.FRAGMENTATION_NEEDED);
            Icmp icmp = fn.icmp().orElseThrow();
            assertThat(icmp.mtu()).isEqualTo(OptionalInt.of(1400));
            Packet quoted = icmp.original().orElseThrow();
            assertThat(quoted.ip().orElseThrow().totalLength()).isEqualTo(1540);
            assertThat(quoted.tcp()).isEmpty();
            assertThat(fn).hasToString("ICMP destination unreachable (fragmentation needed) 10.0.0.254 > 10.0.0.1 "
                    + "mtu 1400 (IP 10.0.0.1 > 10.9.9.9: TCP (truncated) len 1520)");
        }

        @Test
        void packetTooBig() {
            Packet p = decode(HandBuilt.PACKET_TOO_BIG);
            assertThat(p.icmp().orElseThrow().mtu()).isEqualTo(OptionalInt.of(1280));
            assertThat(p.icmp().orElseThrow().original().orElseThrow().tcp().orElseThrow().dstPort()).isEqualTo(443);
        }

        @Test
        void ipv4Options() {
            Packet p = decode(HandBuilt.IPV4_OPTIONS);
            assertThat(p.ip().orElseThrow().headerLength()).isEqualTo(24);
            assertThat(p.udp().orElseThrow().payloadText()).isEqualTo("x");
        }

        @Test
        void notIpNotArp() {
            Packet llc = decode(HandBuilt.LLC);
            assertThat(llc.ip()).isEmpty();
            assertThat(llc).hasToString("ether 02:00:00:00:00:01 > 02:00:00:00:00:02 type 0x0026 len 52");
            Packet arp = decode(HandBuilt.ARP_NOT_IPV4);
            assertThat(arp.arp()).isEmpty();
            assertThat(arp.ethernet()).isPresent();
        }
    }
}
