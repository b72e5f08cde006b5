package io.netns4j.packet;

/**
 * Matches frames by their Ethernet header. Built by {@link Matchers#ethernet()}; each method returns a new matcher with
 * one more condition (setting the same condition again replaces it). Cooked ({@code LINUX_SLL}) and raw IP frames have
 * no Ethernet header and never match.
 * <p>
 * Description, e.g.: {@code ethernet from 02:00:00:00:00:01 to ff:ff:ff:ff:ff:ff type 0x0806}.
 */
public final class EthernetMatcher implements PacketMatcher {

    private final String src;
    private final String dst;
    private final Integer etherType;

    EthernetMatcher() {
        this(null, null, null);
    }

    private EthernetMatcher(String src, String dst, Integer etherType) {
        this.src = src;
        this.dst = dst;
        this.etherType = etherType;
    }

    /** From a MAC address ({@code 02:00:00:00:00:01}, any case, {@code :} or {@code -}): {@code from 02:...}. */
    public EthernetMatcher src(String mac) {
        return new EthernetMatcher(Addresses.parseMac(mac), dst, etherType);
    }

    /** To a MAC address: {@code to ff:ff:ff:ff:ff:ff}. */
    public EthernetMatcher dst(String mac) {
        return new EthernetMatcher(src, Addresses.parseMac(mac), etherType);
    }

    /**
     * The EtherType, either the frame's own or, for a VLAN-tagged frame, the one after the tags (so {@code 0x0806}
     * matches a tagged ARP frame, and {@code 0x8100} any 802.1Q-tagged one): {@code type 0x0806}.
     */
    public EthernetMatcher etherType(int etherType) {
        if (etherType < 0 || etherType > 0xffff) {
            throw new IllegalArgumentException("etherType must be 0..0xffff: " + etherType);
        }
        return new EthernetMatcher(src, dst, etherType);
    }

    @Override
    public boolean matches(Packet packet) {
        if (packet.ethernet().isEmpty()) {
            return false;
        }
        Ethernet e = packet.ethernet().get();
        if (src != null && !src.equals(e.src()) || dst != null && !dst.equals(e.dst())) {
            return false;
        }
        if (etherType == null || e.etherType() == etherType) {
            return true;
        }
        var tags = packet.vlanTags();
        return !tags.isEmpty() && tags.get(tags.size() - 1).etherType() == etherType;
    }

    @Override
    public String description() {
        StringBuilder sb = new StringBuilder("ethernet");
        if (src != null) {
            sb.append(" from ").append(src);
        }
        if (dst != null) {
            sb.append(" to ").append(dst);
        }
        if (etherType != null) {
            sb.append(String.format(" type 0x%04x", etherType));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return description();
    }
}
