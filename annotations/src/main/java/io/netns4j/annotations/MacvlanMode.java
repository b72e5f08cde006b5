package io.netns4j.annotations;

/**
 * How a {@link Macvlan} or {@link Macvtap} device shares its parent with its siblings (the other macvlan and macvtap
 * devices on the same parent), as {@code ip link add ... type macvlan mode MODE} names it.
 */
public enum MacvlanMode {

    /**
     * Siblings in bridge mode reach each other directly, inside the kernel; everything else goes out through the
     * parent. The usual choice, and netns4j's default (the kernel's default is {@link #VEPA}).
     */
    BRIDGE,

    /**
     * Virtual Ethernet Port Aggregator: every frame goes out through the parent, even one for a sibling, which is
     * reached only if the switch on the other side of the parent sends it back (a bridge port in hairpin mode, a switch
     * with reflective relay).
     */
    VEPA,

    /** Like {@link #VEPA}, but frames from siblings are dropped even when the switch sends them back. */
    PRIVATE,

    /**
     * The device takes the parent's MAC address and receives everything the parent receives; at most one per parent,
     * with no siblings. For handing a whole interface to one namespace (or a VM, with macvtap).
     */
    PASSTHRU,

    /**
     * The device receives the frames sent by the MAC addresses listed in {@code macaddrs}, whatever their destination,
     * and no others, not even frames addressed to it by anyone else; it sends through the parent, as in {@link #VEPA}.
     */
    SOURCE
}
