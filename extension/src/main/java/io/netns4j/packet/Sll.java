package io.netns4j.packet;

import java.util.Objects;

/**
 * A Linux "cooked" capture header ({@link LinkType#LINUX_SLL} or {@link LinkType#LINUX_SLL2}), which stands where the
 * link-layer header would be when capturing on {@code any} or on an interface without one.
 *
 * @param version
 *            1 for the 16-byte {@code LINUX_SLL} header, 2 for the 20-byte {@code LINUX_SLL2} header
 * @param packetType
 *            the {@code sll_pkttype}: 0 to us, 1 broadcast, 2 multicast, 3 to another host, 4 sent by us (see
 *            {@link Direction#fromPacketType(int)})
 * @param hardwareType
 *            the {@code ARPHRD_*} type of the interface, 1 for Ethernet
 * @param address
 *            the link-layer source address, {@code 02:00:00:00:00:01}; empty if it has none
 * @param protocol
 *            the protocol in network byte order, an EtherType such as {@code 0x0800} for IPv4
 * @param interfaceIndex
 *            the interface index ({@code LINUX_SLL2} only; 0 for {@code LINUX_SLL})
 */
public record Sll(int version, int packetType, int hardwareType, String address, int protocol, int interfaceIndex) {

    /** Validates the address's presence. */
    public Sll {
        Objects.requireNonNull(address, "address");
    }
}
