package io.netns4j.internal.netlink;

/** Requests about the neighbour tables (ARP and IPv6 neighbour discovery). */
public final class NeighRequests {

    private NeighRequests() {
    }

    /**
     * Equivalent to: {@code ip neigh show}: a dump of the neighbours of every family and device ({@code struct ndmsg}
     * all zero, no attribute).
     */
    public static MessageWriter dump() {
        return new MessageWriter(Nl.RTM_GETNEIGH, Nl.NLM_F_DUMP, "ip neigh show").header(new byte[12]);
    }
}
