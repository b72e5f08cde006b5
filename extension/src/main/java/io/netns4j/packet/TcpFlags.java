package io.netns4j.packet;

import java.util.EnumSet;
import java.util.Set;

/**
 * The flags of a TCP header.
 *
 * @param bits
 *            the 12 bits after the data offset, as on the wire: FIN is {@code 0x001}, SYN {@code 0x002}, ACK
 *            {@code 0x010}, CWR {@code 0x080}, the accurate-ECN (formerly NS) bit {@code 0x100}
 */
public record TcpFlags(int bits) {

    /** Whether {@code flag} is set. */
    public boolean has(TcpFlag flag) {
        return (bits & flag.bit()) != 0;
    }

    /** FIN: no more data from the sender. */
    public boolean fin() {
        return has(TcpFlag.FIN);
    }

    /** SYN: opens a connection. */
    public boolean syn() {
        return has(TcpFlag.SYN);
    }

    /** RST: resets the connection. */
    public boolean rst() {
        return has(TcpFlag.RST);
    }

    /** PSH: push. */
    public boolean psh() {
        return has(TcpFlag.PSH);
    }

    /** ACK: the acknowledgment number is valid. */
    public boolean ack() {
        return has(TcpFlag.ACK);
    }

    /** URG: the urgent pointer is valid. */
    public boolean urg() {
        return has(TcpFlag.URG);
    }

    /** ECE: ECN echo. */
    public boolean ece() {
        return has(TcpFlag.ECE);
    }

    /** CWR: congestion window reduced. */
    public boolean cwr() {
        return has(TcpFlag.CWR);
    }

    /** The flags that are set. */
    public Set<TcpFlag> asSet() {
        EnumSet<TcpFlag> set = EnumSet.noneOf(TcpFlag.class);
        for (TcpFlag f : TcpFlag.values()) {
            if (has(f)) {
                set.add(f);
            }
        }
        return set;
    }

    /** The flags as tcpdump prints them: {@code [S]}, {@code [S.]}, {@code [P.]}, {@code [none]}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (TcpFlag f : TcpFlag.values()) {
            if (has(f)) {
                sb.append(f.letter());
            }
        }
        if (sb.length() == 1) {
            sb.append("none");
        }
        return sb.append(']').toString();
    }
}
