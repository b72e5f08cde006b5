package io.netns4j.packet;

import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A GRE header (RFC 2784, with RFC 2890's key and sequence number).
 *
 * @param version
 *            the version, 0 for GRE (1 is PPTP's enhanced GRE, whose payload is not decoded)
 * @param protocolType
 *            the EtherType of the payload: {@code 0x0800} IPv4, {@code 0x86dd} IPv6, {@code 0x6558} Ethernet
 *            (transparent Ethernet bridging, as {@code gretap} sends)
 * @param checksum
 *            the checksum field, if the C bit is set
 * @param key
 *            the key, 0..2<sup>32</sup>-1, if the K bit is set ({@code ip link add ... key N})
 * @param sequenceNumber
 *            the sequence number, 0..2<sup>32</sup>-1, if the S bit is set
 */
public record Gre(int version, int protocolType, OptionalInt checksum, OptionalLong key, OptionalLong sequenceNumber) {

    /** Validates that the optional fields are present (as empty optionals if nothing else). */
    public Gre {
        Objects.requireNonNull(checksum, "checksum");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(sequenceNumber, "sequenceNumber");
    }
}
