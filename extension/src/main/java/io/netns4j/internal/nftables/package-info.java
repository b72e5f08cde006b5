/**
 * A pure-Java nf_tables codec: the messages {@code nft} sends to program a ruleset, and the decoding of what the kernel
 * lists, over nfnetlink ({@code NETLINK_NETFILTER}). Unit-tested byte for byte against what nftables 1.0.6 sends,
 * without root.
 *
 * <p>
 * A ruleset is described by immutable {@link io.netns4j.internal.nftables.Table}s of
 * {@link io.netns4j.internal.nftables.Chain}s of {@link io.netns4j.internal.nftables.Rule}s (factories build the
 * partition and loss rules netns4j uses); a {@link io.netns4j.internal.nftables.Batch} turns them into one transaction
 * that replaces tables whole; {@link io.netns4j.internal.nftables.Listing} reads tables back. Sending is the runtime's
 * business ({@code NftClient}).
 */
package io.netns4j.internal.nftables;
