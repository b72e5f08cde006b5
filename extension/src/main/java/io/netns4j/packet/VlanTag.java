package io.netns4j.packet;

/**
 * One IEEE 802.1Q (customer, TPID {@code 0x8100}) or 802.1ad (service, TPID {@code 0x88a8}) VLAN tag.
 *
 * @param tpid
 *            the tag protocol identifier that introduced this tag: {@code 0x8100}, {@code 0x88a8} or {@code 0x9100}
 * @param priority
 *            the priority code point (PCP), 0..7
 * @param dei
 *            the drop eligible indicator (formerly CFI)
 * @param id
 *            the VLAN identifier, 0..4095
 * @param etherType
 *            the type that follows the tag: the next tag's TPID, or e.g. {@code 0x0800}
 */
public record VlanTag(int tpid, int priority, boolean dei, int id, int etherType) {

    /** Whether this is a service tag (802.1ad, "QinQ" outer tag) rather than a customer tag (802.1Q). */
    public boolean isServiceTag() {
        return tpid != 0x8100;
    }
}
