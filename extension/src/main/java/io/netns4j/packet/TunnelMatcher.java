package io.netns4j.packet;

import java.util.Objects;

/**
 * Matches IP-in-IP packets: {@link Matchers#ipip()} (IP protocol 4) or {@link Matchers#sit()} (protocol 41), by the
 * outer addresses and the {@linkplain #inner(PacketMatcher) inner packet}. Each method returns a new matcher with one
 * more condition (setting the same condition again replaces it).
 * <p>
 * Description, e.g.: {@code ipip from 192.168.50.10 containing (icmp echo request)}.
 */
public final class TunnelMatcher implements PacketMatcher {

    private final Encapsulation kind;
    private final Endpoints endpoints;
    private final PacketMatcher inner;

    TunnelMatcher(Encapsulation kind) {
        this(kind, Endpoints.ANY, null);
    }

    private TunnelMatcher(Encapsulation kind, Endpoints endpoints, PacketMatcher inner) {
        this.kind = kind;
        this.endpoints = endpoints;
        this.inner = inner;
    }

    /** The outer source address or prefix: {@code from 192.168.50.10}. */
    public TunnelMatcher src(String address) {
        return new TunnelMatcher(kind, endpoints.src(address), inner);
    }

    /** The outer destination address or prefix: {@code to 192.168.60.10}. */
    public TunnelMatcher dst(String address) {
        return new TunnelMatcher(kind, endpoints.dst(address), inner);
    }

    /** The packet inside the tunnel matches {@code matcher}: {@code containing (icmp echo request)}. */
    public TunnelMatcher inner(PacketMatcher matcher) {
        return new TunnelMatcher(kind, endpoints, Objects.requireNonNull(matcher, "matcher"));
    }

    @Override
    public boolean matches(Packet packet) {
        return packet.encapsulation() == kind && packet.ip().map(endpoints::matchesAddresses).orElse(false)
                && innerMatches(inner, packet);
    }

    static boolean innerMatches(PacketMatcher inner, Packet packet) {
        return inner == null || packet.inner().map(inner::matches).orElse(false);
    }

    static void describeInner(PacketMatcher inner, StringBuilder sb) {
        if (inner != null) {
            sb.append(" containing (").append(inner.description()).append(')');
        }
    }

    @Override
    public String description() {
        StringBuilder sb = new StringBuilder(kind == Encapsulation.IPIP ? "ipip" : "sit");
        endpoints.describe(sb);
        describeInner(inner, sb);
        return sb.toString();
    }

    @Override
    public String toString() {
        return description();
    }
}
