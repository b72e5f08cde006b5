package io.netns4j.internal.netlink;

/**
 * A decoded {@code RTM_NEWLINK} message: what {@code ip link show} prints of one link.
 *
 * @param kind
 *            the {@code IFLA_INFO_KIND} ("veth", "bridge", ...), empty for kind-less devices like {@code lo}
 * @param master
 *            the index of the master device (a bridge), 0 if none
 * @param deviceType
 *            the {@code ARPHRD_*} hardware type of {@code ifi_type}: 1 for Ethernet, 772 for loopback, 65534 for a TUN
 *            device...
 * @param counters
 *            the packet and byte counters of {@code IFLA_STATS64}, null if the kernel sent none
 */
public record LinkMessage(int index, String name, int flags, int mtu, int operstate, int master, String kind,
        byte[] address, int deviceType, Counters counters) {

    /**
     * The first four fields of {@code struct rtnl_link_stats64}: what {@code ip -s link} prints as RX and TX packets
     * and bytes.
     */
    public record Counters(long rxPackets, long txPackets, long rxBytes, long txBytes) {

        static Counters decode(java.nio.ByteBuffer b) {
            if (b == null || b.remaining() < 32) {
                return null;
            }
            int p = b.position();
            return new Counters(b.getLong(p), b.getLong(p + 8), b.getLong(p + 16), b.getLong(p + 24));
        }

        /** {@code rx 3 pkt 294 B, tx 3 pkt 294 B}. */
        @Override
        public String toString() {
            return "rx " + Long.toUnsignedString(rxPackets) + " pkt " + Long.toUnsignedString(rxBytes) + " B, tx "
                    + Long.toUnsignedString(txPackets) + " pkt " + Long.toUnsignedString(txBytes) + " B";
        }
    }

    public static LinkMessage decode(Message m) {
        var b = m.headers(16);
        int index = b.getInt(Nl.NLMSG_HDRLEN + 4);
        int flags = b.getInt(Nl.NLMSG_HDRLEN + 8);
        Attributes a = m.attributes(16);
        String kind = a.nested(Nl.IFLA_LINKINFO).string(Nl.IFLA_INFO_KIND);
        return new LinkMessage(index, a.string(Nl.IFLA_IFNAME), flags, a.u32(Nl.IFLA_MTU, 0),
                a.u8(Nl.IFLA_OPERSTATE, Nl.IF_OPER_UNKNOWN), a.u32(Nl.IFLA_MASTER, 0), kind == null ? "" : kind,
                a.bytes(Nl.IFLA_ADDRESS), Short.toUnsignedInt(b.getShort(Nl.NLMSG_HDRLEN + 2)),
                a.has(Nl.IFLA_STATS64) ? Counters.decode(a.get(Nl.IFLA_STATS64)) : null);
    }

    public boolean isUp() {
        return (flags & Nl.IFF_UP) != 0;
    }

    public boolean isLowerUp() {
        return (flags & Nl.IFF_LOWER_UP) != 0;
    }
}
