package io.netns4j.internal.nftables;

/**
 * The address family of an nf_tables table ({@code NFPROTO_*} of {@code linux/netfilter.h}), named as {@code nft} names
 * it.
 */
public enum Family {
    /** {@code inet}: IPv4 and IPv6 together. */
    INET(1, "inet"),
    /** {@code ip}: IPv4. */
    IP(2, "ip"),
    /** {@code arp}. */
    ARP(3, "arp"),
    /** {@code netdev}: the ingress and egress hooks of one device, before and after the IP stack. */
    NETDEV(5, "netdev"),
    /** {@code bridge}: frames crossing a bridge. */
    BRIDGE(7, "bridge"),
    /** {@code ip6}: IPv6. */
    IP6(10, "ip6");

    private final int number;
    private final String nftName;

    Family(int number, String nftName) {
        this.number = number;
        this.nftName = nftName;
    }

    /** The {@code NFPROTO_*} number, as {@code nfgen_family} carries it. */
    public int number() {
        return number;
    }

    /** The family's name in {@code nft} syntax: {@code inet}, {@code netdev}... */
    public String nftName() {
        return nftName;
    }

    /** The family of an {@code NFPROTO_*} number, or null if nf_tables has no table family of that number. */
    public static Family of(int number) {
        for (Family f : values()) {
            if (f.number == number) {
                return f;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return nftName;
    }
}
