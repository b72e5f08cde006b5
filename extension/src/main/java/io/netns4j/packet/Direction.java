package io.netns4j.packet;

/** Which way a packet crossed the interface it was captured on, as the capturing host saw it. */
public enum Direction {

    /** Received by the interface: addressed to this host, broadcast, multicast or (promiscuous) to another host. */
    INCOMING,

    /** Sent by this host through the interface. */
    OUTGOING,

    /** Not known, e.g. a packet read back from a classic pcap file, which has no field for it. */
    UNKNOWN;

    /** {@code PACKET_HOST}, {@code sll_pkttype} of a packet addressed to this host. */
    public static final int PACKET_HOST = 0;
    /** {@code PACKET_BROADCAST}, a link-layer broadcast. */
    public static final int PACKET_BROADCAST = 1;
    /** {@code PACKET_MULTICAST}, a link-layer multicast. */
    public static final int PACKET_MULTICAST = 2;
    /** {@code PACKET_OTHERHOST}, addressed to another host and seen in promiscuous mode. */
    public static final int PACKET_OTHERHOST = 3;
    /** {@code PACKET_OUTGOING}, sent by this host. */
    public static final int PACKET_OUTGOING = 4;

    /**
     * The direction of a Linux {@code sll_pkttype} (from {@code struct sockaddr_ll} or a cooked header):
     * {@code PACKET_HOST}, {@code PACKET_BROADCAST}, {@code PACKET_MULTICAST} and {@code PACKET_OTHERHOST} are
     * {@link #INCOMING}, {@code PACKET_OUTGOING} is {@link #OUTGOING}, anything else (loopback, user, kernel) is
     * {@link #UNKNOWN}.
     */
    public static Direction fromPacketType(int sllPacketType) {
        switch (sllPacketType) {
        case PACKET_HOST:
        case PACKET_BROADCAST:
        case PACKET_MULTICAST:
        case PACKET_OTHERHOST:
            return INCOMING;
        case PACKET_OUTGOING:
            return OUTGOING;
        default:
            return UNKNOWN;
        }
    }
}
