package io.netns4j.internal.netlink;

/**
 * Constants of netlink and rtnetlink, as {@code linux/netlink.h}, {@code linux/rtnetlink.h}, {@code linux/if_link.h},
 * {@code linux/if_addr.h} and {@code linux/veth.h} define them.
 */
public final class Nl {

    private Nl() {
    }

    // linux/netlink.h
    public static final int NLMSG_HDRLEN = 16;
    public static final int NLMSG_NOOP = 1;
    public static final int NLMSG_ERROR = 2;
    public static final int NLMSG_DONE = 3;
    public static final int NLM_F_REQUEST = 0x01;
    public static final int NLM_F_MULTI = 0x02;
    public static final int NLM_F_ACK = 0x04;
    public static final int NLM_F_ECHO = 0x08;
    public static final int NLM_F_ROOT = 0x100;
    public static final int NLM_F_MATCH = 0x200;
    public static final int NLM_F_DUMP = NLM_F_ROOT | NLM_F_MATCH;
    public static final int NLM_F_REPLACE = 0x100;
    public static final int NLM_F_EXCL = 0x200;
    public static final int NLM_F_CREATE = 0x400;
    public static final int NLM_F_CAPPED = 0x100;
    public static final int NLM_F_ACK_TLVS = 0x200;
    public static final int NLA_F_NESTED = 0x8000;
    public static final int NLA_TYPE_MASK = 0x3fff;
    public static final int NLMSGERR_ATTR_MSG = 1;
    public static final int NLMSGERR_ATTR_OFFS = 2;

    // linux/rtnetlink.h
    public static final int RTM_NEWLINK = 16;
    public static final int RTM_DELLINK = 17;
    public static final int RTM_GETLINK = 18;
    public static final int RTM_SETLINK = 19;
    public static final int RTM_NEWADDR = 20;
    public static final int RTM_DELADDR = 21;
    public static final int RTM_GETADDR = 22;
    public static final int RTM_NEWROUTE = 24;
    public static final int RTM_DELROUTE = 25;
    public static final int RTM_GETROUTE = 26;
    public static final int RTM_NEWNEIGH = 28;
    public static final int RTM_GETNEIGH = 30;

    public static final int RTA_DST = 1;
    public static final int RTA_SRC = 2;
    public static final int RTA_OIF = 4;
    public static final int RTA_GATEWAY = 5;
    public static final int RTA_PRIORITY = 6;
    public static final int RTA_PREFSRC = 7;
    public static final int RTA_TABLE = 15;
    public static final int RTA_VIA = 18;

    public static final int RT_TABLE_MAIN = 254;
    public static final int RTPROT_KERNEL = 2;
    public static final int RTPROT_BOOT = 3;
    public static final int RT_SCOPE_UNIVERSE = 0;
    public static final int RT_SCOPE_LINK = 253;
    public static final int RT_SCOPE_HOST = 254;
    public static final int RTN_UNICAST = 1;
    public static final int RTN_LOCAL = 2;

    // linux/if_link.h
    public static final int IFLA_ADDRESS = 1;
    public static final int IFLA_BROADCAST = 2;
    public static final int IFLA_IFNAME = 3;
    public static final int IFLA_MTU = 4;
    public static final int IFLA_LINK = 5;
    public static final int IFLA_MASTER = 10;
    public static final int IFLA_OPERSTATE = 16;
    public static final int IFLA_LINKINFO = 18;
    public static final int IFLA_STATS64 = 23;
    public static final int IFLA_NET_NS_PID = 19;
    public static final int IFLA_NET_NS_FD = 28;
    public static final int IFLA_EXT_MASK = 29;
    public static final int IFLA_CARRIER = 33;
    public static final int IFLA_LINK_NETNSID = 37;
    public static final int RTEXT_FILTER_VF = 1 << 0;
    public static final int RTEXT_FILTER_SKIP_STATS = 1 << 3;
    public static final int IFLA_INFO_KIND = 1;
    public static final int IFLA_INFO_DATA = 2;
    public static final int IFLA_INFO_SLAVE_KIND = 4;
    public static final int VETH_INFO_PEER = 1;

    // linux/if_addr.h
    public static final int IFA_ADDRESS = 1;
    public static final int IFA_LOCAL = 2;
    public static final int IFA_LABEL = 3;
    public static final int IFA_BROADCAST = 4;
    public static final int IFA_FLAGS = 8;
    public static final int IFA_F_NODAD = 0x02;
    public static final int IFA_F_PERMANENT = 0x80;

    // linux/if.h
    public static final int IFF_UP = 0x1;
    public static final int IFF_LOOPBACK = 0x8;
    public static final int IFF_LOWER_UP = 0x10000;
    public static final int IF_OPER_UNKNOWN = 0;
    public static final int IF_OPER_DOWN = 2;
    public static final int IF_OPER_UP = 6;

    public static final int AF_UNSPEC = 0;
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;
    public static final int AF_BRIDGE = 7;

    /** The names of the operational states of RFC 2863, indexed by {@code IF_OPER_*}. */
    private static final String[] OPERSTATES = { "UNKNOWN", "NOTPRESENT", "DOWN", "LOWERLAYERDOWN", "TESTING",
            "DORMANT", "UP" };

    /** {@code IF_OPER_UP} → {@code "UP"}, as {@code ip link} prints it. */
    public static String operstateName(int operstate) {
        return operstate >= 0 && operstate < OPERSTATES.length ? OPERSTATES[operstate] : "UNKNOWN";
    }

    /** The name of an rtnetlink message type, for messages: {@code 16} → {@code RTM_NEWLINK}. */
    public static String messageTypeName(int type) {
        return switch (type) {
        case RTM_NEWLINK -> "RTM_NEWLINK";
        case RTM_DELLINK -> "RTM_DELLINK";
        case RTM_GETLINK -> "RTM_GETLINK";
        case RTM_SETLINK -> "RTM_SETLINK";
        case RTM_NEWADDR -> "RTM_NEWADDR";
        case RTM_DELADDR -> "RTM_DELADDR";
        case RTM_GETADDR -> "RTM_GETADDR";
        case RTM_NEWROUTE -> "RTM_NEWROUTE";
        case RTM_DELROUTE -> "RTM_DELROUTE";
        case RTM_GETROUTE -> "RTM_GETROUTE";
        case RTM_NEWNEIGH -> "RTM_NEWNEIGH";
        case RTM_GETNEIGH -> "RTM_GETNEIGH";
        default -> "message type " + type;
        };
    }
}
