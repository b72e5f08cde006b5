package io.netns4j.internal.netlink;

import java.net.Inet6Address;
import java.net.InetAddress;

/** Encoders of {@code RTM_*ROUTE} requests. */
public final class RouteRequests {

    private RouteRequests() {
    }

    /**
     * A unicast route in the main table. Equivalent to: {@code ip route add DST/LEN [via GW] [dev NAME]}
     * ({@code ip route add default ...} for a prefix length of 0).
     *
     * @param destination
     *            the network address of the destination prefix (any address for a default route)
     * @param gateway
     *            the next hop, or null for a route straight out of the device
     * @param outIndex
     *            the outgoing interface index, or 0 to let the kernel choose it from the gateway
     */
    public static MessageWriter add(InetAddress destination, int prefixLength, InetAddress gateway, int outIndex,
            String outName) {
        boolean v6 = destination instanceof Inet6Address;
        String dst = prefixLength == 0 ? "default" : Addresses.format(destination) + "/" + prefixLength;
        String desc = "ip " + (v6 ? "-6 " : "") + "route add " + dst
                + (gateway != null ? " via " + Addresses.format(gateway) : "")
                + (outIndex > 0 ? " dev " + outName : "");
        MessageWriter w = new MessageWriter(Nl.RTM_NEWROUTE, Nl.NLM_F_ACK | Nl.NLM_F_CREATE | Nl.NLM_F_EXCL, desc)
                .rtmsg(v6 ? Nl.AF_INET6 : Nl.AF_INET, prefixLength, 0, 0, Nl.RT_TABLE_MAIN, Nl.RTPROT_BOOT,
                        gateway == null ? Nl.RT_SCOPE_LINK : Nl.RT_SCOPE_UNIVERSE, Nl.RTN_UNICAST, 0);
        if (prefixLength > 0) {
            w.attr(Nl.RTA_DST, destination.getAddress());
        }
        if (gateway != null) {
            w.attr(Nl.RTA_GATEWAY, gateway.getAddress());
        }
        if (outIndex > 0) {
            w.attrU32(Nl.RTA_OIF, outIndex);
        }
        return w;
    }

    /** Equivalent to: {@code ip route show table all} for one family: a dump of every route. */
    public static MessageWriter dump(int family) {
        return new MessageWriter(Nl.RTM_GETROUTE, Nl.NLM_F_DUMP, "ip route show table all").rtmsg(family, 0, 0, 0, 0, 0,
                0, 0, 0);
    }
}
