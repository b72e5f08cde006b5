package io.netns4j.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The contract of {@link Packet} and its small types: copies, defaults, equality, names, address text. */
class PacketTest {

    @Nested
    @DisplayName("a packet is immutable")
    class Immutable {

        @Test
        void decodeCopiesTheFrameAndAccessorsReturnCopies() {
            byte[] bytes = HandBuilt.VLAN.bytes();
            Packet p = Packet.decode(LinkType.ETHERNET, bytes);
            bytes[30] = 0;
            assertThat(p.frame()).isEqualTo(HandBuilt.VLAN.bytes());
            p.frame()[0] = 1;
            p.payload()[0] = 1;
            p.udp().orElseThrow().payload()[0] = 1;
            assertThat(p.frame()).isEqualTo(HandBuilt.VLAN.bytes());
            assertThat(p.payload()).asString().isEqualTo("tagged");
            assertThat(p.udp().orElseThrow().payloadText()).isEqualTo("tagged");
        }

        @Test
        void udpCopiesItsPayloadAndComparesItsContent() {
            byte[] payload = { 1, 2 };
            Udp u = new Udp(1, 2, 10, payload);
            payload[0] = 9;
            assertThat(u.payload()).containsExactly(1, 2);
            assertThat(u).isEqualTo(new Udp(1, 2, 10, new byte[] { 1, 2 }))
                    .hasSameHashCodeAs(new Udp(1, 2, 10, new byte[] { 1, 2 }));
            assertThat(u).isNotEqualTo(new Udp(1, 2, 10, new byte[] { 1, 3 }));
            assertThat(u).hasToString("Udp[srcPort=1, dstPort=2, length=10, payload=0102]");
        }
    }

    @Nested
    @DisplayName("decoding arguments")
    class Arguments {

        @Test
        void theShortFormHasNoMetadata() {
            Packet p = Packet.decode(LinkType.ETHERNET, HandBuilt.IPIP.bytes());
            assertThat(p.timestamp()).isEqualTo(Instant.EPOCH);
            assertThat(p.interfaceName()).isEmpty();
            assertThat(p.direction()).isEqualTo(Direction.UNKNOWN);
            assertThat(p.originalLength()).isEqualTo(p.capturedLength()).isEqualTo(HandBuilt.IPIP.bytes().length);
            assertThat(p.isTruncated()).isFalse();
        }

        @Test
        void anOriginalLengthBelowTheCapturedIsTheCaptured() {
            Packet p = Packet.decode(LinkType.ETHERNET, HandBuilt.IPIP.bytes(), 3, Instant.EPOCH, null, null);
            assertThat(p.originalLength()).isEqualTo(p.capturedLength());
        }

        @Test
        void theMetadataIsKept() {
            Instant t = Instant.ofEpochSecond(1_700_000_000L, 1);
            Packet p = Packet.decode(LinkType.ETHERNET, HandBuilt.IPIP.bytes(), 2000, t, "veth0", Direction.OUTGOING);
            assertThat(p.timestamp()).isEqualTo(t);
            assertThat(p.interfaceName()).contains("veth0");
            assertThat(p.direction()).isEqualTo(Direction.OUTGOING);
            assertThat(p.originalLength()).isEqualTo(2000);
            assertThat(p.isTruncated()).isTrue();
            Packet inner = p.inner().orElseThrow();
            assertThat(inner.timestamp()).isEqualTo(t);
            assertThat(inner.interfaceName()).contains("veth0");
            assertThat(inner.direction()).isEqualTo(Direction.OUTGOING);
            assertThat(inner.originalLength()).isEqualTo(inner.capturedLength() + 2000 - p.capturedLength());
        }

        @Test
        void nullsAreRefusedWhereTheyMeanNothing() {
            byte[] b = new byte[0];
            assertThatThrownBy(() -> Packet.decode(null, b)).isInstanceOf(NullPointerException.class)
                    .hasMessage("linkType");
            assertThatThrownBy(() -> Packet.decode(LinkType.ETHERNET, null)).isInstanceOf(NullPointerException.class)
                    .hasMessage("frame");
            assertThatThrownBy(() -> Packet.decode(LinkType.ETHERNET, b, 0, null, null, null))
                    .isInstanceOf(NullPointerException.class).hasMessage("timestamp");
        }
    }

    @Test
    @DisplayName("packets are equal when their frames and metadata are")
    void equality() {
        Instant t = Instant.ofEpochSecond(5);
        Packet a = Packet.decode(LinkType.ETHERNET, HandBuilt.GRE.bytes(), 100, t, "eth0", Direction.INCOMING);
        Packet b = Packet.decode(LinkType.ETHERNET, HandBuilt.GRE.bytes(), 100, t, "eth0", Direction.INCOMING);
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(
                Packet.decode(LinkType.ETHERNET, HandBuilt.GRE.bytes(), 100, t, "eth1", Direction.INCOMING));
        assertThat(a).isNotEqualTo(Packet.decode(LinkType.ETHERNET, HandBuilt.GRE.bytes(), 100, t.plusNanos(1), "eth0",
                Direction.INCOMING));
        assertThat(a).isNotEqualTo(
                Packet.decode(LinkType.RAW_IP, HandBuilt.GRE.bytes(), 100, t, "eth0", Direction.INCOMING));
        byte[] other = HandBuilt.GRE.bytes();
        other[other.length - 1]++;
        assertThat(a).isNotEqualTo(Packet.decode(LinkType.ETHERNET, other, 100, t, "eth0", Direction.INCOMING));
    }

    @Test
    @DisplayName("Direction.fromPacketType follows sll_pkttype")
    void directionFromPacketType() {
        assertThat(Direction.fromPacketType(Direction.PACKET_HOST)).isEqualTo(Direction.INCOMING);
        assertThat(Direction.fromPacketType(Direction.PACKET_BROADCAST)).isEqualTo(Direction.INCOMING);
        assertThat(Direction.fromPacketType(Direction.PACKET_MULTICAST)).isEqualTo(Direction.INCOMING);
        assertThat(Direction.fromPacketType(Direction.PACKET_OTHERHOST)).isEqualTo(Direction.INCOMING);
        assertThat(Direction.fromPacketType(Direction.PACKET_OUTGOING)).isEqualTo(Direction.OUTGOING);
        assertThat(Direction.fromPacketType(5)).as("PACKET_LOOPBACK").isEqualTo(Direction.UNKNOWN);
        assertThat(Direction.fromPacketType(-1)).isEqualTo(Direction.UNKNOWN);
        assertThat(new int[] { Direction.PACKET_HOST, Direction.PACKET_BROADCAST, Direction.PACKET_MULTICAST,
                Direction.PACKET_OTHERHOST, Direction.PACKET_OUTGOING }).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    @DisplayName("LinkType carries the pcap LINKTYPE value")
    void linkTypes() {
        assertThat(LinkType.ETHERNET.value()).isEqualTo(1);
        assertThat(LinkType.RAW_IP.value()).isEqualTo(101);
        assertThat(LinkType.LINUX_SLL.value()).isEqualTo(113);
        assertThat(LinkType.LINUX_SLL2.value()).isEqualTo(276);
        for (LinkType t : LinkType.values()) {
            assertThat(LinkType.fromValue(t.value())).contains(t);
        }
        assertThat(LinkType.fromValue(12)).contains(LinkType.RAW_IP);
        assertThat(LinkType.fromValue(105)).isEmpty();
    }

    @Test
    @DisplayName("TCP flags print as tcpdump prints them")
    void tcpFlags() {
        assertThat(new TcpFlags(0)).hasToString("[none]");
        assertThat(new TcpFlags(0x002)).hasToString("[S]");
        assertThat(new TcpFlags(0x012)).hasToString("[S.]");
        assertThat(new TcpFlags(0x018)).hasToString("[P.]");
        assertThat(new TcpFlags(0x0ff)).hasToString("[FSRP.UEW]");
        assertThat(new TcpFlags(0x011).asSet()).containsExactly(TcpFlag.FIN, TcpFlag.ACK);
        TcpFlags all = new TcpFlags(0x1ff);
        assertThat(all.fin() && all.syn() && all.rst() && all.psh() && all.ack() && all.urg() && all.ece() && all.cwr())
                .isTrue();
    }

    @Nested
    @DisplayName("ICMP")
    class IcmpMessages {

        @Test
        void aFourByteMessageHasTypeAndCodeOnly() {
            byte[] frame = Arrays.copyOf(Frames.ipv4("10.0.0.1", "10.0.0.2", 1, Frames.icmpEcho(8, 1, 2, new byte[0])),
                    24);
            frame[3] = 24; // total length
            Icmp i = Packet.decode(LinkType.RAW_IP, frame).icmp().orElseThrow();
            assertThat(i.isEchoRequest()).isTrue();
            assertThat(i.identifier()).isEmpty();
            assertThat(i.sequence()).isEmpty();
        }

        @Test
        void namesOfBothVersions() {
            Icmp v4 = new Icmp(4, 3, 13, OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(),
                    Optional.empty(), Optional.empty());
            assertThat(v4.typeName()).isEqualTo("destination unreachable (administratively prohibited)");
            assertThat(v4.isDestinationUnreachable()).isTrue();
            assertThat(v4.isError()).isTrue();
            Icmp v6 = new Icmp(6, 1, 4, OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(), Optional.empty(),
                    Optional.empty());
            assertThat(v6.typeName()).isEqualTo("destination unreachable (port unreachable)");
            assertThat(v6.isDestinationUnreachable()).isTrue();
            Icmp unknown = new Icmp(4, 42, 1, OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(),
                    Optional.empty(), Optional.empty());
            assertThat(unknown.typeName()).isEqualTo("type 42 code 1");
            assertThat(unknown.isError()).isFalse();
            assertThat(new Icmp(6, 128, 0, OptionalInt.of(1), OptionalInt.of(2), OptionalInt.empty(), Optional.empty(),
                    Optional.empty()).isEchoRequest()).isTrue();
            assertThat(new Icmp(4, 128, 0, OptionalInt.of(1), OptionalInt.of(2), OptionalInt.empty(), Optional.empty(),
                    Optional.empty()).isEchoRequest()).isFalse();
        }
    }

    @Nested
    @DisplayName("address text")
    class AddressText {

        private String canonical(String literal) {
            return Addresses.format(Addresses.parseLiteral(literal));
        }

        @Test
        void ipv6IsRfc5952() {
            assertThat(canonical("fd00:0:0:0:0:0:0:1")).isEqualTo("fd00::1");
            assertThat(canonical("::")).isEqualTo("::");
            assertThat(canonical("::1")).isEqualTo("::1");
            assertThat(canonical("1::")).isEqualTo("1::");
            assertThat(canonical("2001:DB8:0:1:1:1:1:1")).isEqualTo("2001:db8:0:1:1:1:1:1");
            assertThat(canonical("2001:0:0:1:0:0:0:1")).isEqualTo("2001:0:0:1::1");
            assertThat(canonical("2001:db8:0:0:1:0:0:1")).isEqualTo("2001:db8::1:0:0:1");
            assertThat(canonical("fe80::00ff:fe00:1")).isEqualTo("fe80::ff:fe00:1");
            assertThat(canonical("::ffff:10.0.0.1")).isEqualTo("::ffff:10.0.0.1");
            assertThat(Addresses.parseLiteral("::ffff:10.0.0.1").getAddress()).hasSize(16);
            assertThat(canonical("10.0.0.1")).isEqualTo("10.0.0.1");
        }

        @Test
        void macs() {
            assertThat(Addresses.parseMac("02-AB-00-00-00-01")).isEqualTo("02:ab:00:00:00:01");
            assertThat(Addresses.mac(new byte[] { 2, (byte) 0xab, 0, 0, 0, 1 }, 0, 6)).isEqualTo("02:ab:00:00:00:01");
        }
    }
}
