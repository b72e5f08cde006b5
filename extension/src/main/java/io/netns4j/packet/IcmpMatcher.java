package io.netns4j.packet;

import java.util.Objects;

/**
 * Matches packets whose outermost transport is ICMP or ICMPv6. Built by {@link Matchers#icmp()}, which matches both
 * versions; {@link #v4()} and {@link #v6()} narrow it to one. The named kinds ({@link #echoRequest()},
 * {@link #echoReply()}, {@link #destinationUnreachable()}) know both versions' type numbers; {@link #type(int)} and
 * {@link #code(int)} compare the raw numbers, which differ between the versions (narrow the version with them). Each
 * method returns a new matcher with one more condition (setting the same condition again replaces it).
 * <p>
 * Description, e.g.: {@code icmp echo request}, {@code icmpv6 destination unreachable code 4 from fd00::2},
 * {@code icmp destination unreachable about (udp dst port 9999)}.
 */
public final class IcmpMatcher implements PacketMatcher {

    private enum Kind {
        ECHO_REQUEST("echo request", 8, 128), ECHO_REPLY("echo reply", 0, 129),
        DESTINATION_UNREACHABLE("destination unreachable", 3, 1);

        final String words;
        final int type4;
        final int type6;

        Kind(String words, int type4, int type6) {
            this.words = words;
            this.type4 = type4;
            this.type6 = type6;
        }
    }

    private final int version;
    private final Kind kind;
    private final Integer type;
    private final Integer code;
    private final Endpoints endpoints;
    private final PacketMatcher original;

    IcmpMatcher() {
        this(0, null, null, null, Endpoints.ANY, null);
    }

    private IcmpMatcher(int version, Kind kind, Integer type, Integer code, Endpoints endpoints,
            PacketMatcher original) {
        this.version = version;
        this.kind = kind;
        this.type = type;
        this.code = code;
        this.endpoints = endpoints;
        this.original = original;
    }

    private IcmpMatcher kind(Kind k) {
        return new IcmpMatcher(version, k, type, code, endpoints, original);
    }

    private IcmpMatcher with(Endpoints e) {
        return new IcmpMatcher(version, kind, type, code, e, original);
    }

    private static int checkByte(String what, int value) {
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException(what + " must be 0..255: " + value);
        }
        return value;
    }

    /** ICMP (over IPv4, IP protocol 1) only: {@code icmpv4}. */
    public IcmpMatcher v4() {
        return new IcmpMatcher(4, kind, type, code, endpoints, original);
    }

    /** ICMPv6 (next header 58) only: {@code icmpv6}. */
    public IcmpMatcher v6() {
        return new IcmpMatcher(6, kind, type, code, endpoints, original);
    }

    /** Echo request, ICMP type 8 or ICMPv6 type 128: {@code echo request}. */
    public IcmpMatcher echoRequest() {
        return kind(Kind.ECHO_REQUEST);
    }

    /** Echo reply, ICMP type 0 or ICMPv6 type 129: {@code echo reply}. */
    public IcmpMatcher echoReply() {
        return kind(Kind.ECHO_REPLY);
    }

    /** Destination unreachable, any code, ICMP type 3 or ICMPv6 type 1: {@code destination unreachable}. */
    public IcmpMatcher destinationUnreachable() {
        return kind(Kind.DESTINATION_UNREACHABLE);
    }

    /** The raw type number, of either version unless narrowed: {@code type 11}. */
    public IcmpMatcher type(int type) {
        return new IcmpMatcher(version, kind, checkByte("type", type), code, endpoints, original);
    }

    /** The raw code number: {@code code 3}. */
    public IcmpMatcher code(int code) {
        return new IcmpMatcher(version, kind, type, checkByte("code", code), endpoints, original);
    }

    /** From an address or prefix (the IP header's source): {@code from 10.0.0.1}. */
    public IcmpMatcher src(String address) {
        return with(endpoints.src(address));
    }

    /** To an address or prefix: {@code to 10.0.0.2}. */
    public IcmpMatcher dst(String address) {
        return with(endpoints.dst(address));
    }

    /** From or to an address or prefix: {@code host 10.0.0.2}. */
    public IcmpMatcher host(String address) {
        return with(endpoints.host(address));
    }

    /**
     * An error message about a packet that {@code matcher} matches, e.g. the port unreachable answer to one's own
     * datagram: {@code about (udp dst port 9999)}.
     */
    public IcmpMatcher about(PacketMatcher matcher) {
        Objects.requireNonNull(matcher, "matcher");
        return new IcmpMatcher(version, kind, type, code, endpoints, matcher);
    }

    @Override
    public boolean matches(Packet packet) {
        if (packet.ip().isEmpty() || packet.icmp().isEmpty()) {
            return false;
        }
        Icmp i = packet.icmp().get();
        if (version != 0 && i.version() != version) {
            return false;
        }
        if (kind != null && i.type() != (i.version() == 6 ? kind.type6 : kind.type4)) {
            return false;
        }
        return (type == null || i.type() == type) && (code == null || i.code() == code)
                && endpoints.matchesAddresses(packet.ip().get())
                && (original == null || i.original().map(original::matches).orElse(false));
    }

    @Override
    public String description() {
        StringBuilder sb = new StringBuilder(version == 0 ? "icmp" : version == 4 ? "icmpv4" : "icmpv6");
        if (kind != null) {
            sb.append(' ').append(kind.words);
        }
        if (type != null) {
            sb.append(" type ").append(type);
        }
        if (code != null) {
            sb.append(" code ").append(code);
        }
        endpoints.describe(sb);
        if (original != null) {
            sb.append(" about (").append(original.description()).append(')');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return description();
    }
}
