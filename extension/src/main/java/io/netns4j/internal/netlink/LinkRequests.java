package io.netns4j.internal.netlink;

/**
 * Encoders of {@code RTM_*LINK} requests. Each method names the {@code ip} command it equals.
 */
public final class LinkRequests {

    private static final int CREATE = Nl.NLM_F_ACK | Nl.NLM_F_CREATE | Nl.NLM_F_EXCL;

    private LinkRequests() {
    }

    /**
     * A veth pair whose primary end is created in the namespace of the socket the request is sent on and whose peer is
     * created straight into the namespace of {@code peerNamespaceFd}.
     *
     * <p>
     * Equivalent to: {@code ip link add NAME [mtu M] [master B] [up] type veth peer name PEER [mtu M] [up] netns FD},
     * byte for byte: iproute2 writes the attributes in the order of the command line with {@code IFLA_IFNAME} last, and
     * the kind without its NUL.
     *
     * <p>
     * Note: Linux 6.18 refuses {@code IFF_UP} on the peer at creation with {@code ENOTCONN} (the peer is opened before
     * the pair is linked); bring the peer up afterwards there. The primary end may be brought up at creation.
     *
     * @param mtu
     *            0 for the kernel's default
     * @param up
     *            whether the primary end is brought administratively up at creation
     * @param peerUp
     *            whether the peer is too (refused by the kernel, see above)
     * @param masterIndex
     *            the primary end's master (a bridge) or 0
     */
    public static MessageWriter newVeth(String name, String peerName, int peerNamespaceFd, int mtu, boolean up,
            boolean peerUp, int masterIndex) {
        int flags = up ? Nl.IFF_UP : 0;
        int peerFlags = peerUp ? Nl.IFF_UP : 0;
        MessageWriter w = new MessageWriter(Nl.RTM_NEWLINK, CREATE,
                "ip link add " + name + " type veth peer name " + peerName + " netns <fd " + peerNamespaceFd + ">")
                        .ifinfomsg(Nl.AF_UNSPEC, 0, 0, flags, flags);
        if (mtu > 0) {
            w.attrU32(Nl.IFLA_MTU, mtu);
        }
        if (masterIndex > 0) {
            w.attrU32(Nl.IFLA_MASTER, masterIndex);
        }
        w.attrString(Nl.IFLA_IFNAME, name);
        int linkinfo = w.beginNested(Nl.IFLA_LINKINFO);
        w.attrStringNoNul(Nl.IFLA_INFO_KIND, "veth");
        int data = w.beginNested(Nl.IFLA_INFO_DATA);
        int peer = w.beginNested(Nl.VETH_INFO_PEER);
        w.ifinfomsg(Nl.AF_UNSPEC, 0, 0, peerFlags, peerFlags);
        if (mtu > 0) {
            w.attrU32(Nl.IFLA_MTU, mtu);
        }
        w.attrU32(Nl.IFLA_NET_NS_FD, peerNamespaceFd);
        w.attrString(Nl.IFLA_IFNAME, peerName);
        w.endNested(peer);
        w.endNested(data);
        w.endNested(linkinfo);
        return w;
    }

    /**
     * A bridge. Equivalent to: {@code ip link add NAME [up] type bridge}.
     */
    public static MessageWriter newBridge(String name, boolean up) {
        int flags = up ? Nl.IFF_UP : 0;
        MessageWriter w = new MessageWriter(Nl.RTM_NEWLINK, CREATE, "ip link add " + name + " type bridge")
                .ifinfomsg(Nl.AF_UNSPEC, 0, 0, flags, flags).attrString(Nl.IFLA_IFNAME, name);
        int linkinfo = w.beginNested(Nl.IFLA_LINKINFO);
        w.attrStringNoNul(Nl.IFLA_INFO_KIND, "bridge");
        w.endNested(linkinfo);
        return w;
    }

    /** Equivalent to: {@code ip link del dev NAME} (by index). */
    public static MessageWriter delete(int index, String name) {
        return new MessageWriter(Nl.RTM_DELLINK, Nl.NLM_F_ACK, "ip link del " + name).ifinfomsg(Nl.AF_UNSPEC, 0, index,
                0, 0);
    }

    /** Equivalent to: {@code ip link set dev NAME up} or {@code down}. */
    public static MessageWriter setUp(int index, String name, boolean up) {
        return new MessageWriter(Nl.RTM_NEWLINK, Nl.NLM_F_ACK, "ip link set " + name + (up ? " up" : " down"))
                .ifinfomsg(Nl.AF_UNSPEC, 0, index, up ? Nl.IFF_UP : 0, Nl.IFF_UP);
    }

    /** Equivalent to: {@code ip link set dev NAME mtu MTU}. */
    public static MessageWriter setMtu(int index, String name, int mtu) {
        return new MessageWriter(Nl.RTM_NEWLINK, Nl.NLM_F_ACK, "ip link set " + name + " mtu " + mtu)
                .ifinfomsg(Nl.AF_UNSPEC, 0, index, 0, 0).attrU32(Nl.IFLA_MTU, mtu);
    }

    /** Equivalent to: {@code ip link set dev NAME address MAC}. */
    public static MessageWriter setAddress(int index, String name, byte[] mac) {
        return new MessageWriter(Nl.RTM_NEWLINK, Nl.NLM_F_ACK, "ip link set " + name + " address " + Macs.format(mac))
                .ifinfomsg(Nl.AF_UNSPEC, 0, index, 0, 0).attr(Nl.IFLA_ADDRESS, mac);
    }

    /**
     * Renames a link. Equivalent to: {@code ip link set dev OLD name NEW}, byte for byte (the index in the header, the
     * new name as {@code IFLA_IFNAME}). The link must be down.
     */
    public static MessageWriter rename(int index, String oldName, String newName) {
        return new MessageWriter(Nl.RTM_NEWLINK, Nl.NLM_F_ACK, "ip link set dev " + oldName + " name " + newName)
                .ifinfomsg(Nl.AF_UNSPEC, 0, index, 0, 0).attrString(Nl.IFLA_IFNAME, newName);
    }

    /** Equivalent to: {@code ip link set dev NAME master MASTER} ({@code nomaster} for index 0). */
    public static MessageWriter setMaster(int index, String name, int masterIndex) {
        return new MessageWriter(Nl.RTM_NEWLINK, Nl.NLM_F_ACK,
                "ip link set " + name + (masterIndex == 0 ? " nomaster" : " master <index " + masterIndex + ">"))
                        .ifinfomsg(Nl.AF_UNSPEC, 0, index, 0, 0).attrU32(Nl.IFLA_MASTER, masterIndex);
    }

    /** The {@code IFLA_EXT_MASK} iproute2 puts in its one-link lookups: no statistics in the answer. */
    private static final int LOOKUP_MASK = Nl.RTEXT_FILTER_VF | Nl.RTEXT_FILTER_SKIP_STATS;

    /**
     * Equivalent to the lookup {@code ip link show dev NAME} makes: one {@code RTM_NEWLINK} answer, without statistics.
     * iproute2 sends it without {@code NLM_F_ACK}; this request asks for the ACK, so that every exchange ends with an
     * ACK or an error.
     */
    public static MessageWriter get(String name) {
        return new MessageWriter(Nl.RTM_GETLINK, Nl.NLM_F_ACK, "ip link show " + name)
                .ifinfomsg(Nl.AF_UNSPEC, 0, 0, 0, 0).attrU32(Nl.IFLA_EXT_MASK, LOOKUP_MASK)
                .attrString(Nl.IFLA_IFNAME, name);
    }

    /** The same lookup by index (as iproute2 makes to name a route's device), with {@code NLM_F_ACK}. */
    public static MessageWriter get(int index) {
        return new MessageWriter(Nl.RTM_GETLINK, Nl.NLM_F_ACK, "ip link show <index " + index + ">")
                .ifinfomsg(Nl.AF_UNSPEC, 0, index, 0, 0).attrU32(Nl.IFLA_EXT_MASK, LOOKUP_MASK);
    }

    /** Equivalent to the link dump {@code ip addr show} makes: every link. */
    public static MessageWriter dump() {
        return new MessageWriter(Nl.RTM_GETLINK, Nl.NLM_F_DUMP, "ip link show").ifinfomsg(Nl.AF_UNSPEC, 0, 0, 0, 0)
                .attrU32(Nl.IFLA_EXT_MASK, Nl.RTEXT_FILTER_VF);
    }
}
