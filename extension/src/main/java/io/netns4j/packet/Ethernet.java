package io.netns4j.packet;

import java.util.Objects;

/**
 * An Ethernet II header.
 *
 * @param src
 *            the source MAC address, {@code 02:00:00:00:00:01}
 * @param dst
 *            the destination MAC address
 * @param etherType
 *            the type field as on the wire, e.g. {@code 0x0800}; {@code 0x8100} or {@code 0x88a8} for a VLAN-tagged
 *            frame, whose tags {@link Packet#vlanTags()} lists (the last tag's {@link VlanTag#etherType()} says what
 *            follows them); a value up to 1500 is an IEEE 802.3 length
 */
public record Ethernet(String src, String dst, int etherType) {

    /** Validates the addresses' presence. */
    public Ethernet {
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(dst, "dst");
    }
}
