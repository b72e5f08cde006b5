package io.netns4j.annotations;

/**
 * How the {@link Ipvlan} or {@link Ipvtap} devices of one parent reach each other ({@code IPVLAN_F_*} of
 * {@code linux/if_link.h}); the same for every device of a parent.
 */
public enum IpvlanFlag {

    /** Siblings talk to each other directly, inside the kernel (the default). {@code ip link add ... bridge}. */
    BRIDGE,

    /** Siblings cannot talk to each other; each still reaches the outside through the parent. {@code private}. */
    PRIVATE,

    /**
     * Traffic between siblings leaves through the parent and must be sent back by the device at the other end (an
     * external switch in hairpin mode). {@code vepa}.
     */
    VEPA
}
