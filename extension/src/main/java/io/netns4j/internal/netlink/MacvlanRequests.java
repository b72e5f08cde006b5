package io.netns4j.internal.netlink;

import java.util.List;

/**
 * Encoders of the {@code RTM_NEWLINK} requests that create macvlan and macvtap devices, and of the request that sets a
 * bridge port's hairpin mode (the "external switch" that VEPA siblings need). Constants as {@code linux/if_link.h}
 * defines them.
 */
public final class MacvlanRequests {

    private static final int CREATE = Nl.NLM_F_ACK | Nl.NLM_F_CREATE | Nl.NLM_F_EXCL;

    public static final int IFLA_MACVLAN_MODE = 1;
    public static final int IFLA_MACVLAN_FLAGS = 2;
    public static final int IFLA_MACVLAN_MACADDR_MODE = 3;
    public static final int IFLA_MACVLAN_MACADDR = 4;
    public static final int IFLA_MACVLAN_MACADDR_DATA = 5;

    public static final int MACVLAN_MODE_PRIVATE = 1;
    public static final int MACVLAN_MODE_VEPA = 2;
    public static final int MACVLAN_MODE_BRIDGE = 4;
    public static final int MACVLAN_MODE_PASSTHRU = 8;
    public static final int MACVLAN_MODE_SOURCE = 16;

    public static final int MACVLAN_MACADDR_ADD = 0;
    public static final int MACVLAN_MACADDR_DEL = 1;
    public static final int MACVLAN_MACADDR_FLUSH = 2;
    public static final int MACVLAN_MACADDR_SET = 3;

    /** {@code IFLA_PROTINFO}: per-family link information, for {@code AF_BRIDGE} a port's settings. */
    public static final int IFLA_PROTINFO = 12;
    /** {@code IFLA_BRPORT_MODE} of {@code linux/if_link.h}: the port's hairpin mode, a u8. */
    public static final int IFLA_BRPORT_MODE = 4;

    private MacvlanRequests() {
    }

    /**
     * A macvlan or macvtap device on a parent of the namespace the request is sent in, created straight into the
     * namespace of {@code namespaceFd} (or next to its parent when it is -1).
     *
     * <p>
     * Equivalent to: {@code ip link add link PARENT name NAME [address MAC] [netns NS] type macvlan|macvtap mode MODE
     * [macaddr set MAC...]}, byte for byte: iproute2 writes {@code IFLA_ADDRESS} and {@code IFLA_NET_NS_FD} where they
     * stand on the command line, then {@code IFLA_LINK} and {@code IFLA_IFNAME}, then the link info; in it, the
     * {@code macaddr set} list before {@code IFLA_MACVLAN_MODE}.
     *
     * @param kind
     *            {@code "macvlan"} or {@code "macvtap"}
     * @param mac
     *            the device's MAC address, or null for a random one
     * @param namespaceFd
     *            the descriptor of the device's namespace, or -1 for the parent's
     * @param mode
     *            one of the {@code MACVLAN_MODE_*}
     * @param sourceMacs
     *            the senders a {@link #MACVLAN_MODE_SOURCE} device receives from ({@code macaddr set}); empty for none
     */
    public static MessageWriter newMacvlan(String kind, String name, int parentIndex, String parentName, byte[] mac,
            int namespaceFd, int mode, List<byte[]> sourceMacs) {
        MessageWriter w = new MessageWriter(Nl.RTM_NEWLINK, CREATE,
                "ip link add link " + parentName + " name " + name + (mac == null ? "" : " address " + Macs.format(mac))
                        + (namespaceFd < 0 ? "" : " netns <fd " + namespaceFd + ">") + " type " + kind + " mode "
                        + modeName(mode)
                        + (sourceMacs.isEmpty() ? ""
                                : " macaddr set " + String.join(" ", sourceMacs.stream().map(Macs::format).toList())))
                                        .ifinfomsg(Nl.AF_UNSPEC, 0, 0, 0, 0);
        if (mac != null) {
            w.attr(Nl.IFLA_ADDRESS, mac);
        }
        if (namespaceFd >= 0) {
            w.attrU32(Nl.IFLA_NET_NS_FD, namespaceFd);
        }
        w.attrU32(Nl.IFLA_LINK, parentIndex);
        w.attrString(Nl.IFLA_IFNAME, name);
        int linkinfo = w.beginNested(Nl.IFLA_LINKINFO);
        w.attrStringNoNul(Nl.IFLA_INFO_KIND, kind);
        int data = w.beginNested(Nl.IFLA_INFO_DATA);
        if (!sourceMacs.isEmpty()) {
            w.attrU32(IFLA_MACVLAN_MACADDR_MODE, MACVLAN_MACADDR_SET);
            int list = w.beginNested(IFLA_MACVLAN_MACADDR_DATA);
            for (byte[] m : sourceMacs) {
                w.attr(IFLA_MACVLAN_MACADDR, m);
            }
            w.endNested(list);
        }
        w.attrU32(IFLA_MACVLAN_MODE, mode);
        w.endNested(data);
        w.endNested(linkinfo);
        return w;
    }

    /**
     * Turns a bridge port's hairpin mode on or off: with it on, the bridge may send a frame back out of the port it
     * came in on, as a switch does for VEPA. Equivalent to: {@code bridge link set dev NAME hairpin on|off}, byte for
     * byte ({@code RTM_SETLINK} of family {@code AF_BRIDGE}, {@code IFLA_PROTINFO} with {@code NLA_F_NESTED}), sent in
     * the bridge's namespace.
     */
    public static MessageWriter setHairpin(int portIndex, String portName, boolean on) {
        MessageWriter w = new MessageWriter(Nl.RTM_SETLINK, Nl.NLM_F_ACK,
                "bridge link set dev " + portName + " hairpin " + (on ? "on" : "off")).ifinfomsg(Nl.AF_BRIDGE, 0,
                        portIndex, 0, 0);
        int protinfo = w.beginNested(IFLA_PROTINFO | Nl.NLA_F_NESTED);
        w.attrU8(IFLA_BRPORT_MODE, on ? 1 : 0);
        w.endNested(protinfo);
        return w;
    }

    /** {@code 4} → {@code "bridge"}, as {@code ip} names the mode. */
    public static String modeName(int mode) {
        return switch (mode) {
        case MACVLAN_MODE_PRIVATE -> "private";
        case MACVLAN_MODE_VEPA -> "vepa";
        case MACVLAN_MODE_BRIDGE -> "bridge";
        case MACVLAN_MODE_PASSTHRU -> "passthru";
        case MACVLAN_MODE_SOURCE -> "source";
        default -> String.valueOf(mode);
        };
    }
}
