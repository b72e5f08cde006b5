package io.netns4j.internal.netlink;

/**
 * Encoders of {@code RTM_NEWLINK} requests for link kinds beyond veth and bridge, and the probe that tells whether the
 * running kernel has a kind at all.
 */
public final class KindRequests {

    private static final int CREATE = Nl.NLM_F_ACK | Nl.NLM_F_CREATE | Nl.NLM_F_EXCL;

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
}
