package io.netns4j.packet;

/**
 * The tunnel a packet carries, if any; {@link Packet#inner()} is then the packet inside.
 * <p>
 * Recognised by the outer header alone, as the kernel does: IP protocol 4 and 41, IP protocol 47, and UDP destination
 * port 4789 with the VXLAN "I" flag set. VXLAN on another port (Linux's default 8472 when {@code ip link add ... type
 * vxlan} is given no {@code dstport}) is not recognised and stays plain UDP.
 */
public enum Encapsulation {

    /** No tunnel: the packet's own layers are all there is. */
    NONE,

    /** IP protocol 4, IPv4 inside IP: {@code ipip}, or {@code ip6tnl mode ipip6} when the outer header is IPv6. */
    IPIP,

    /** IP protocol 41, IPv6 inside IP: {@code sit}, or {@code ip6tnl mode ip6ip6} when the outer header is IPv6. */
    SIT,

    /**
     * IP protocol 47, GRE (RFC 2784 with RFC 2890's key and sequence number): IPv4 or IPv6 inside ({@code gre},
     * {@code ip6gre}), or Ethernet for protocol type 0x6558 ({@code gretap}, {@code ip6gretap}).
     */
    GRE,

    /** VXLAN (RFC 7348): UDP to port 4789, an 8-byte header with the VNI, then an Ethernet frame. */
    VXLAN
}
