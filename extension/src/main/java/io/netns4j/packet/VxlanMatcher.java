package io.netns4j.packet;

import java.util.Objects;

/**
 * Matches VXLAN packets (UDP to port 4789), by VNI, outer addresses and the {@linkplain #inner(PacketMatcher) inner
 * Ethernet frame}. Built by {@link Matchers#vxlan()}; each method returns a new matcher with one more condition
 * (setting the same condition again replaces it).
 * <p>
 * Description, e.g.: {@code vxlan vni 42 containing (arp request for 10.42.0.2)}.
 */
public final class VxlanMatcher implements PacketMatcher {

    private final Integer vni;
    private final Endpoints endpoints;
    private final PacketMatcher inner;

    VxlanMatcher() {
        this(null, Endpoints.ANY, null);
    }

    private VxlanMatcher(Integer vni, Endpoints endpoints, PacketMatcher inner) {
        this.vni = vni;
        this.endpoints = endpoints;
        this.inner = inner;
    }

    /** The VXLAN network identifier, 0..16777215 ({@code ip link add ... type vxlan id N}): {@code vni 42}. */
    public VxlanMatcher vni(int vni) {
        if (vni < 0 || vni > 0xffffff) {
            throw new IllegalArgumentException("vni must be 0..16777215: " + vni);
        }
        return new VxlanMatcher(vni, endpoints, inner);
    }

    /** The outer source address or prefix (the sending VTEP): {@code from 10.0.0.1}. */
    public VxlanMatcher src(String address) {
        return new VxlanMatcher(vni, endpoints.src(address), inner);
    }

    /** The outer destination address or prefix (the receiving VTEP): {@code to 10.0.0.2}. */
    public VxlanMatcher dst(String address) {
        return new VxlanMatcher(vni, endpoints.dst(address), inner);
    }

    /** The Ethernet frame inside matches {@code matcher}: {@code containing (icmp echo request)}. */
    public VxlanMatcher inner(PacketMatcher matcher) {
        return new VxlanMatcher(vni, endpoints, Objects.requireNonNull(matcher, "matcher"));
    }

    @Override
    public boolean matches(Packet packet) {
        if (packet.vxlan().isEmpty() || packet.ip().isEmpty()) {
            return false;
        }
        return (vni == null || packet.vxlan().get().vni() == vni) && endpoints.matchesAddresses(packet.ip().get())
                && TunnelMatcher.innerMatches(inner, packet);
    }

    @Override
    public String description() {
        StringBuilder sb = new StringBuilder("vxlan");
        if (vni != null) {
            sb.append(" vni ").append(vni);
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
