package io.netns4j.internal.netlink;

import java.net.InetAddress;

/**
 * Encoders of {@code RTM_NEWLINK} requests for the IPv4 tunnels: ipip and sit ({@code IFLA_IPTUN_*}), gre and gretap
 * ({@code IFLA_GRE_*}), byte for byte as iproute2 6.1 writes them. iproute2 writes every attribute of the kind's data,
 * in a fixed order whatever the order of the command line, including those left at their defaults (fwmark 0, no
 * encapsulation), and {@code IFLA_IFNAME} before {@code IFLA_LINKINFO}; so do these.
 */
public final class IpTunnelRequests {

    private static final int CREATE = Nl.NLM_F_ACK | Nl.NLM_F_CREATE | Nl.NLM_F_EXCL;

    /** {@code IFLA_IPTUN_*} of {@code linux/if_tunnel.h}. */
    public static final int IFLA_IPTUN_LINK = 1;
    public static final int IFLA_IPTUN_LOCAL = 2;
    public static final int IFLA_IPTUN_REMOTE = 3;
    public static final int IFLA_IPTUN_TTL = 4;
    public static final int IFLA_IPTUN_TOS = 5;
    public static final int IFLA_IPTUN_FLAGS = 8;
    public static final int IFLA_IPTUN_PROTO = 9;
    public static final int IFLA_IPTUN_PMTUDISC = 10;
    public static final int IFLA_IPTUN_ENCAP_TYPE = 15;
    public static final int IFLA_IPTUN_ENCAP_FLAGS = 16;
    public static final int IFLA_IPTUN_ENCAP_SPORT = 17;
    public static final int IFLA_IPTUN_ENCAP_DPORT = 18;
    public static final int IFLA_IPTUN_FWMARK = 20;

    /** {@code IFLA_GRE_*} of {@code linux/if_tunnel.h}. */
    public static final int IFLA_GRE_LINK = 1;
    public static final int IFLA_GRE_IFLAGS = 2;
    public static final int IFLA_GRE_OFLAGS = 3;
    public static final int IFLA_GRE_IKEY = 4;
    public static final int IFLA_GRE_OKEY = 5;
    public static final int IFLA_GRE_LOCAL = 6;
    public static final int IFLA_GRE_REMOTE = 7;
    public static final int IFLA_GRE_TTL = 8;
    public static final int IFLA_GRE_TOS = 9;
    public static final int IFLA_GRE_PMTUDISC = 10;
    public static final int IFLA_GRE_ENCAP_TYPE = 14;
    public static final int IFLA_GRE_ENCAP_FLAGS = 15;
    public static final int IFLA_GRE_ENCAP_SPORT = 16;
    public static final int IFLA_GRE_ENCAP_DPORT = 17;
    public static final int IFLA_GRE_FWMARK = 20;

    /** {@code GRE_KEY} of {@code linux/if_tunnel.h}: the key-present bit of the GRE flags, in network order. */
    public static final int GRE_KEY = 0x2000;

    private IpTunnelRequests() {
    }

    /**
     * An ipip tunnel. Equivalent to:
     * {@code ip link add NAME type ipip local LOCAL remote REMOTE [ttl T] [tos X] [nopmtudisc] [dev DEV]}.
     *
     * @param ttl
     *            0 to inherit the inner packet's
     * @param tos
     *            1 to inherit the inner packet's
     * @param linkIndex
     *            the underlay device's index, 0 for none
     * @param linkName
     *            its name, for the description
     */
    public static MessageWriter newIpip(String name, InetAddress local, InetAddress remote, int ttl, int tos,
            boolean pmtudisc, int linkIndex, String linkName) {
        return newIpTunnel("ipip", name, local, remote, ttl, tos, pmtudisc, linkIndex, linkName);
    }

    /**
     * A sit tunnel. Equivalent to:
     * {@code ip link add NAME type sit local LOCAL remote REMOTE [ttl T] [tos X] [nopmtudisc] [dev DEV]}; the same
     * attributes as ipip, and {@code IFLA_IPTUN_FLAGS} 0 after them.
     */
    public static MessageWriter newSit(String name, InetAddress local, InetAddress remote, int ttl, int tos,
            boolean pmtudisc, int linkIndex, String linkName) {
        return newIpTunnel("sit", name, local, remote, ttl, tos, pmtudisc, linkIndex, linkName);
    }

    private static MessageWriter newIpTunnel(String kind, String name, InetAddress local, InetAddress remote, int ttl,
            int tos, boolean pmtudisc, int linkIndex, String linkName) {
        MessageWriter w = start(name, describe(kind, name, local, remote, ttl, tos, pmtudisc, "", linkName));
        int linkinfo = w.beginNested(Nl.IFLA_LINKINFO);
        w.attrStringNoNul(Nl.IFLA_INFO_KIND, kind);
        int data = w.beginNested(Nl.IFLA_INFO_DATA);
        w.attrU8(IFLA_IPTUN_PROTO, 0); // any: what iproute2 sends without "mode"
        w.attr(IFLA_IPTUN_LOCAL, local.getAddress());
        w.attr(IFLA_IPTUN_REMOTE, remote.getAddress());
        w.attrU8(IFLA_IPTUN_PMTUDISC, pmtudisc ? 1 : 0);
        w.attrU8(IFLA_IPTUN_TOS, tos);
        w.attrU8(IFLA_IPTUN_TTL, ttl);
        w.attrU32(IFLA_IPTUN_LINK, linkIndex);
        w.attrU32(IFLA_IPTUN_FWMARK, 0);
        w.attr(IFLA_IPTUN_ENCAP_TYPE, u16(0));
        w.attr(IFLA_IPTUN_ENCAP_FLAGS, u16(0));
        w.attr(IFLA_IPTUN_ENCAP_SPORT, u16(0));
        w.attr(IFLA_IPTUN_ENCAP_DPORT, u16(0));
        if (kind.equals("sit")) {
            w.attr(IFLA_IPTUN_FLAGS, u16(0));
        }
        w.endNested(data);
        w.endNested(linkinfo);
        return w;
    }

    /**
     * A gre tunnel, or with {@code tap} a gretap device. Equivalent to: {@code ip link add NAME type gre|gretap local
     * LOCAL remote REMOTE [ttl T] [tos X] [nopmtudisc] [key K | ikey I okey O] [dev DEV]}.
     *
     * @param ikey
     *            the key expected on received packets, -1 for none
     * @param okey
     *            the key put on sent packets, -1 for none
     */
    public static MessageWriter newGre(String name, boolean tap, InetAddress local, InetAddress remote, int ttl,
            int tos, boolean pmtudisc, long ikey, long okey, int linkIndex, String linkName) {
        String kind = tap ? "gretap" : "gre";
        String keys = ikey >= 0 && ikey == okey ? " key " + ikey
                : (ikey >= 0 ? " ikey " + ikey : "") + (okey >= 0 ? " okey " + okey : "");
        MessageWriter w = start(name, describe(kind, name, local, remote, ttl, tos, pmtudisc, keys, linkName));
        int linkinfo = w.beginNested(Nl.IFLA_LINKINFO);
        w.attrStringNoNul(Nl.IFLA_INFO_KIND, kind);
        int data = w.beginNested(Nl.IFLA_INFO_DATA);
        w.attr(IFLA_GRE_IKEY, be32(Math.max(ikey, 0)));
        w.attr(IFLA_GRE_OKEY, be32(Math.max(okey, 0)));
        w.attr(IFLA_GRE_IFLAGS, be16(ikey >= 0 ? GRE_KEY : 0));
        w.attr(IFLA_GRE_OFLAGS, be16(okey >= 0 ? GRE_KEY : 0));
        w.attr(IFLA_GRE_LOCAL, local.getAddress());
        w.attr(IFLA_GRE_REMOTE, remote.getAddress());
        w.attrU8(IFLA_GRE_PMTUDISC, pmtudisc ? 1 : 0);
        w.attrU8(IFLA_GRE_TOS, tos);
        if (linkIndex > 0) {
            w.attrU32(IFLA_GRE_LINK, linkIndex);
        }
        w.attrU8(IFLA_GRE_TTL, ttl);
        w.attrU32(IFLA_GRE_FWMARK, 0);
        w.attr(IFLA_GRE_ENCAP_TYPE, u16(0));
        w.attr(IFLA_GRE_ENCAP_FLAGS, u16(0));
        w.attr(IFLA_GRE_ENCAP_SPORT, u16(0));
        w.attr(IFLA_GRE_ENCAP_DPORT, u16(0));
        w.endNested(data);
        w.endNested(linkinfo);
        return w;
    }

    private static MessageWriter start(String name, String description) {
        return new MessageWriter(Nl.RTM_NEWLINK, CREATE, description).ifinfomsg(Nl.AF_UNSPEC, 0, 0, 0, 0)
                .attrString(Nl.IFLA_IFNAME, name);
    }

    private static String describe(String kind, String name, InetAddress local, InetAddress remote, int ttl, int tos,
            boolean pmtudisc, String keys, String linkName) {
        return "ip link add " + name + " type " + kind + " local " + Addresses.format(local) + " remote "
                + Addresses.format(remote) + (ttl != 0 ? " ttl " + ttl : "")
                + (tos != 0 ? " tos 0x" + Integer.toHexString(tos) : "") + (pmtudisc ? "" : " nopmtudisc") + keys
                + (linkName == null || linkName.isEmpty() ? "" : " dev " + linkName);
    }

    /** A 16-bit attribute payload in host (little-endian) order. */
    static byte[] u16(int value) {
        return new byte[] { (byte) value, (byte) (value >> 8) };
    }

    /** A 16-bit attribute payload in network order. */
    static byte[] be16(int value) {
        return new byte[] { (byte) (value >> 8), (byte) value };
    }

    /** A 32-bit attribute payload in network order. */
    static byte[] be32(long value) {
        return new byte[] { (byte) (value >> 24), (byte) (value >> 16), (byte) (value >> 8), (byte) value };
    }
}
