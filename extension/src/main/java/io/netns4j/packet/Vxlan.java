package io.netns4j.packet;

/**
 * A VXLAN header (RFC 7348).
 *
 * @param flags
 *            the flags byte; {@code 0x08}, the "I" flag, says the VNI is valid (required for decoding)
 * @param vni
 *            the VXLAN network identifier, 0..2<sup>24</sup>-1 ({@code ip link add ... type vxlan id N})
 */
public record Vxlan(int flags, int vni) {
}
