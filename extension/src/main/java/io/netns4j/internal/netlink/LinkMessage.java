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
 */
public record LinkMessage(int index, String name, int flags, int mtu, int operstate, int master, String kind,
        byte[] address, int deviceType) {

    public static LinkMessage decode(Message m) {
        var b = m.headers(16);
        int index = b.getInt(Nl.NLMSG_HDRLEN + 4);
        int flags = b.getInt(Nl.NLMSG_HDRLEN + 8);
        Attributes a = m.attributes(16);
        String kind = a.nested(Nl.IFLA_LINKINFO).string(Nl.IFLA_INFO_KIND);
        return new LinkMessage(index, a.string(Nl.IFLA_IFNAME), flags, a.u32(Nl.IFLA_MTU, 0),
                a.u8(Nl.IFLA_OPERSTATE, Nl.IF_OPER_UNKNOWN), a.u32(Nl.IFLA_MASTER, 0), kind == null ? "" : kind,
                a.bytes(Nl.IFLA_ADDRESS), Short.toUnsignedInt(b.getShort(Nl.NLMSG_HDRLEN + 2)));
    }

    public boolean isUp() {
        return (flags & Nl.IFF_UP) != 0;
    }

    public boolean isLowerUp() {
        return (flags & Nl.IFF_LOWER_UP) != 0;
    }
}
