package io.netns4j.internal.netlink;

/** Requests that tell whether the kernel has a feature, without configuring anything that matters. */
public final class ProbeRequests {

    /** {@code NETLINK_NETFILTER} of {@code linux/netlink.h}. */
    public static final int NETLINK_NETFILTER = 12;
    private static final int NFNL_SUBSYS_NFTABLES = 10;
    private static final int NFT_MSG_GETTABLE = 1;

    private ProbeRequests() {
    }

    /**
     * A root qdisc of {@code kind} on interface {@code index}, with no options. Equivalent to:
     * {@code tc qdisc add dev lo root handle 1: KIND}. A kernel without the kind answers {@code ENOENT} ("Specified
     * qdisc kind is unknown") before it looks at the options.
     */
    public static MessageWriter newQdisc(int index, String kind) {
        return new MessageWriter(Tc.RTM_NEWQDISC, Nl.NLM_F_ACK | Nl.NLM_F_CREATE | Nl.NLM_F_EXCL,
                "tc qdisc add dev <index " + index + "> root handle 1: " + kind)
                        .header(QdiscRequests.tcmsg(index, Tc.handle(1, 0), Tc.TC_H_ROOT))
                        .attrString(Tc.TCA_KIND, kind);
    }

    /**
     * A dump of the nftables tables of every family, sent on a {@code NETLINK_NETFILTER} socket. Equivalent to:
     * {@code nft list tables}. A kernel without nf_tables refuses it.
     */
    public static MessageWriter listTables() {
        return new MessageWriter((NFNL_SUBSYS_NFTABLES << 8) | NFT_MSG_GETTABLE, Nl.NLM_F_DUMP, "nft list tables")
                .header(new byte[] { (byte) Nl.AF_UNSPEC, 0, 0, 0 });
    }
}
