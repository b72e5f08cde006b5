package io.netns4j.annotations;

/**
 * How an {@link Ipvlan} or {@link Ipvtap} device handles traffic ({@code IPVLAN_MODE_*} of {@code linux/if_link.h}).
 * Every device of one parent has the same mode.
 */
public enum IpvlanMode {

    /**
     * Layer 2: the device takes part in the parent's link like another host with the parent's MAC address, so it sends
     * and receives broadcasts and ARP. {@code ip link add ... type ipvlan mode l2}.
     */
    L2,

    /**
     * Layer 3 (the kernel's default): the parent routes for the device; no broadcast or multicast, no ARP (the device
     * is {@code NOARP}), neighbours see the parent answer for its addresses. {@code mode l3}.
     */
    L3,

    /**
     * Layer 3 through netfilter: as {@link #L3}, but the traffic passes the parent namespace's netfilter hooks
     * (conntrack, nftables). {@code mode l3s}.
     */
    L3S
}
