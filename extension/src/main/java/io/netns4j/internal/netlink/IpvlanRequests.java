package io.netns4j.internal.netlink;

/**
 * Encoders of the {@code RTM_NEWLINK} requests that create ipvlan and ipvtap devices. Byte for byte what iproute2
 * sends: {@code IFLA_NET_NS_FD} (when given), {@code IFLA_LINK}, {@code IFLA_IFNAME}, then {@code IFLA_LINKINFO} with
 * the kind (without its NUL) and {@code IFLA_INFO_DATA} holding {@code IFLA_IPVLAN_MODE} and {@code IFLA_IPVLAN_FLAGS}
 * as 16-bit values.
 */
public final class IpvlanRequests {

    private static final int CREATE = Nl.NLM_F_ACK | Nl.NLM_F_CREATE | Nl.NLM_F_EXCL;

    /** {@code IFLA_IPVLAN_*} of {@code linux/if_link.h}. */
    public static final int IFLA_IPVLAN_MODE = 1;
    public static final int IFLA_IPVLAN_FLAGS = 2;

    /** {@code IPVLAN_MODE_*} of {@code linux/if_link.h}. */
    public static final int IPVLAN_MODE_L2 = 0;
    public static final int IPVLAN_MODE_L3 = 1;
    public static final int IPVLAN_MODE_L3S = 2;

    /** {@code IPVLAN_F_*} of {@code linux/if_link.h}; neither of them is {@code bridge}. */
    public static final int IPVLAN_F_BRIDGE = 0;
    public static final int IPVLAN_F_PRIVATE = 0x01;
    public static final int IPVLAN_F_VEPA = 0x02;

    private IpvlanRequests() {
    }

    /**
     * An ipvlan device on a parent of the namespace the request is sent in, staying there. Equivalent to:
     * {@code ip link add NAME link PARENT type ipvlan mode l2|l3|l3s bridge|private|vepa}.
     *
     * @param mode
     *            {@link #IPVLAN_MODE_L2}, {@link #IPVLAN_MODE_L3} or {@link #IPVLAN_MODE_L3S}
     * @param flags
     *            {@link #IPVLAN_F_BRIDGE}, {@link #IPVLAN_F_PRIVATE} or {@link #IPVLAN_F_VEPA}
     */
    public static MessageWriter newIpvlan(String name, int parentIndex, String parentName, int mode, int flags) {
        return newIpvlan(name, parentIndex, parentName, mode, flags, -1);
    }

    /**
     * An ipvlan device on a parent of the namespace the request is sent in, created straight into the namespace of
     * {@code namespaceFd} (or staying, for -1). Equivalent to:
     * {@code ip link add NAME link PARENT netns NS type ipvlan mode l2|l3|l3s bridge|private|vepa}.
     */
    public static MessageWriter newIpvlan(String name, int parentIndex, String parentName, int mode, int flags,
            int namespaceFd) {
        return newLink("ipvlan", name, parentIndex, parentName, mode, flags, namespaceFd);
    }

    /**
     * An ipvtap device: an ipvlan whose traffic a program reads and writes through the character device
     * {@code /dev/tapIFINDEX}. Equivalent to:
     * {@code ip link add NAME link PARENT [netns NS] type ipvtap mode l2|l3|l3s bridge|private|vepa}.
     *
     * @param namespaceFd
     *            the target namespace's descriptor, or -1 to stay in the namespace the request is sent in
     */
    public static MessageWriter newIpvtap(String name, int parentIndex, String parentName, int mode, int flags,
            int namespaceFd) {
        return newLink("ipvtap", name, parentIndex, parentName, mode, flags, namespaceFd);
    }

    private static MessageWriter newLink(String kind, String name, int parentIndex, String parentName, int mode,
            int flags, int namespaceFd) {
        MessageWriter w = new MessageWriter(Nl.RTM_NEWLINK, CREATE,
                "ip link add " + name + " link " + parentName
                        + (namespaceFd >= 0 ? " netns <fd " + namespaceFd + ">" : "") + " type " + kind + " mode "
                        + modeName(mode) + " " + flagName(flags)).ifinfomsg(Nl.AF_UNSPEC, 0, 0, 0, 0);
        if (namespaceFd >= 0) {
            w.attrU32(Nl.IFLA_NET_NS_FD, namespaceFd);
        }
        w.attrU32(Nl.IFLA_LINK, parentIndex).attrString(Nl.IFLA_IFNAME, name);
        int linkinfo = w.beginNested(Nl.IFLA_LINKINFO);
        w.attrStringNoNul(Nl.IFLA_INFO_KIND, kind);
        int data = w.beginNested(Nl.IFLA_INFO_DATA);
        w.attr(IFLA_IPVLAN_MODE, u16(mode));
        w.attr(IFLA_IPVLAN_FLAGS, u16(flags));
        w.endNested(data);
        w.endNested(linkinfo);
        return w;
    }

    private static byte[] u16(int value) {
        return new byte[] { (byte) value, (byte) (value >>> 8) };
    }

    /** {@code 0} → {@code "l2"}, as iproute2 spells the mode. */
    static String modeName(int mode) {
        return switch (mode) {
        case IPVLAN_MODE_L2 -> "l2";
        case IPVLAN_MODE_L3 -> "l3";
        case IPVLAN_MODE_L3S -> "l3s";
        default -> "<mode " + mode + ">";
        };
    }

    /** {@code 0} → {@code "bridge"}, as iproute2 spells the flags. */
    static String flagName(int flags) {
        return switch (flags) {
        case IPVLAN_F_BRIDGE -> "bridge";
        case IPVLAN_F_PRIVATE -> "private";
        case IPVLAN_F_VEPA -> "vepa";
        default -> "<flags " + flags + ">";
        };
    }
}
