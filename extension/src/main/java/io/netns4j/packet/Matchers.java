package io.netns4j.packet;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * The packet matchers, to be imported statically:
 *
 * <pre>{@code
 * import static io.netns4j.packet.Matchers.*;
 *
 * tcp().dst("10.0.0.2", 7000).syn()                 // tcp to 10.0.0.2:7000 with SYN
 * udp().dstPort(53).and(outgoing())                  // (udp dst port 53) and (outgoing)
 * icmp().echoReply().src("fd00::2")                  // icmp echo reply from fd00::2
 * arp().request().target("10.0.0.2")                 // arp request for 10.0.0.2
 * vxlan().vni(42).inner(icmp().echoRequest())        // vxlan vni 42 containing (icmp echo request)
 * }</pre>
 *
 * <h2>Outermost layers only</h2> {@link #tcp()}, {@link #udp()}, {@link #icmp()}, {@link #ip()} and the others look at
 * a packet's own layers, the outermost ones: a TCP segment inside an ipip, GRE or VXLAN tunnel is not matched by
 * {@code tcp()}. To look inside a tunnel, say so: {@code ipip().inner(tcp().dstPort(80))},
 * {@code vxlan().inner(ipip().inner(...))}. (The outer UDP header of a VXLAN packet is matched by {@code udp()}.)
 *
 * <h2>Descriptions</h2> Every matcher describes itself in words that read like the packets it wants, used in assertion
 * failures: {@code tcp dst port 7000 with SYN}, {@code udp to 10.0.0.2:53}, {@code icmp echo request},
 * {@code arp request for 10.0.0.2}, {@code ipip containing (icmp echo request)}, {@code (A) and (B)}, {@code not (A)}.
 *
 * <h2>Addresses</h2> Methods taking an address take an IPv4 or IPv6 literal, optionally with a prefix length
 * ({@code 10.0.0.0/24}); host names are rejected, never looked up. Invalid arguments throw
 * {@link IllegalArgumentException} when the matcher is built, not when it is used.
 */
public final class Matchers {

    private static final PacketMatcher ANY = new Described("any packet", p -> true);

    private Matchers() {
    }

    /** Packets whose outermost transport is TCP: {@code tcp}. */
    public static TcpMatcher tcp() {
        return new TcpMatcher();
    }

    /** Packets whose outermost transport is UDP: {@code udp}. */
    public static UdpMatcher udp() {
        return new UdpMatcher();
    }

    /** ICMP or ICMPv6 messages (outermost): {@code icmp}. */
    public static IcmpMatcher icmp() {
        return new IcmpMatcher();
    }

    /** ARP packets: {@code arp}. */
    public static ArpMatcher arp() {
        return new ArpMatcher();
    }

    /** IPv4 or IPv6 packets, by their outermost IP header: {@code ip}. */
    public static IpMatcher ip() {
        return new IpMatcher(0);
    }

    /** IPv4 packets: {@code ipv4}. */
    public static IpMatcher ipv4() {
        return new IpMatcher(4);
    }

    /** IPv6 packets: {@code ipv6}. */
    public static IpMatcher ipv6() {
        return new IpMatcher(6);
    }

    /** Frames with an Ethernet header: {@code ethernet}. */
    public static EthernetMatcher ethernet() {
        return new EthernetMatcher();
    }

    /** VLAN-tagged frames, whatever the VLAN: {@code vlan}. */
    public static PacketMatcher vlan() {
        return new Described("vlan", p -> !p.vlanTags().isEmpty());
    }

    /** Frames with a VLAN tag (outer or inner, 802.1Q or 802.1ad) of VLAN {@code id}: {@code vlan 100}. */
    public static PacketMatcher vlan(int id) {
        if (id < 0 || id > 4095) {
            throw new IllegalArgumentException("VLAN id must be 0..4095: " + id);
        }
        return new Described("vlan " + id, p -> p.vlanTags().stream().anyMatch(t -> t.id() == id));
    }

    /** IPv4 inside IP (IP protocol 4): {@code ipip}; add {@code .inner(...)} to look inside. */
    public static TunnelMatcher ipip() {
        return new TunnelMatcher(Encapsulation.IPIP);
    }

    /** IPv6 inside IP (IP protocol 41): {@code sit}; add {@code .inner(...)} to look inside. */
    public static TunnelMatcher sit() {
        return new TunnelMatcher(Encapsulation.SIT);
    }

    /** GRE packets (IP protocol 47): {@code gre}; add {@code .key(n)}, {@code .inner(...)}. */
    public static GreMatcher gre() {
        return new GreMatcher();
    }

    /** VXLAN packets (UDP to port 4789): {@code vxlan}; add {@code .vni(n)}, {@code .inner(...)}. */
    public static VxlanMatcher vxlan() {
        return new VxlanMatcher();
    }

    /** Every packet: {@code any packet}. */
    public static PacketMatcher any() {
        return ANY;
    }

    /** The packets {@code matcher} does not match: {@code not (tcp)}. */
    public static PacketMatcher not(PacketMatcher matcher) {
        Objects.requireNonNull(matcher, "matcher");
        return new Described("not (" + matcher.description() + ")", p -> !matcher.matches(p));
    }

    /**
     * The packets all of {@code matchers} match: {@code (tcp) and (incoming)}. One matcher is returned as it is; none
     * is {@link #any()}.
     */
    public static PacketMatcher allOf(PacketMatcher... matchers) {
        return Combination.of(true, matchers);
    }

    /**
     * The packets any of {@code matchers} matches: {@code (tcp) or (udp)}. One matcher is returned as it is; none
     * matches nothing ({@code nothing}).
     */
    public static PacketMatcher anyOf(PacketMatcher... matchers) {
        return Combination.of(false, matchers);
    }

    /** Packets received by the interface they were captured on: {@code incoming}. */
    public static PacketMatcher incoming() {
        return new Described("incoming", p -> p.direction() == Direction.INCOMING);
    }

    /** Packets sent through the interface they were captured on: {@code outgoing}. */
    public static PacketMatcher outgoing() {
        return new Described("outgoing", p -> p.direction() == Direction.OUTGOING);
    }

    /** Packets captured on interface {@code name}: {@code on interface eth0}. */
    public static PacketMatcher onInterface(String name) {
        Objects.requireNonNull(name, "name");
        return new Described("on interface " + name, p -> p.interfaceName().map(name::equals).orElse(false));
    }

    /**
     * A matcher of one's own: {@code matching("jumbo frame", p -> p.originalLength() > 1514)}. The predicate should not
     * throw for packets that lack the layers it looks at.
     */
    public static PacketMatcher matching(String description, Predicate<Packet> predicate) {
        return new Described(description, predicate);
    }
}
