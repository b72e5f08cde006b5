package io.netns4j.internal.netlink;

/**
 * Encoders of the {@code RTM_NEWLINK} requests that create 802.1Q/802.1ad VLAN devices. Byte for byte what iproute2
 * sends: {@code IFLA_NET_NS_FD} (when given), {@code IFLA_LINK}, {@code IFLA_IFNAME}, then {@code IFLA_LINKINFO} with
 * the kind {@code "vlan"} (without its NUL) and {@code IFLA_INFO_DATA} holding {@code IFLA_VLAN_PROTOCOL} (16 bits, in
 * network byte order) and {@code IFLA_VLAN_ID} (16 bits, host order), in the order of the command line.
 */
public final class VlanRequests {

    private static final int CREATE = Nl.NLM_F_ACK | Nl.NLM_F_CREATE | Nl.NLM_F_EXCL;

    /** {@code IFLA_VLAN_*} of {@code linux/if_link.h}. */
    public static final int IFLA_VLAN_ID = 1;
    public static final int IFLA_VLAN_PROTOCOL = 5;

    /** The tag protocol identifiers ({@code ETH_P_8021Q}, {@code ETH_P_8021AD} of {@code linux/if_ether.h}). */
    public static final int ETH_P_8021Q = 0x8100;
    public static final int ETH_P_8021AD = 0x88A8;

    private VlanRequests() {
    }

    /**
     * A VLAN device on a parent of the namespace the request is sent in, created straight into the namespace of
     * {@code namespaceFd} (or staying, for -1). Equivalent to:
     * {@code ip link add link PARENT name NAME [netns NS] type vlan protocol 802.1Q|802.1ad id ID}.
     *
     * @param protocol
     *            {@link #ETH_P_8021Q} or {@link #ETH_P_8021AD}
     * @param id
     *            the VLAN id
     * @param namespaceFd
     *            the target namespace's descriptor, or -1 to stay in the namespace the request is sent in
     */
    public static MessageWriter newVlan(String name, int parentIndex, String parentName, int protocol, int id,
            int namespaceFd) {
        MessageWriter w = new MessageWriter(Nl.RTM_NEWLINK, CREATE,
                "ip link add link " + parentName + " name " + name
                        + (namespaceFd >= 0 ? " netns <fd " + namespaceFd + ">" : "") + " type vlan protocol "
                        + protocolName(protocol) + " id " + id).ifinfomsg(Nl.AF_UNSPEC, 0, 0, 0, 0);
        if (namespaceFd >= 0) {
            w.attrU32(Nl.IFLA_NET_NS_FD, namespaceFd);
        }
        w.attrU32(Nl.IFLA_LINK, parentIndex).attrString(Nl.IFLA_IFNAME, name);
        int linkinfo = w.beginNested(Nl.IFLA_LINKINFO);
        w.attrStringNoNul(Nl.IFLA_INFO_KIND, "vlan");
        int data = w.beginNested(Nl.IFLA_INFO_DATA);
        w.attr(IFLA_VLAN_PROTOCOL, new byte[] { (byte) (protocol >>> 8), (byte) protocol });
        w.attr(IFLA_VLAN_ID, new byte[] { (byte) id, (byte) (id >>> 8) });
        w.endNested(data);
        w.endNested(linkinfo);
        return w;
    }

    /** {@code 0x8100} → {@code "802.1Q"}, as iproute2 spells the protocol. */
    static String protocolName(int protocol) {
        return switch (protocol) {
        case ETH_P_8021Q -> "802.1Q";
        case ETH_P_8021AD -> "802.1ad";
        default -> String.format("0x%04x", protocol);
        };
    }
}
