package io.netns4j.internal.netlink;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * Encoders of {@code RTM_NEWLINK} requests for vxlan devices ({@code IFLA_VXLAN_*} of {@code linux/if_link.h}), byte
 * for byte as iproute2 6.1 writes them: {@code IFLA_VXLAN_LINK}, {@code _TTL} and {@code _TOS} first (iproute2 writes
 * them as it parses {@code dev}, {@code ttl}, {@code tos}, which the description lists in that order), then the id, the
 * local address, the remote or group, learning on (iproute2's default, always sent at creation) and the port.
 */
public final class VxlanRequests {

    private static final int CREATE = Nl.NLM_F_ACK | Nl.NLM_F_CREATE | Nl.NLM_F_EXCL;

    /** {@code IFLA_VXLAN_*} of {@code linux/if_link.h}. */
    public static final int IFLA_VXLAN_ID = 1;
    public static final int IFLA_VXLAN_GROUP = 2;
    public static final int IFLA_VXLAN_LINK = 3;
    public static final int IFLA_VXLAN_LOCAL = 4;
    public static final int IFLA_VXLAN_TTL = 5;
    public static final int IFLA_VXLAN_TOS = 6;
    public static final int IFLA_VXLAN_LEARNING = 7;
    public static final int IFLA_VXLAN_PORT = 15;
    public static final int IFLA_VXLAN_GROUP6 = 16;
    public static final int IFLA_VXLAN_LOCAL6 = 17;

    private VxlanRequests() {
    }

    /**
     * A vxlan device. Equivalent to: {@code ip link add NAME type vxlan id VNI [local LOCAL] (remote R | group G)
     * [dev DEV] [ttl T] [tos X] dstport PORT}.
     *
     * @param local
     *            the outer source address, or null
     * @param destination
     *            the remote, or with {@code group} the multicast group (both go in {@code IFLA_VXLAN_GROUP[6]})
     * @param linkIndex
     *            the underlay device's index, 0 for none
     * @param ttl
     *            0 for the kernel's default (not sent)
     * @param tos
     *            0 for the kernel's default (not sent)
     */
    public static MessageWriter newVxlan(String name, int vni, InetAddress local, InetAddress destination,
            boolean group, int linkIndex, String linkName, int ttl, int tos, int port) {
        MessageWriter w = new MessageWriter(Nl.RTM_NEWLINK, CREATE,
                "ip link add " + name + " type vxlan id " + vni
                        + (local == null ? "" : " local " + Addresses.format(local)) + (group ? " group " : " remote ")
                        + Addresses.format(destination) + (linkIndex > 0 ? " dev " + linkName : "")
                        + (ttl != 0 ? " ttl " + ttl : "") + (tos != 0 ? " tos 0x" + Integer.toHexString(tos) : "")
                        + " dstport " + port).ifinfomsg(Nl.AF_UNSPEC, 0, 0, 0, 0).attrString(Nl.IFLA_IFNAME, name);
        int linkinfo = w.beginNested(Nl.IFLA_LINKINFO);
        w.attrStringNoNul(Nl.IFLA_INFO_KIND, "vxlan");
        int data = w.beginNested(Nl.IFLA_INFO_DATA);
        if (linkIndex > 0) {
            w.attrU32(IFLA_VXLAN_LINK, linkIndex);
        }
        if (ttl != 0) {
            w.attrU8(IFLA_VXLAN_TTL, ttl);
        }
        if (tos != 0) {
            w.attrU8(IFLA_VXLAN_TOS, tos);
        }
        w.attrU32(IFLA_VXLAN_ID, vni);
        if (local != null) {
            w.attr(local instanceof Inet4Address ? IFLA_VXLAN_LOCAL : IFLA_VXLAN_LOCAL6, local.getAddress());
        }
        w.attr(destination instanceof Inet4Address ? IFLA_VXLAN_GROUP : IFLA_VXLAN_GROUP6, destination.getAddress());
        w.attrU8(IFLA_VXLAN_LEARNING, 1);
        w.attr(IFLA_VXLAN_PORT, IpTunnelRequests.be16(port));
        w.endNested(data);
        w.endNested(linkinfo);
        return w;
    }
}
