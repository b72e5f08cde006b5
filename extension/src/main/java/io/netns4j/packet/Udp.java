package io.netns4j.packet;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A UDP header and the payload captured after it.
 *
 * @param srcPort
 *            the source port
 * @param dstPort
 *            the destination port
 * @param length
 *            the length field: header and payload, in bytes
 * @param payload
 *            the payload bytes captured (up to {@code length - 8}; fewer if the capture cut the packet short); the
 *            accessor returns a copy
 */
public record Udp(int srcPort, int dstPort, int length, byte[] payload) {

    /** Copies the payload. */
    public Udp {
        payload = payload.clone();
    }

    /** A copy of the captured payload. */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The captured payload as UTF-8 text (malformed bytes become U+FFFD). */
    public String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Udp u && u.srcPort == srcPort && u.dstPort == dstPort && u.length == length
                && Arrays.equals(u.payload, payload);
    }

    @Override
    public int hashCode() {
        return ((srcPort * 31 + dstPort) * 31 + length) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "Udp[srcPort=" + srcPort + ", dstPort=" + dstPort + ", length=" + length + ", payload="
                + HexFormat.of().formatHex(payload) + "]";
    }
}
