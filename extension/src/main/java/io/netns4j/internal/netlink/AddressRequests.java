package io.netns4j.internal.netlink;

import java.net.Inet6Address;
import java.net.InetAddress;

/** Encoders of {@code RTM_*ADDR} requests. */
public final class AddressRequests {

    private AddressRequests() {
    }

    /**
     * Equivalent to: {@code ip addr add ADDRESS/PREFIX dev NAME} for IPv4, and
     * {@code ip addr add ADDRESS/PREFIX dev NAME nodad} for IPv6, so that the address is usable at once instead of
     * after duplicate address detection.
     */
    public static MessageWriter add(int index, String name, InetAddress address, int prefixLength) {
        boolean v6 = address instanceof Inet6Address;
        String cidr = Addresses.format(address) + "/" + prefixLength;
        MessageWriter w = new MessageWriter(Nl.RTM_NEWADDR, Nl.NLM_F_ACK | Nl.NLM_F_CREATE | Nl.NLM_F_EXCL,
                "ip addr add " + cidr + " dev " + name + (v6 ? " nodad" : "")).ifaddrmsg(v6 ? Nl.AF_INET6 : Nl.AF_INET,
                        prefixLength, v6 ? Nl.IFA_F_NODAD : 0, Nl.RT_SCOPE_UNIVERSE, index);
        byte[] raw = address.getAddress();
        w.attr(Nl.IFA_LOCAL, raw).attr(Nl.IFA_ADDRESS, raw);
        return w;
    }

    /**
     * A point-to-point address. Equivalent to: {@code ip addr add LOCAL peer PEER/PREFIX dev NAME} ({@code nodad} for
     * IPv6): {@code IFA_LOCAL} is the device's own address, {@code IFA_ADDRESS} the peer's.
     */
    public static MessageWriter addWithPeer(int index, String name, InetAddress local, InetAddress peer,
            int prefixLength) {
        boolean v6 = local instanceof Inet6Address;
        MessageWriter w = new MessageWriter(Nl.RTM_NEWADDR, Nl.NLM_F_ACK | Nl.NLM_F_CREATE | Nl.NLM_F_EXCL,
                "ip addr add " + Addresses.format(local) + " peer " + Addresses.format(peer) + "/" + prefixLength
                        + " dev " + name + (v6 ? " nodad" : "")).ifaddrmsg(v6 ? Nl.AF_INET6 : Nl.AF_INET, prefixLength,
                                v6 ? Nl.IFA_F_NODAD : 0, Nl.RT_SCOPE_UNIVERSE, index);
        w.attr(Nl.IFA_LOCAL, local.getAddress()).attr(Nl.IFA_ADDRESS, peer.getAddress());
        return w;
    }

    /** Equivalent to: {@code ip addr del ADDRESS/PREFIX dev NAME}. */
    public static MessageWriter delete(int index, String name, InetAddress address, int prefixLength) {
        boolean v6 = address instanceof Inet6Address;
        byte[] raw = address.getAddress();
        return new MessageWriter(Nl.RTM_DELADDR, Nl.NLM_F_ACK,
                "ip addr del " + Addresses.format(address) + "/" + prefixLength + " dev " + name)
                        .ifaddrmsg(v6 ? Nl.AF_INET6 : Nl.AF_INET, prefixLength, 0, 0, index).attr(Nl.IFA_LOCAL, raw)
                        .attr(Nl.IFA_ADDRESS, raw);
    }

    /** Equivalent to: {@code ip addr show}: a dump of every address of both families. */
    public static MessageWriter dump() {
        return new MessageWriter(Nl.RTM_GETADDR, Nl.NLM_F_DUMP, "ip addr show").ifaddrmsg(Nl.AF_UNSPEC, 0, 0, 0, 0);
    }
}
