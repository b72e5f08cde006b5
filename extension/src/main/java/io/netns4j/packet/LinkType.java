package io.netns4j.packet;

import java.util.Optional;

/**
 * What a captured frame starts with: the pcap {@code LINKTYPE_*} of a capture file or of a packet socket's interface.
 *
 * @see <a href="https://www.tcpdump.org/linktypes.html">tcpdump.org: link-layer header types</a>
 */
public enum LinkType {

    /** {@code LINKTYPE_ETHERNET}: an Ethernet II header (veth, bridge, tap, macvlan, vxlan, and {@code lo}). */
    ETHERNET(1),

    /** {@code LINKTYPE_RAW}: the frame starts with the IPv4 or IPv6 header (tun, ipip, sit, gre). */
    RAW_IP(101),

    /** {@code LINKTYPE_LINUX_SLL}: Linux "cooked" v1, the 16-byte header {@code tcpdump -i any} used to write. */
    LINUX_SLL(113),

    /** {@code LINKTYPE_LINUX_SLL2}: Linux "cooked" v2, the 20-byte header {@code tcpdump -i any} writes today. */
    LINUX_SLL2(276);

    private final int value;

    LinkType(int value) {
        this.value = value;
    }

    /** The {@code LINKTYPE_*} value, as in a pcap file header. */
    public int value() {
        return value;
    }

    /**
     * The link type of a pcap header's {@code network} field. {@code DLT_RAW}'s platform-dependent values 12 and 14,
     * which some old files carry instead of 101, are read as {@link #RAW_IP}.
     *
     * @return empty for a link type this library does not decode
     */
    public static Optional<LinkType> fromValue(int value) {
        if (value == 12 || value == 14) {
            return Optional.of(RAW_IP);
        }
        for (LinkType t : values()) {
            if (t.value == value) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
