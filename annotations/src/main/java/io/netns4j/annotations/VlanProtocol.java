package io.netns4j.annotations;

/** The tag a {@link Vlan} device puts on its frames, by the tag protocol identifier (TPID) that introduces it. */
public enum VlanProtocol {

    /** A customer tag, TPID {@code 0x8100} (the default). {@code ip link add ... type vlan protocol 802.1Q}. */
    IEEE_802_1Q,

    /**
     * A service tag, TPID {@code 0x88a8}: the outer tag of "QinQ" double tagging. {@code protocol 802.1ad}.
     */
    IEEE_802_1AD
}
