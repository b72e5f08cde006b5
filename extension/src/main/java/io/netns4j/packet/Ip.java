package io.netns4j.packet;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * The IP header of a packet, IPv4 or IPv6 in one view.
 *
 * @param version
 *            4 or 6
 * @param src
 *            the source address
 * @param dst
 *            the destination address
 * @param protocol
 *            the transport protocol (6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6, 47 GRE, 4 and 41 for IP in IP...): IPv4's
 *            protocol field; for IPv6 the next header after the {@linkplain #extensionHeaders() extension headers} (the
 *            last next header read, if the chain is cut short by the capture)
 * @param ttl
 *            IPv4's time to live, IPv6's hop limit
 * @param totalLength
 *            the packet's length as its header says: IPv4's total length, 40 + IPv6's payload length
 * @param headerLength
 *            IPv4's header length with options; for IPv6 40 plus the extension headers' lengths
 * @param trafficClass
 *            IPv4's type of service byte (DSCP and ECN), IPv6's traffic class
 * @param identification
 *            IPv4's identification field; for IPv6 the fragment header's identification, 0 if none
 * @param fragmentOffset
 *            the fragment offset in bytes (the header's 8-byte units times 8); 0 in the first or only fragment
 * @param moreFragments
 *            the MF flag: more fragments follow
 * @param dontFragment
 *            IPv4's DF flag; always false for IPv6
 * @param extensionHeaders
 *            IPv6 only: the next-header values of the extension headers crossed, in order: 0 hop-by-hop options, 43
 *            routing, 44 fragment, 51 authentication header, 60 destination options; empty for IPv4
 */
public record Ip(int version, InetAddress src, InetAddress dst, int protocol, int ttl, int totalLength,
        int headerLength, int trafficClass, long identification, int fragmentOffset, boolean moreFragments,
        boolean dontFragment, List<Integer> extensionHeaders) {

    /** Validates the addresses' presence and copies the extension header list. */
    public Ip {
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(dst, "dst");
        extensionHeaders = List.copyOf(extensionHeaders);
    }

    /** Whether this is a fragment of a larger datagram (MF set or a non-zero offset). */
    public boolean isFragment() {
        return moreFragments || fragmentOffset != 0;
    }
}
