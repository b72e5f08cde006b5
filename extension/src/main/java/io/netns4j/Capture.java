package io.netns4j;

import io.netns4j.packet.LinkType;
import io.netns4j.packet.Packet;
import io.netns4j.packet.PacketMatcher;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A live packet capture on one interface of a namespace, or on all of them, started by {@link NetNs#capture(String)}.
 *
 * <p>
 * It listens before the call that made it returns: no packet sent afterwards is missed unless the kernel drops it, and
 * drops are counted ({@link #dropped()}), never silent. Frames are read from a memory-mapped {@code AF_PACKET} ring by
 * a library thread; no tcpdump and no libpcap are involved.
 *
 * <h2>Clean Up</h2> {@link #close()} stops it promptly and releases the socket; the packets captured so far stay
 * readable, every one the kernel captured before the call among them (the kernel hands frames over in blocks at most 16
 * ms after the first frame of a block, and close waits for those). A capture never keeps its namespace alive, and the
 * topology's teardown closes it too.
 */
public interface Capture extends AutoCloseable {

    /** The namespace captured in. */
    String namespace();

    /** The interface captured on, or {@code "any"} for all interfaces of the namespace. */
    String interfaceName();

    /**
     * The link type of the frames: Ethernet for an Ethernet-like interface, raw IP for TUN and IP tunnels, Linux cooked
     * (SLL) for a capture of every interface.
     */
    LinkType linkType();

    /** The number of bytes kept of each frame. */
    int snapLength();

    /** The packets captured so far, in order. */
    List<Packet> packets();

    /** The packets captured so far that match. */
    List<Packet> packets(PacketMatcher matcher);

    /** Waits until a matching packet has been captured, for at most {@code timeout}. */
    Optional<Packet> awaitPacket(PacketMatcher matcher, Duration timeout) throws InterruptedException;

    /** Frames the kernel dropped because the capture's ring was full ({@code PACKET_STATISTICS}). */
    long dropped();

    /** Writes what was captured as a classic pcap file (nanosecond timestamps) and returns the path. */
    Path writePcap(Path file) throws IOException;

    /** Whether the capture still listens. */
    boolean isOpen();

    /**
     * Stops listening; the packets captured so far stay readable, including those the kernel had captured but not yet
     * handed over (close waits for them, about 16 ms).
     */
    @Override
    void close();
}
