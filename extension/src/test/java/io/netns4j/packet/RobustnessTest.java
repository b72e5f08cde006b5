package io.netns4j.packet;

import static io.netns4j.packet.Matchers.any;
import static io.netns4j.packet.Matchers.arp;
import static io.netns4j.packet.Matchers.ethernet;
import static io.netns4j.packet.Matchers.gre;
import static io.netns4j.packet.Matchers.icmp;
import static io.netns4j.packet.Matchers.incoming;
import static io.netns4j.packet.Matchers.ip;
import static io.netns4j.packet.Matchers.ipip;
import static io.netns4j.packet.Matchers.sit;
import static io.netns4j.packet.Matchers.tcp;
import static io.netns4j.packet.Matchers.udp;
import static io.netns4j.packet.Matchers.vlan;
import static io.netns4j.packet.Matchers.vxlan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.netns4j.packet.HandBuilt.Frame;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Decoding never throws, whatever the bytes: every truncation of every recorded and hand-built frame, read as every
 * link type, many corruptions of them, and random garbage. What is complete is decoded, what is cut is not.
 */
class RobustnessTest {

    /** Matchers touching every layer, run on every decoded packet: they must not throw either. */
    private static final List<PacketMatcher> MATCHERS = List.of(any(),
            tcp().dst("10.0.0.2", 7000).syn().payloadContains("hello"), udp().port(53).payloadContains("x"),
            icmp().echoRequest().host("fd00::1"), icmp().destinationUnreachable().about(udp().dstPort(9999)),
            arp().request().target("10.0.0.2"), ip().src("10.0.0.0/8").protocol(6), ethernet().etherType(0x0806),
            vlan(100), ipip().inner(icmp()), sit().inner(any()), gre().key(7).inner(tcp()),
            vxlan().vni(42).inner(arp()), incoming().negate());

    private record Sample(String name, LinkType linkType, byte[] bytes) {
    }

    private static List<Sample> samples() {
        List<Sample> all = new ArrayList<>();
        for (Recordings.Recording r : Recordings.ALL) {
            List<Packet> packets = r.packets();
            for (int i = 0; i < packets.size(); i++) {
                all.add(new Sample(r.name() + " frame " + (i + 1), packets.get(i).linkType(), packets.get(i).frame()));
            }
        }
        for (Frame f : HandBuilt.ETHERNET) {
            all.add(new Sample(f.name(), f.linkType(), f.bytes()));
        }
        for (Frame f : HandBuilt.RAW) {
            all.add(new Sample(f.name(), f.linkType(), f.bytes()));
        }
        return all;
    }

    /** Decodes and reads everything there is to read, recursively; fails with the bytes if anything throws. */
    private static void exercise(String what, LinkType type, byte[] bytes, int originalLength) {
        try {
            Packet p = Packet.decode(type, bytes, originalLength, Instant.EPOCH, "eth0", Direction.UNKNOWN);
            walk(p, 0);
        } catch (RuntimeException | StackOverflowError e) {
            fail(what + " as " + type + ", " + bytes.length + " bytes, threw on:\n" + HexFormat.of().formatHex(bytes),
                    e);
        }
    }

    private static void walk(Packet p, int depth) {
        assertThat(depth).isLessThanOrEqualTo(Packet.MAX_NESTING);
        assertThat(p.toString()).isNotBlank();
        assertThat(p.payload().length).isLessThanOrEqualTo(p.capturedLength());
        assertThat(p.originalLength()).isGreaterThanOrEqualTo(p.capturedLength());
        if (p.tcp().isPresent() || p.udp().isPresent() || p.icmp().isPresent() || p.gre().isPresent()) {
            assertThat(p.ip()).isPresent();
        }
        if (p.vxlan().isPresent()) {
            assertThat(p.udp()).isPresent();
            assertThat(p.encapsulation()).isEqualTo(Encapsulation.VXLAN);
        }
        if (p.encapsulation() == Encapsulation.NONE) {
            assertThat(p.inner()).isEmpty();
        }
        p.ethernet();
        p.vlan();
        p.arp();
        p.sll();
        p.tcp().ifPresent(t -> t.flags().toString());
        p.udp().ifPresent(Udp::payloadText);
        p.icmp().ifPresent(i -> {
            i.typeName();
            i.original().ifPresent(o -> walk(o, depth + 1));
        });
        for (PacketMatcher m : MATCHERS) {
            m.matches(p);
        }
        p.inner().ifPresent(i -> walk(i, depth + 1));
    }

    @TestFactory
    @DisplayName("every truncation of every frame decodes, read as every link type")
    Stream<DynamicTest> everyTruncation() {
        return samples().stream().map(s -> DynamicTest.dynamicTest(s.name(), () -> {
            for (int length = 0; length <= s.bytes().length; length++) {
                byte[] cut = Arrays.copyOf(s.bytes(), length);
                for (LinkType type : LinkType.values()) {
                    exercise(s.name(), type, cut, s.bytes().length);
                }
            }
        }));
    }

    @Test
    @DisplayName("corrupted frames decode: every byte of every frame set to 0x00, 0xff and a random value")
    void corruptions() {
        Random random = new Random(4789);
        for (Sample s : samples()) {
            byte[] b = s.bytes();
            int step = Math.max(1, b.length / 128); // every byte of small frames, a spread of the large ones
            for (int i = 0; i < b.length; i += step) {
                for (int v : new int[] { 0, 0xff, random.nextInt(256) }) {
                    byte[] c = b.clone();
                    c[i] = (byte) v;
                    exercise(s.name() + " with byte " + i + " = " + v, s.linkType(), c, c.length);
                }
            }
        }
    }

    @Test
    @DisplayName("random garbage decodes")
    void garbage() {
        Random random = new Random(6558);
        for (int n = 0; n < 20_000; n++) {
            byte[] b = new byte[random.nextInt(120)];
            random.nextBytes(b);
            if (b.length > 14 && random.nextBoolean()) { // steer towards the interesting paths
                int[] types = { 0x0800, 0x86dd, 0x0806, 0x8100, 0x88a8 };
                int t = types[random.nextInt(types.length)];
                b[12] = (byte) (t >> 8);
                b[13] = (byte) t;
                b[14] = (byte) (t == 0x86dd ? 0x60 : 0x45);
                if (b.length > 23) {
                    int[] protocols = { 1, 4, 6, 17, 41, 47, 58 };
                    b[23] = (byte) protocols[random.nextInt(protocols.length)];
                }
            }
            for (LinkType type : LinkType.values()) {
                exercise("garbage " + n, type, b, b.length);
            }
        }
    }

    @Test
    @DisplayName("tunnels nested deeper than the limit leave the innermost undecoded instead of overflowing")
    void deepNesting() {
        byte[] p = HandBuilt.INNER_ECHO;
        for (int i = 0; i < 500; i++) {
            p = Frames.ipv4("192.168.0.1", "192.168.0.2", 4, p);
        }
        Packet outer = Packet.decode(LinkType.RAW_IP, p);
        int levels = 0;
        for (Packet q = outer; q.inner().isPresent(); q = q.inner().get()) {
            levels++;
        }
        assertThat(levels).isEqualTo(Packet.MAX_NESTING);
        assertThat(outer.innermost().encapsulation()).isEqualTo(Encapsulation.IPIP);
        assertThat(outer.innermost().inner()).isEmpty();
    }

    @Test
    @DisplayName("cut inside a header: the layers before it are there, it and those after are not")
    void cutInsideHeaders() {
        byte[] syn = Recordings.packets("tcp-ipv4.pcap").get(2).frame(); // 14 Ethernet + 20 IP + 40 TCP
        Packet inTcp = Packet.decode(LinkType.ETHERNET, Arrays.copyOf(syn, 14 + 20 + 39));
        assertThat(inTcp.ip()).isPresent();
        assertThat(inTcp.tcp()).isEmpty();
        Packet inIp = Packet.decode(LinkType.ETHERNET, Arrays.copyOf(syn, 14 + 19));
        assertThat(inIp.ethernet()).isPresent();
        assertThat(inIp.ip()).isEmpty();
        assertThat(inIp).hasToString("ether 02:00:00:00:00:01 > 02:00:00:00:00:02 type 0x0800 len 33");
        Packet inEthernet = Packet.decode(LinkType.ETHERNET, Arrays.copyOf(syn, 13));
        assertThat(inEthernet.ethernet()).isEmpty();
        assertThat(inEthernet).hasToString("frame len 13");
        assertThat(Packet.decode(LinkType.ETHERNET, new byte[0])).hasToString("frame len 0");

        byte[] vxlan = HandBuilt.VXLAN_IPV6.bytes();
        Packet innerCut = Packet.decode(LinkType.ETHERNET, Arrays.copyOf(vxlan, vxlan.length - 5), vxlan.length,
                Instant.EPOCH, null, null);
        assertThat(innerCut.vxlan()).isPresent();
        Packet inner = innerCut.inner().orElseThrow();
        assertThat(inner.ip()).isPresent();
        assertThat(inner.udp()).hasValueSatisfying(u -> assertThat(u.payload()).isEmpty());
        assertThat(inner.isTruncated()).isTrue();
        assertThat(inner.originalLength()).isEqualTo(inner.capturedLength() + 5);

        byte[] ipip = HandBuilt.IPIP.bytes();
        Packet ipipCut = Packet.decode(LinkType.ETHERNET, Arrays.copyOf(ipip, 14 + 20 + 10));
        assertThat(ipipCut.encapsulation()).isEqualTo(Encapsulation.IPIP);
        assertThat(ipipCut.inner().orElseThrow().ip()).isEmpty();
        Packet ipipEmpty = Packet.decode(LinkType.ETHERNET, Arrays.copyOf(ipip, 14 + 20));
        assertThat(ipipEmpty.encapsulation()).isEqualTo(Encapsulation.IPIP);
        assertThat(ipipEmpty.inner()).isEmpty();
    }

    @Test
    @DisplayName("an IP header's lengths bound the layers above it, not the frame's padding")
    void ethernetPaddingIsNotPayload() {
        byte[] udp = Frames.ethernet(Frames.MAC_B, Frames.MAC_A, 0x0800,
                Frames.ipv4("10.0.0.1", "10.0.0.2", 17, Frames.udp(1, 2, Frames.text("ab"))));
        byte[] padded = Arrays.copyOf(udp, 60);
        Packet p = Packet.decode(LinkType.ETHERNET, padded);
        assertThat(p.udp().orElseThrow().payloadText()).isEqualTo("ab");
        assertThat(p.payload()).hasSize(2);

        byte[] tso = udp.clone(); // total length 0, as in a GSO super-packet: the captured bytes count
        tso[14 + 2] = 0;
        tso[14 + 3] = 0;
        Packet q = Packet.decode(LinkType.ETHERNET, tso);
        assertThat(q.udp().orElseThrow().payloadText()).isEqualTo("ab");
    }
}
