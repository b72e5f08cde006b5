package io.netns4j.packet;

import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One captured frame, decoded: the raw bytes as captured, when and where, and the protocol layers found in them.
 * <p>
 * Decoding never fails. A frame that is cut short (by the capture's snap length) or malformed yields the layers whose
 * headers are complete and nothing after them: a frame whose TCP header is truncated has an {@link #ip()} but no
 * {@link #tcp()}. Layer accessors return {@link Optional#empty()} for a layer that is not there.
 * <p>
 * The layers are those of this packet alone, outermost first. A tunnel's payload is a packet of its own:
 * {@link #encapsulation()} says which tunnel, {@link #inner()} is the packet inside (with layers of its own, and
 * possibly a tunnel of its own). So {@code tcp()} of a VXLAN packet is empty, and the TCP segment inside is
 * {@code inner().flatMap(Packet::tcp)}. Nesting is decoded up to 8 levels deep (ICMP errors' quoted packets count).
 * <p>
 * Instances are immutable and thread-safe. {@link #toString()} is a one-line summary in the manner of tcpdump.
 */
public final class Packet {

    /** How deep tunnels and quoted packets are decoded; deeper inner packets are left undecoded. */
    static final int MAX_NESTING = 8;

    private final LinkType linkType;
    private final byte[] frame;
    private final int originalLength;
    private final Instant timestamp;
    private final String interfaceName;
    private final Direction direction;

    private final Sll sll;
    private final Ethernet ethernet;
    private final List<VlanTag> vlanTags;
    private final Arp arp;
    private final Ip ip;
    private final Icmp icmp;
    private final Tcp tcp;
    private final Udp udp;
    private final Gre gre;
    private final Vxlan vxlan;
    private final Encapsulation encapsulation;
    private final Packet inner;
    private final int payloadStart;
    private final int payloadEnd;

    private Packet(LinkType linkType, byte[] frame, int originalLength, Instant timestamp, String interfaceName,
            Direction direction, int depth) {
        this.linkType = linkType;
        this.frame = frame;
        this.originalLength = Math.max(originalLength, frame.length);
        this.timestamp = timestamp;
        this.interfaceName = interfaceName;
        Decoder d = new Decoder(frame, depth, this.originalLength - frame.length, timestamp, interfaceName, direction);
        d.decode(linkType);
        this.direction = d.direction;
        this.sll = d.sll;
        this.ethernet = d.ethernet;
        this.vlanTags = List.copyOf(d.vlanTags);
        this.arp = d.arp;
        this.ip = d.ip;
        this.icmp = d.icmp;
        this.tcp = d.tcp;
        this.udp = d.udp;
        this.gre = d.gre;
        this.vxlan = d.vxlan;
        this.encapsulation = d.encapsulation;
        this.payloadStart = d.payloadStart;
        this.payloadEnd = d.payloadEnd;
        if (d.innerType != null) {
            byte[] bytes = Arrays.copyOfRange(frame, d.innerStart, d.innerEnd);
            int missing = d.innerEnd == frame.length ? this.originalLength - frame.length : 0;
            this.inner = new Packet(d.innerType, bytes, bytes.length + missing, timestamp, interfaceName,
                    this.direction, depth + 1);
        } else {
            this.inner = null;
        }
    }

    /**
     * Decodes a captured frame.
     *
     * @param linkType
     *            what the frame starts with
     * @param frame
     *            the bytes captured, copied (so the caller may reuse the array)
     * @param originalLength
     *            the frame's length on the wire; larger than {@code frame.length} if the capture cut it short (a
     *            smaller value is taken as {@code frame.length})
     * @param timestamp
     *            when the frame was captured
     * @param interfaceName
     *            the interface it was captured on, or {@code null} if not known
     * @param direction
     *            which way it went, or {@code null} for {@link Direction#UNKNOWN}; for Linux cooked frames an unknown
     *            direction is taken from the cooked header's packet type
     *
     * @throws NullPointerException
     *             if {@code linkType}, {@code frame} or {@code timestamp} is null
     */
    public static Packet decode(LinkType linkType, byte[] frame, int originalLength, Instant timestamp,
            String interfaceName, Direction direction) {
        Objects.requireNonNull(linkType, "linkType");
        Objects.requireNonNull(frame, "frame");
        Objects.requireNonNull(timestamp, "timestamp");
        return new Packet(linkType, frame.clone(), originalLength, timestamp, interfaceName,
                direction == null ? Direction.UNKNOWN : direction, 0);
    }

    /**
     * Decodes a whole frame with no capture metadata: the epoch as its timestamp, no interface, direction unknown
     * (unless a cooked header gives it). For tests and for frames built by hand.
     */
    public static Packet decode(LinkType linkType, byte[] frame) {
        Objects.requireNonNull(frame, "frame");
        return decode(linkType, frame, frame.length, Instant.EPOCH, null, Direction.UNKNOWN);
    }

    /** What the frame starts with. */
    public LinkType linkType() {
        return linkType;
    }

    /** A copy of the bytes captured. */
    public byte[] frame() {
        return frame.clone();
    }

    /** How many bytes were captured: {@code frame().length}. */
    public int capturedLength() {
        return frame.length;
    }

    /** The frame's length on the wire; more than {@link #capturedLength()} if the capture cut it short. */
    public int originalLength() {
        return originalLength;
    }

    /** Whether the capture cut the frame short (its snap length was smaller than the frame). */
    public boolean isTruncated() {
        return originalLength > frame.length;
    }

    /** When the frame was captured. */
    public Instant timestamp() {
        return timestamp;
    }

    /** The interface the frame was captured on, if known. */
    public Optional<String> interfaceName() {
        return Optional.ofNullable(interfaceName);
    }

    /** Which way the frame went through the interface. */
    public Direction direction() {
        return direction;
    }

    /** The Linux cooked header, for {@link LinkType#LINUX_SLL} and {@link LinkType#LINUX_SLL2} frames. */
    public Optional<Sll> sll() {
        return Optional.ofNullable(sll);
    }

    /** The Ethernet header. */
    public Optional<Ethernet> ethernet() {
        return Optional.ofNullable(ethernet);
    }

    /** The outermost VLAN tag (the service tag of a double-tagged frame). */
    public Optional<VlanTag> vlan() {
        return vlanTags.isEmpty() ? Optional.empty() : Optional.of(vlanTags.get(0));
    }

    /** All VLAN tags, outermost first; empty for an untagged frame. */
    public List<VlanTag> vlanTags() {
        return vlanTags;
    }

    /** The ARP packet (IPv4 over Ethernet only). */
    public Optional<Arp> arp() {
        return Optional.ofNullable(arp);
    }

    /** The (outermost) IPv4 or IPv6 header. */
    public Optional<Ip> ip() {
        return Optional.ofNullable(ip);
    }

    /** The ICMP or ICMPv6 message carried by {@link #ip()}. */
    public Optional<Icmp> icmp() {
        return Optional.ofNullable(icmp);
    }

    /** The TCP header carried by {@link #ip()}; empty if it was not captured whole or the IP packet is a fragment. */
    public Optional<Tcp> tcp() {
        return Optional.ofNullable(tcp);
    }

    /** The UDP header carried by {@link #ip()} (for VXLAN, the outer UDP header). */
    public Optional<Udp> udp() {
        return Optional.ofNullable(udp);
    }

    /** The GRE header, when {@link #encapsulation()} is {@link Encapsulation#GRE}. */
    public Optional<Gre> gre() {
        return Optional.ofNullable(gre);
    }

    /** The VXLAN header, when {@link #encapsulation()} is {@link Encapsulation#VXLAN}. */
    public Optional<Vxlan> vxlan() {
        return Optional.ofNullable(vxlan);
    }

    /** The tunnel this packet carries, {@link Encapsulation#NONE} if none. */
    public Encapsulation encapsulation() {
        return encapsulation;
    }

    /**
     * The packet inside the tunnel, decoded: {@link LinkType#RAW_IP} for ipip, sit and GRE carrying IP,
     * {@link LinkType#ETHERNET} for VXLAN and GRE carrying Ethernet. It shares this packet's timestamp, interface and
     * direction. Empty if there is no tunnel, or nothing after the tunnel's header, or a GRE payload of another kind.
     */
    public Optional<Packet> inner() {
        return Optional.ofNullable(inner);
    }

    /** The innermost packet: this one if it carries no tunnel, else {@code inner().innermost()}. */
    public Packet innermost() {
        Packet p = this;
        while (p.inner != null) {
            p = p.inner;
        }
        return p;
    }

    /**
     * A copy of the bytes after the last header this packet decoded, within what the IP header says is the packet
     * (Ethernet padding excluded): the data of a TCP segment or UDP datagram, an ICMP message's body (an echo's data,
     * an error's quoted packet), a tunnel's payload (the inner packet's frame), an IP payload of another protocol.
     * Empty for ARP. Only the captured bytes: fewer than {@link Tcp#payloadLength()} if the capture cut the packet.
     * This is this packet's payload; a tunnelled segment's is {@code innermost().payload()}.
     */
    public byte[] payload() {
        return Arrays.copyOfRange(frame, payloadStart, payloadEnd);
    }

    /**
     * A one-line summary in the manner of tcpdump, e.g. {@code 10.0.0.1.43210 > 10.0.0.2.7000: TCP [S] seq 123 len
     * 0}, {@code ARP who-has 10.0.0.2 tell 10.0.0.1}, {@code ICMP echo request 10.0.0.1 > 10.0.0.2 id 5 seq 1},
     * {@code IP 192.168.50.10 > 192.168.60.10: ipip (ICMP echo request 10.0.0.1 > 10.0.0.2 id 5 seq 1)}. VLAN tags come
     * first: {@code vlan 100: ...}. Metadata (time, interface, direction) is not included.
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < vlanTags.size(); i++) {
            sb.append(i == 0 ? "vlan " : ", vlan ").append(vlanTags.get(i).id());
        }
        if (!vlanTags.isEmpty()) {
            sb.append(": ");
        }
        return sb.append(body()).toString();
    }

    private String body() {
        if (arp != null) {
            switch (arp.operation()) {
            case REQUEST:
                return "ARP who-has " + Addresses.format(arp.targetIp()) + " tell " + Addresses.format(arp.senderIp());
            case REPLY:
                return "ARP reply " + Addresses.format(arp.senderIp()) + " is-at " + arp.senderMac();
            default:
                return "ARP opcode " + arp.opcode() + " " + Addresses.format(arp.senderIp()) + " > "
                        + Addresses.format(arp.targetIp());
            }
        }
        if (ip != null) {
            return ipBody();
        }
        if (ethernet != null) {
            return "ether " + ethernet.src() + " > " + ethernet.dst() + " type "
                    + hex4(etherTypeAfterTags(ethernet.etherType())) + " len " + originalLength;
        }
        if (sll != null) {
            return "cooked " + (sll.address().isEmpty() ? "" : sll.address() + " ") + "protocol "
                    + hex4(etherTypeAfterTags(sll.protocol())) + " len " + originalLength;
        }
        return "frame len " + originalLength;
    }

    private int etherTypeAfterTags(int type) {
        return vlanTags.isEmpty() ? type : vlanTags.get(vlanTags.size() - 1).etherType();
    }

    private String ipBody() {
        String src = Addresses.format(ip.src());
        String dst = Addresses.format(ip.dst());
        String ipName = ip.version() == 6 ? "IP6 " : "IP ";
        String in = inner == null ? "" : " (" + inner + ")";
        switch (encapsulation) {
        case IPIP:
            return ipName + src + " > " + dst + ": ipip" + in;
        case SIT:
            return ipName + src + " > " + dst + ": sit" + in;
        case GRE:
            StringBuilder g = new StringBuilder(ipName + src + " > " + dst + ": gre");
            gre.key().ifPresent(k -> g.append(" key ").append(k));
            int pt = gre.protocolType();
            if (pt != 0x0800 && pt != 0x86dd && pt != 0x6558) {
                g.append(" protocol ").append(hex4(pt));
            }
            return g.append(in).toString();
        case VXLAN:
            return Addresses.withPort(ip.src(), udp.srcPort()) + " > " + Addresses.withPort(ip.dst(), udp.dstPort())
                    + ": vxlan vni " + vxlan.vni() + in;
        default:
            break;
        }
        if (tcp != null) {
            StringBuilder t = new StringBuilder();
            t.append(Addresses.withPort(ip.src(), tcp.srcPort())).append(" > ")
                    .append(Addresses.withPort(ip.dst(), tcp.dstPort())).append(": TCP ").append(tcp.flags())
                    .append(" seq ").append(tcp.sequenceNumber());
            if (tcp.flags().ack()) {
                t.append(" ack ").append(tcp.ackNumber());
            }
            return t.append(" len ").append(tcp.payloadLength()).toString();
        }
        if (udp != null) {
            int len = udp.length() >= 8 ? udp.length() - 8 : payloadEnd - payloadStart;
            return Addresses.withPort(ip.src(), udp.srcPort()) + " > " + Addresses.withPort(ip.dst(), udp.dstPort())
                    + ": UDP len " + len;
        }
        if (icmp != null) {
            StringBuilder c = new StringBuilder(icmp.version() == 6 ? "ICMP6 " : "ICMP ");
            c.append(icmp.typeName()).append(' ').append(src).append(" > ").append(dst);
            icmp.identifier().ifPresent(id -> c.append(" id ").append(id));
            icmp.sequence().ifPresent(seq -> c.append(" seq ").append(seq));
            icmp.targetAddress().ifPresent(t -> c.append(" target ").append(Addresses.format(t)));
            icmp.mtu().ifPresent(m -> c.append(" mtu ").append(m));
            icmp.original().ifPresent(o -> c.append(" (").append(o).append(')'));
            return c.toString();
        }
        int len = Math.max(0, ip.totalLength() - ip.headerLength());
        String proto = protocolName(ip.protocol());
        if (ip.fragmentOffset() != 0) {
            return ipName + src + " > " + dst + ": " + proto + " fragment offset " + ip.fragmentOffset() + " len "
                    + len;
        }
        boolean known = ip.protocol() == 1 || ip.protocol() == 6 || ip.protocol() == 17 || ip.protocol() == 47
                || ip.protocol() == 58;
        return ipName + src + " > " + dst + ": " + proto + (known ? " (truncated)" : "") + " len " + len;
    }

    private static String protocolName(int protocol) {
        switch (protocol) {
        case 1:
            return "ICMP";
        case 4:
            return "ipip";
        case 6:
            return "TCP";
        case 17:
            return "UDP";
        case 41:
            return "sit";
        case 47:
            return "GRE";
        case 58:
            return "ICMP6";
        default:
            return "proto " + protocol;
        }
    }

    private static String hex4(int v) {
        return String.format("0x%04x", v);
    }

    /** Equal when the frames, their link type and all capture metadata are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Packet p && p.linkType == linkType && p.originalLength == originalLength
                && Arrays.equals(p.frame, frame) && p.timestamp.equals(timestamp)
                && Objects.equals(p.interfaceName, interfaceName) && p.direction == direction;
    }

    @Override
    public int hashCode() {
        return Objects.hash(linkType, originalLength, Arrays.hashCode(frame), timestamp, interfaceName, direction);
    }

    /** Reads a frame's headers into layers. Every read is bounds-checked by its caller; nothing here throws. */
    private static final class Decoder {

        private static final int MAX_VLAN_TAGS = 8;
        private static final int MAX_IPV6_EXTENSION_HEADERS = 16;
        private static final int VXLAN_PORT = 4789;

        private final byte[] f;
        private final int depth;
        private final int missing;
        private final Instant timestamp;
        private final String interfaceName;

        Direction direction;
        Sll sll;
        Ethernet ethernet;
        final List<VlanTag> vlanTags = new ArrayList<>();
        Arp arp;
        Ip ip;
        Icmp icmp;
        Tcp tcp;
        Udp udp;
        Gre gre;
        Vxlan vxlan;
        Encapsulation encapsulation = Encapsulation.NONE;
        LinkType innerType;
        int innerStart;
        int innerEnd;
        int payloadStart;
        int payloadEnd;

        Decoder(byte[] frame, int depth, int missing, Instant timestamp, String interfaceName, Direction direction) {
            this.f = frame;
            this.depth = depth;
            this.missing = missing;
            this.timestamp = timestamp;
            this.interfaceName = interfaceName;
            this.direction = direction;
        }

        private int u8(int o) {
            return f[o] & 0xff;
        }

        private int u16(int o) {
            return ((f[o] & 0xff) << 8) | (f[o + 1] & 0xff);
        }

        private long u32(int o) {
            return ((long) u16(o) << 16) | u16(o + 2);
        }

        private void payload(int start, int end) {
            payloadStart = Math.min(start, f.length);
            payloadEnd = Math.max(payloadStart, Math.min(end, f.length));
        }

        private void inner(LinkType type, int start, int end) {
            if (end > start && depth < MAX_NESTING) {
                innerType = type;
                innerStart = start;
                innerEnd = end;
            }
        }

        void decode(LinkType linkType) {
            payload(0, f.length);
            switch (linkType) {
            case ETHERNET:
                ethernet();
                break;
            case RAW_IP:
                ip(0, f.length);
                break;
            case LINUX_SLL:
                sll1();
                break;
            case LINUX_SLL2:
                sll2();
                break;
            default:
                break;
            }
        }

        private void ethernet() {
            if (f.length < 14) {
                return;
            }
            ethernet = new Ethernet(Addresses.mac(f, 6, 6), Addresses.mac(f, 0, 6), u16(12));
            etherType(u16(12), 14, f.length);
        }

        private void sll1() {
            if (f.length < 16) {
                return;
            }
            int packetType = u16(0);
            String address = Addresses.mac(f, 6, Math.min(u16(4), 8));
            sll = new Sll(1, packetType, u16(2), address, u16(14), 0);
            cooked(packetType, u16(14), 16);
        }

        private void sll2() {
            if (f.length < 20) {
                return;
            }
            int packetType = u8(10);
            String address = Addresses.mac(f, 12, Math.min(u8(11), 8));
            sll = new Sll(2, packetType, u16(8), address, u16(0), (int) u32(4));
            cooked(packetType, u16(0), 20);
        }

        private void cooked(int packetType, int protocol, int offset) {
            if (direction == Direction.UNKNOWN) {
                direction = Direction.fromPacketType(packetType);
            }
            etherType(protocol, offset, f.length);
        }

        private static boolean isVlanTpid(int type) {
            return type == 0x8100 || type == 0x88a8 || type == 0x9100;
        }

        private void etherType(int type, int o, int end) {
            payload(o, end);
            while (isVlanTpid(type) && vlanTags.size() < MAX_VLAN_TAGS) {
                if (end - o < 4) {
                    return;
                }
                int tci = u16(o);
                int next = u16(o + 2);
                vlanTags.add(new VlanTag(type, tci >>> 13, (tci & 0x1000) != 0, tci & 0x0fff, next));
                type = next;
                o += 4;
                payload(o, end);
            }
            switch (type) {
            case 0x0800:
                if (end > o && u8(o) >> 4 == 4) {
                    ipv4(o, end);
                }
                break;
            case 0x86dd:
                if (end > o && u8(o) >> 4 == 6) {
                    ipv6(o, end);
                }
                break;
            case 0x0806:
                arp(o, end);
                break;
            default:
                break;
            }
        }

        private void arp(int o, int end) {
            if (end - o < 28 || u16(o + 2) != 0x0800 || u8(o + 4) != 6 || u8(o + 5) != 4) {
                return;
            }
            int opcode = u16(o + 6);
            arp = new Arp(Arp.Operation.of(opcode), opcode, Addresses.mac(f, o + 8, 6), Addresses.ip(f, o + 14, 4),
                    Addresses.mac(f, o + 18, 6), Addresses.ip(f, o + 24, 4));
            payload(o + 28, o + 28);
        }

        private void ip(int o, int end) {
            payload(o, end);
            if (end <= o) {
                return;
            }
            int version = u8(o) >> 4;
            if (version == 4) {
                ipv4(o, end);
            } else if (version == 6) {
                ipv6(o, end);
            }
        }

        private void ipv4(int o, int end) {
            payload(o, end);
            if (end - o < 20) {
                return;
            }
            int headerLength = (u8(o) & 0x0f) * 4;
            if (headerLength < 20 || headerLength > end - o) {
                return;
            }
            int totalLength = u16(o + 2);
            int fragment = u16(o + 6);
            int fragmentOffset = (fragment & 0x1fff) * 8;
            int protocol = u8(o + 9);
            // A total length shorter than the header (0 in a GSO/TSO super-packet) says nothing: take what is there.
            int declaredEnd = totalLength >= headerLength ? o + totalLength : end;
            ip = new Ip(4, Addresses.ip(f, o + 12, 4), Addresses.ip(f, o + 16, 4), protocol, u8(o + 8), totalLength,
                    headerLength, u8(o + 1), u16(o + 4), fragmentOffset, (fragment & 0x2000) != 0,
                    (fragment & 0x4000) != 0, List.of());
            transport(protocol, o + headerLength, Math.min(declaredEnd, end), declaredEnd, fragmentOffset != 0);
        }

        private void ipv6(int o, int end) {
            payload(o, end);
            if (end - o < 40) {
                return;
            }
            int trafficClass = (int) ((u32(o) >>> 20) & 0xff);
            int payloadLength = u16(o + 4);
            int declaredEnd = payloadLength == 0 ? end : o + 40 + payloadLength; // 0: jumbogram or GSO
            int capturedEnd = Math.min(declaredEnd, end);
            int next = u8(o + 6);
            int p = o + 40;
            List<Integer> extensions = new ArrayList<>();
            long identification = 0;
            int fragmentOffset = 0;
            boolean moreFragments = false;
            boolean complete = true;
            while (isExtensionHeader(next) && extensions.size() < MAX_IPV6_EXTENSION_HEADERS) {
                if (capturedEnd - p < 8) {
                    complete = false;
                    break;
                }
                int length;
                if (next == 44) {
                    length = 8;
                } else if (next == 51) {
                    length = (u8(p + 1) + 2) * 4;
                } else {
                    length = (u8(p + 1) + 1) * 8;
                }
                if (length > capturedEnd - p) {
                    complete = false;
                    break;
                }
                if (next == 44) {
                    int fragment = u16(p + 2);
                    fragmentOffset = fragment & 0xfff8;
                    moreFragments = (fragment & 1) != 0;
                    identification = u32(p + 4);
                }
                extensions.add(next);
                next = u8(p);
                p += length;
            }
            ip = new Ip(6, Addresses.ip(f, o + 8, 16), Addresses.ip(f, o + 24, 16), next, u8(o + 7), 40 + payloadLength,
                    p - o, trafficClass, identification, fragmentOffset, moreFragments, false, extensions);
            if (complete && isExtensionHeader(next)) {
                complete = false; // more than MAX_IPV6_EXTENSION_HEADERS
            }
            payload(p, capturedEnd);
            if (complete) {
                transport(next, p, capturedEnd, declaredEnd, fragmentOffset != 0);
            }
        }

        private static boolean isExtensionHeader(int next) {
            return next == 0 || next == 43 || next == 44 || next == 51 || next == 60;
        }

        private void transport(int protocol, int o, int end, int declaredEnd, boolean laterFragment) {
            payload(o, end);
            if (laterFragment) {
                return;
            }
            switch (protocol) {
            case 1:
                icmp(o, end, 4);
                break;
            case 58:
                icmp(o, end, 6);
                break;
            case 6:
                tcp(o, end, declaredEnd);
                break;
            case 17:
                udp(o, end);
                break;
            case 4:
                encapsulation = Encapsulation.IPIP;
                inner(LinkType.RAW_IP, o, end);
                break;
            case 41:
                encapsulation = Encapsulation.SIT;
                inner(LinkType.RAW_IP, o, end);
                break;
            case 47:
                gre(o, end);
                break;
            default:
                break;
            }
        }

        private void tcp(int o, int end, int declaredEnd) {
            if (end - o < 20) {
                return;
            }
            int headerLength = (u8(o + 12) >> 4) * 4;
            if (headerLength < 20 || headerLength > end - o) {
                return;
            }
            tcp = new Tcp(u16(o), u16(o + 2), u32(o + 4), u32(o + 8), headerLength, new TcpFlags(u16(o + 12) & 0x0fff),
                    u16(o + 14), Math.max(0, declaredEnd - o - headerLength));
            payload(o + headerLength, end);
        }

        private void udp(int o, int end) {
            if (end - o < 8) {
                return;
            }
            int length = u16(o + 4);
            int payloadEnd = length >= 8 ? Math.min(o + length, end) : end;
            udp = new Udp(u16(o), u16(o + 2), length, Arrays.copyOfRange(f, o + 8, payloadEnd));
            payload(o + 8, payloadEnd);
            if (udp.dstPort() == VXLAN_PORT && payloadEnd - o >= 16 && (u8(o + 8) & 0x08) != 0) {
                vxlan = new Vxlan(u8(o + 8), (int) (u32(o + 12) >>> 8));
                encapsulation = Encapsulation.VXLAN;
                payload(o + 16, payloadEnd);
                inner(LinkType.ETHERNET, o + 16, payloadEnd);
            }
        }

        private void icmp(int o, int end, int version) {
            if (end - o < 4) {
                return;
            }
            int type = u8(o);
            int code = u8(o + 1);
            boolean full = end - o >= 8;
            boolean echo = version == 6 ? type == 128 || type == 129 : type == 0 || type == 8;
            OptionalInt identifier = echo && full ? OptionalInt.of(u16(o + 4)) : OptionalInt.empty();
            OptionalInt sequence = echo && full ? OptionalInt.of(u16(o + 6)) : OptionalInt.empty();
            OptionalInt mtu = OptionalInt.empty();
            if (full && version == 4 && type == 3 && code == 4) {
                mtu = OptionalInt.of(u16(o + 6));
            } else if (full && version == 6 && type == 2) {
                mtu = OptionalInt.of((int) Math.min(u32(o + 4), Integer.MAX_VALUE));
            }
            Optional<InetAddress> target = Optional.empty();
            if (version == 6 && (type == 135 || type == 136 || type == 137) && end - o >= 24) {
                target = Optional.of(Addresses.ip(f, o + 8, 16));
            }
            Optional<Packet> original = Optional.empty();
            if (Icmp.isError(version, type) && end - o > 8 && depth < MAX_NESTING) {
                byte[] quoted = Arrays.copyOfRange(f, o + 8, end);
                int quotedMissing = end == f.length ? missing : 0;
                original = Optional.of(new Packet(LinkType.RAW_IP, quoted, quoted.length + quotedMissing, timestamp,
                        interfaceName, direction, depth + 1));
            }
            icmp = new Icmp(version, type, code, identifier, sequence, mtu, target, original);
            payload(Math.min(o + 8, end), end);
        }

        private void gre(int o, int end) {
            if (end - o < 4) {
                return;
            }
            int flags = u16(o);
            int protocolType = u16(o + 2);
            int version = flags & 0x7;
            boolean checksumBit = (flags & 0x8000) != 0;
            boolean routingBit = (flags & 0x4000) != 0;
            int h = 4;
            OptionalInt checksum = OptionalInt.empty();
            OptionalLong key = OptionalLong.empty();
            OptionalLong sequence = OptionalLong.empty();
            if (checksumBit || routingBit) { // RFC 1701: checksum and offset are present if either bit is
                if (end - o < h + 4) {
                    return;
                }
                if (checksumBit) {
                    checksum = OptionalInt.of(u16(o + h));
                }
                h += 4;
            }
            if ((flags & 0x2000) != 0) {
                if (end - o < h + 4) {
                    return;
                }
                key = OptionalLong.of(u32(o + h));
                h += 4;
            }
            if ((flags & 0x1000) != 0) {
                if (end - o < h + 4) {
                    return;
                }
                sequence = OptionalLong.of(u32(o + h));
                h += 4;
            }
            if (version == 1 && (flags & 0x0080) != 0) { // PPTP's acknowledgment number
                if (end - o < h + 4) {
                    return;
                }
                h += 4;
            }
            gre = new Gre(version, protocolType, checksum, key, sequence);
            encapsulation = Encapsulation.GRE;
            payload(o + h, end);
            if (version != 0 || routingBit) {
                return; // PPTP, or RFC 1701 source routing entries whose end is not worth finding
            }
            if (protocolType == 0x0800 || protocolType == 0x86dd) {
                inner(LinkType.RAW_IP, o + h, end);
            } else if (protocolType == 0x6558) {
                inner(LinkType.ETHERNET, o + h, end);
            }
        }
    }
}
