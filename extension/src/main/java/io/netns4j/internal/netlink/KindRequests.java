package io.netns4j.internal.netlink;

/**
 * Encoders of {@code RTM_NEWLINK} requests for link kinds beyond veth and bridge, and the probe that tells whether the
 * running kernel has a kind at all.
 */
public final class KindRequests {

    private static final int CREATE = Nl.NLM_F_ACK | Nl.NLM_F_CREATE | Nl.NLM_F_EXCL;

    /** {@code IFLA_IPVLAN_MODE} and {@code IFLA_IPVLAN_FLAGS} of {@code linux/if_link.h}. */
    public static final int IFLA_IPVLAN_MODE = 1;
    public static final int IFLA_IPVLAN_FLAGS = 2;

    private KindRequests() {
    }

    /**
     * A link of {@code kind} with no attributes but its name. Equivalent to: {@code ip link add NAME type KIND}. A
     * kernel without the kind answers {@code EOPNOTSUPP} ("Unknown device type") before looking at anything else, which
     * makes this the probe for a kind.
     */
    public static MessageWriter newLink(String name, String kind) {
        MessageWriter w = new MessageWriter(Nl.RTM_NEWLINK, CREATE, "ip link add " + name + " type " + kind)
                .ifinfomsg(Nl.AF_UNSPEC, 0, 0, 0, 0).attrString(Nl.IFLA_IFNAME, name);
        int linkinfo = w.beginNested(Nl.IFLA_LINKINFO);
        w.attrStringNoNul(Nl.IFLA_INFO_KIND, kind);
        w.endNested(linkinfo);
        return w;
    }

    /** A dummy device. Equivalent to: {@code ip link add NAME type dummy}. */
    public static MessageWriter newDummy(String name) {
        return newLink(name, "dummy");
    }

    /**
     * An ipvlan device on a parent of the same namespace. Equivalent to:
     * {@code ip link add NAME link PARENT type ipvlan mode l2|l3|l3s [bridge|private|vepa]}.
     *
     * @param mode
     *            0 = l2, 1 = l3, 2 = l3s ({@code IPVLAN_MODE_*})
     * @param flags
     *            0 = bridge, 1 = private, 2 = vepa ({@code IPVLAN_F_*})
     */
    public static MessageWriter newIpvlan(String name, int parentIndex, String parentName, int mode, int flags) {
        MessageWriter w = new MessageWriter(Nl.RTM_NEWLINK, CREATE,
                "ip link add " + name + " link " + parentName + " type ipvlan mode " + ipvlanMode(mode))
                        .ifinfomsg(Nl.AF_UNSPEC, 0, 0, 0, 0).attrU32(Nl.IFLA_LINK, parentIndex)
                        .attrString(Nl.IFLA_IFNAME, name);
        int linkinfo = w.beginNested(Nl.IFLA_LINKINFO);
        w.attrStringNoNul(Nl.IFLA_INFO_KIND, "ipvlan");
        int data = w.beginNested(Nl.IFLA_INFO_DATA);
        w.attr(IFLA_IPVLAN_MODE, new byte[] { (byte) mode, 0 });
        w.attr(IFLA_IPVLAN_FLAGS, new byte[] { (byte) flags, 0 });
        w.endNested(data);
        w.endNested(linkinfo);
        return w;
    }

    private static String ipvlanMode(int mode) {
        return switch (mode) {
        case 0 -> "l2";
        case 1 -> "l3";
        case 2 -> "l3s";
        default -> String.valueOf(mode);
        };
    }
}
