package io.netns4j.packet;

import static io.netns4j.packet.Frames.MAC_A;
import static io.netns4j.packet.Frames.MAC_B;
import static io.netns4j.packet.Frames.arp;
import static io.netns4j.packet.Frames.concat;
import static io.netns4j.packet.Frames.ethernet;
import static io.netns4j.packet.Frames.gre;
import static io.netns4j.packet.Frames.icmp;
import static io.netns4j.packet.Frames.icmpEcho;
import static io.netns4j.packet.Frames.ipv4;
import static io.netns4j.packet.Frames.ipv6;
import static io.netns4j.packet.Frames.ipv6Extension;
import static io.netns4j.packet.Frames.ipv6Fragment;
import static io.netns4j.packet.Frames.tcp;
import static io.netns4j.packet.Frames.text;
import static io.netns4j.packet.Frames.udp;
import static io.netns4j.packet.Frames.vlanTag;
import static io.netns4j.packet.Frames.vxlan;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Frames of the kinds this kernel cannot send (ipip, sit, GRE, VLAN tags) and of corner cases, built by hand with
 * {@link Frames}. Each is named; the tests decode them, check what they were built with, and have tshark check them.
 */
final class HandBuilt {

    /**
     * A named frame, and the tshark fields not to compare for it, each for a reason given where the frame is made.
     */
    record Frame(String name, LinkType linkType, byte[] bytes, Set<String> notCompared) {

        Frame(String name, LinkType linkType, byte[] bytes) {
            this(name, linkType, bytes, Set.of());
        }

        Frame notCompared(String... fields) {
            return new Frame(name, linkType, bytes, Set.of(fields));
        }

        /** A copy: the frames are shared by the tests. */
        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        Packet decode() {
            return Packet.decode(linkType, bytes);
        }

        @Override
        public String toString() {
            return name;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Frame f && f.name.equals(name);
        }

        @Override
        public int hashCode() {
            return name.hashCode();
        }
    }

    /** A PadN option of 4 bytes: fills an options header to its 8 bytes. */
    static final byte[] PAD_N = { 1, 4, 0, 0, 0, 0 };
    static final byte[] ECHO = icmpEcho(8, 5, 1, text("abcdefgh"));
    static final byte[] INNER_ECHO = ipv4("10.0.0.1", "10.0.0.2", 1, ECHO);
    static final byte[] INNER_SYN = ipv4("10.0.0.1", "10.0.0.2", 6,
            tcp(43210, 7000, 123, 0, 0x002, 64240, new byte[0]));
    static final byte[] INNER_ECHO6 = ipv6("fd00::1", "fd00::2", 58, icmpEcho(128, 7, 3, text("v6")));
    static final byte[] INNER_UDP6 = ipv6("fd00::1", "fd00::2", 17, udp(5353, 53, text("query")));

    private static Frame eth(String name, int etherType, byte[] payload) {
        return new Frame(name, LinkType.ETHERNET, ethernet(MAC_B, MAC_A, etherType, payload));
    }

    private static Frame outer4(String name, int protocol, byte[] payload) {
        return eth(name, 0x0800, ipv4("192.168.50.10", "192.168.60.10", protocol, payload));
    }

    static final Frame IPIP = outer4("ipip", 4, INNER_ECHO);
    static final Frame SIT = outer4("sit", 41, INNER_ECHO6);
    static final Frame IPIP_IN_IPV6 = eth("ipip6", 0x86dd, ipv6("fd00:50::10", "fd00:60::10", 4, INNER_SYN));
    static final Frame IP6IP6 = eth("ip6ip6", 0x86dd, ipv6("fd00:50::10", "fd00:60::10", 41, INNER_UDP6));
    static final Frame GRE = outer4("gre", 47, gre(0x0800, null, null, null, INNER_SYN));
    static final Frame GRE_KEY = outer4("gre-key", 47, gre(0x0800, null, 7L, null, INNER_ECHO));
    static final Frame GRE_ALL_OPTIONS = outer4("gre-csum-key-seq", 47,
            gre(0x0800, 0xbeef, 0xfffffffeL, 99L, INNER_ECHO));
    static final Frame GRE_SEQUENCE = outer4("gre-seq", 47, gre(0x86dd, null, null, 1L, INNER_UDP6));
    static final Frame GRETAP = outer4("gretap", 47, gre(0x6558, null, 42L, null, ethernet("ff:ff:ff:ff:ff:ff",
            "02:00:00:00:07:01", 0x0806, arp(1, "02:00:00:00:07:01", "10.7.0.1", "00:00:00:00:00:00", "10.7.0.2"))));
    static final Frame IP6GRE = eth("ip6gre", 0x86dd,
            ipv6("fd00:50::10", "fd00:60::10", 47, gre(0x0800, null, 3L, null, INNER_ECHO)));
    static final Frame GRE_MPLS = outer4("gre-mpls", 47, gre(0x8847, null, null, null, new byte[] { 0, 1, 0x21, 64 }));
    static final Frame VXLAN_IPV6 = eth("vxlan-ipv6", 0x0800, ipv4("10.0.0.1", "10.0.0.2", 17,
            udp(40000, 4789, vxlan(4242, ethernet(MAC_B, MAC_A, 0x86dd, INNER_UDP6)))));
    /** Three levels: VXLAN, inside it ipip, inside that an ICMP echo. */
    static final Frame VXLAN_IPIP = eth("vxlan-ipip", 0x0800, ipv4("10.0.0.1", "10.0.0.2", 17, udp(40001, 4789,
            vxlan(7, ethernet(MAC_B, MAC_A, 0x0800, ipv4("192.168.50.10", "192.168.60.10", 4, INNER_ECHO))))));
    static final Frame VLAN = eth("vlan", 0x8100,
            vlanTag(5, false, 100, 0x0800, ipv4("10.1.0.1", "10.1.0.2", 17, udp(1000, 2000, text("tagged")))));
    static final Frame QINQ = eth("qinq", 0x88a8, vlanTag(3, true, 100, 0x8100,
            vlanTag(0, false, 200, 0x0806, arp(1, MAC_A, "10.2.0.1", "00:00:00:00:00:00", "10.2.0.2"))));
    static final Frame VLAN_IPV6 = eth("vlan-ipv6", 0x8100, vlanTag(0, false, 4094, 0x86dd, INNER_ECHO6));
    /** Hop-by-hop options, a routing header (type 0, one address), destination options, then TCP. */
    static final Frame IPV6_EXTENSIONS = eth("ipv6-extensions", 0x86dd, ipv6("fd00::1", "fd00::2", 0,
            concat(ipv6Extension(43, PAD_N),
                    ipv6Extension(60, concat(new byte[] { 0, 0, 0, 0, 0, 0 }, Frames.ip("fd00::3").getAddress())),
                    ipv6Extension(6, PAD_N), tcp(43212, 7000, 1, 0, 0x002, 1000, new byte[0]))));
    static final Frame IPV6_FRAGMENT_LATER = eth("ipv6-fragment-later", 0x86dd,
            ipv6("fd00::1", "fd00::2", 44, ipv6Fragment(17, 1448, false, 0x1234abcdL, text("the rest of a datagram"))));
    static final Frame TIME_EXCEEDED = eth("time-exceeded", 0x0800, ipv4("10.0.0.254", "10.0.0.1", 1,
            icmp(11, 0, 0, ipv4("10.0.0.1", "10.9.9.9", 17, 1, 0x4321, 0, udp(33434, 33435, text("traceroute"))))));
    static final Frame FRAGMENTATION_NEEDED = eth("fragmentation-needed", 0x0800, ipv4("10.0.0.254", "10.0.0.1", 1,
            icmp(3, 4, 1400, Arrays.copyOf(
                    ipv4("10.0.0.1", "10.9.9.9", 6, tcp(43210, 80, 1000, 2000, 0x018, 502, new byte[1500])), 28))))
                            // only 8 bytes of the TCP header are quoted: tshark shows the ports, we show no TCP layer
                            .notCompared("tcp.");
    static final Frame PACKET_TOO_BIG = eth("packet-too-big", 0x86dd,
            ipv6("fd00::fe", "fd00::1", 58,
                    icmp(2, 0, 1280, ipv6("fd00::1", "fd00:9::9", 6, tcp(43211, 443, 5, 6, 0x018, 300, new byte[32])))))
                            // tshark leaves out the length of a segment quoted in an ICMP error
                            .notCompared("tcp.len");
    static final Frame IPV4_OPTIONS = eth("ipv4-options", 0x0800, ipv4Options());
    static final Frame LLC = eth("llc-stp", 38, concat(new byte[] { 0x42, 0x42, 0x03 }, new byte[35]));
    static final Frame ARP_NOT_IPV4 = eth("arp-not-ipv4", 0x0806,
            new byte[] { 0, 1, (byte) 0x86, (byte) 0xdd, 6, 16, 0, 1 })
                    // only IPv4-over-Ethernet ARP is decoded; tshark shows the opcode of any ARP
                    .notCompared("arp.");

    /** IPv4 in a tun device's frame: no link-layer header. */
    static final Frame RAW_GRE = new Frame("raw-gre", LinkType.RAW_IP,
            ipv4("192.168.50.10", "192.168.60.10", 47, gre(0x0800, null, 9L, null, INNER_ECHO)));

    /** Every frame with an Ethernet header, to go into one ETHERNET pcap file. */
    static final List<Frame> ETHERNET = List.of(IPIP, SIT, IPIP_IN_IPV6, IP6IP6, GRE, GRE_KEY, GRE_ALL_OPTIONS,
            GRE_SEQUENCE, GRETAP, IP6GRE, GRE_MPLS, VXLAN_IPV6, VXLAN_IPIP, VLAN, QINQ, VLAN_IPV6, IPV6_EXTENSIONS,
            IPV6_FRAGMENT_LATER, TIME_EXCEEDED, FRAGMENTATION_NEEDED, PACKET_TOO_BIG, IPV4_OPTIONS, LLC, ARP_NOT_IPV4);

    static final List<Frame> RAW = List.of(RAW_GRE);

    private HandBuilt() {
    }

    /** IPv4 with a 4-byte option (router alert), carrying UDP: header length 24. */
    private static byte[] ipv4Options() {
        byte[] plain = ipv4("10.0.0.1", "224.0.0.22", 17, 1, 0, 0, udp(1, 2, text("x")));
        byte[] withOption = concat(Arrays.copyOf(plain, 20), new byte[] { (byte) 0x94, 4, 0, 0 },
                Arrays.copyOfRange(plain, 20, plain.length));
        withOption[0] = 0x46;
        int total = withOption.length;
        withOption[2] = (byte) (total >> 8);
        withOption[3] = (byte) total;
        withOption[10] = 0;
        withOption[11] = 0;
        int sum = 0;
        for (int i = 0; i < 24; i += 2) {
            sum += ((withOption[i] & 0xff) << 8) | (withOption[i + 1] & 0xff);
        }
        while (sum >> 16 != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        withOption[10] = (byte) (~sum >> 8);
        withOption[11] = (byte) ~sum;
        return withOption;
    }
}
