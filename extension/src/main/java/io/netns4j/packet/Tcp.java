package io.netns4j.packet;

import java.util.Objects;

/**
 * A TCP header; present only when the whole header, options included, was captured.
 *
 * @param srcPort
 *            the source port
 * @param dstPort
 *            the destination port
 * @param sequenceNumber
 *            the raw sequence number, 0..2<sup>32</sup>-1 (not relative to the connection's start)
 * @param ackNumber
 *            the raw acknowledgment number, meaningful when {@link TcpFlags#ack()} is set
 * @param headerLength
 *            the header length with options, in bytes (the data offset times 4)
 * @param flags
 *            the flags
 * @param window
 *            the window field, unscaled
 * @param payloadLength
 *            the length of the segment's data as the IP header gives it; the captured bytes ({@link Packet#payload()})
 *            are fewer if the capture cut the packet short
 */
public record Tcp(int srcPort, int dstPort, long sequenceNumber, long ackNumber, int headerLength, TcpFlags flags,
        int window, int payloadLength) {

    /** Validates the flags' presence. */
    public Tcp {
        Objects.requireNonNull(flags, "flags");
    }
}
