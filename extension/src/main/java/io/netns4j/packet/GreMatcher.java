package io.netns4j.packet;

import java.util.Objects;

/**
 * Matches GRE packets, by key, protocol type, outer addresses and the {@linkplain #inner(PacketMatcher) inner packet}.
 * Built by {@link Matchers#gre()}; each method returns a new matcher with one more condition (setting the same
 * condition again replaces it).
 * <p>
 * Description, e.g.: {@code gre key 7 to 192.168.60.10 containing (tcp dst port 80)}.
 */
public final class GreMatcher implements PacketMatcher {

    private final Long key;
    private final Integer protocolType;
    private final Endpoints endpoints;
    private final PacketMatcher inner;

    GreMatcher() {
        this(null, null, Endpoints.ANY, null);
    }

    private GreMatcher(Long key, Integer protocolType, Endpoints endpoints, PacketMatcher inner) {
        this.key = key;
        this.protocolType = protocolType;
        this.endpoints = endpoints;
        this.inner = inner;
    }

    /** The GRE key, as {@code ip link add ... key N} sets it; read as unsigned 32 bits: {@code key 7}. */
    public GreMatcher key(int key) {
        return new GreMatcher(Integer.toUnsignedLong(key), protocolType, endpoints, inner);
    }

    /** The GRE protocol type: {@code 0x0800}, {@code 0x86dd}, {@code 0x6558} (Ethernet): {@code protocol 0x6558}. */
    public GreMatcher protocolType(int protocolType) {
        if (protocolType < 0 || protocolType > 0xffff) {
            throw new IllegalArgumentException("protocolType must be 0..0xffff: " + protocolType);
        }
        return new GreMatcher(key, protocolType, endpoints, inner);
    }

    /** The outer source address or prefix: {@code from 192.168.50.10}. */
    public GreMatcher src(String address) {
        return new GreMatcher(key, protocolType, endpoints.src(address), inner);
    }

    /** The outer destination address or prefix: {@code to 192.168.60.10}. */
    public GreMatcher dst(String address) {
        return new GreMatcher(key, protocolType, endpoints.dst(address), inner);
    }

    /** The packet inside the tunnel matches {@code matcher}: {@code containing (icmp echo request)}. */
    public GreMatcher inner(PacketMatcher matcher) {
        return new GreMatcher(key, protocolType, endpoints, Objects.requireNonNull(matcher, "matcher"));
    }

    @Override
    public boolean matches(Packet packet) {
        if (packet.gre().isEmpty() || packet.ip().isEmpty()) {
            return false;
        }
        Gre g = packet.gre().get();
        return (key == null || g.key().isPresent() && g.key().getAsLong() == key)
                && (protocolType == null || g.protocolType() == protocolType)
                && endpoints.matchesAddresses(packet.ip().get()) && TunnelMatcher.innerMatches(inner, packet);
    }

    @Override
    public String description() {
        StringBuilder sb = new StringBuilder("gre");
        if (key != null) {
            sb.append(" key ").append(key);
        }
        if (protocolType != null) {
            sb.append(String.format(" protocol 0x%04x", protocolType));
        }
        endpoints.describe(sb);
        TunnelMatcher.describeInner(inner, sb);
        return sb.toString();
    }

    @Override
    public String toString() {
        return description();
    }
}
