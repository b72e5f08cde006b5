package io.netns4j.internal.nftables;

/**
 * A netfilter hook a base chain attaches to. Its number depends on the family: {@code enum nf_inet_hooks} for
 * {@code ip}, {@code ip6}, {@code inet} and {@code bridge}; {@code enum nf_dev_hooks} for {@code netdev} (of
 * {@code linux/netfilter.h}).
 */
public enum Hook {
    PREROUTING("prerouting"), INPUT("input"), FORWARD("forward"), OUTPUT("output"), POSTROUTING("postrouting"),
    /** {@code NF_INET_INGRESS} (inet, kernel 5.10+) or {@code NF_NETDEV_INGRESS}. */
    INGRESS("ingress"),
    /** {@code NF_NETDEV_EGRESS}: netdev only, kernel 5.16+. */
    EGRESS("egress");

    private final String nftName;

    Hook(String nftName) {
        this.nftName = nftName;
    }

    /** The hook's name in {@code nft} syntax. */
    public String nftName() {
        return nftName;
    }

    /**
     * The hook's number in {@code family}.
     *
     * @throws IllegalArgumentException
     *             if the family has no such hook, naming the hooks it has
     */
    public int number(Family family) {
        if (family == Family.NETDEV) {
            return switch (this) {
            case INGRESS -> 0;
            case EGRESS -> 1;
            default -> throw new IllegalArgumentException(
                    "Family netdev has no hook " + nftName + ": it has ingress and egress");
            };
        }
        if (family == Family.ARP) {
            return switch (this) {
            case INPUT -> 0;
            case OUTPUT -> 1;
            case FORWARD -> 2;
            default -> throw new IllegalArgumentException(
                    "Family arp has no hook " + nftName + ": it has input, output and forward");
            };
        }
        return switch (this) {
        case PREROUTING -> 0;
        case INPUT -> 1;
        case FORWARD -> 2;
        case OUTPUT -> 3;
        case POSTROUTING -> 4;
        case INGRESS -> {
            if (family != Family.INET) {
                throw new IllegalArgumentException(
                        "Family " + family + " has no hook ingress: only inet and netdev" + " have one");
            }
            yield 5;
        }
        case EGRESS -> throw new IllegalArgumentException(
                "Family " + family + " has no hook egress: only netdev has one");
        };
    }

    /** The hook of a number in {@code family}, or null if the number is unknown there. */
    public static Hook of(Family family, int number) {
        for (Hook h : values()) {
            try {
                if (h.number(family) == number) {
                    return h;
                }
            } catch (IllegalArgumentException e) {
                // not a hook of this family
            }
        }
        return null;
    }

    /** Whether a base chain on this hook of {@code family} names a device ({@code NFTA_HOOK_DEV}). */
    public boolean needsDevice(Family family) {
        return family == Family.NETDEV;
    }

    @Override
    public String toString() {
        return nftName;
    }
}
