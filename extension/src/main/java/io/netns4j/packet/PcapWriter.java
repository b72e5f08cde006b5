package io.netns4j.packet;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Writes classic pcap files (not pcapng) with nanosecond timestamps, which tcpdump, tshark and Wireshark read.
 * <p>
 * The file header has the magic number {@code 0xa1b23c4d} (nanosecond resolution), version 2.4, time zone and accuracy
 * 0, the snap length and the link type; each record has {@code ts_sec}, {@code ts_nsec}, {@code incl_len} (the captured
 * length, cut to the snap length) and {@code orig_len} (the length on the wire), then the frame's bytes as captured
 * ({@link Packet#frame()}). Fields are little-endian, which readers recognise from the magic number.
 * <p>
 * A file holds one link type: every packet written must have the writer's {@link LinkType}. Writes are synchronised, so
 * a capture thread may write while another flushes.
 */
public final class PcapWriter implements Closeable, Flushable {

    /** The magic number of a pcap file with nanosecond timestamps. */
    public static final int MAGIC_NANOSECONDS = 0xa1b23c4d;
    /** The magic number of a pcap file with microsecond timestamps (read by {@link PcapReader}, not written). */
    public static final int MAGIC_MICROSECONDS = 0xa1b2c3d4;
    /** The snap length tcpdump uses by default. */
    public static final int DEFAULT_SNAP_LENGTH = 262144;

    private static final long MAX_UNSIGNED_INT = 0xffffffffL;

    private final OutputStream out;
    private final LinkType linkType;
    private final int snapLength;
    private final ByteBuffer recordHeader = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    private long packets;
    private boolean closed;

    private PcapWriter(OutputStream out, LinkType linkType, int snapLength) {
        this.out = out;
        this.linkType = linkType;
        this.snapLength = snapLength;
    }

    /**
     * Starts a pcap stream: writes the file header to {@code out} and returns a writer for the records.
     * {@link #close()} closes {@code out}. Nothing is buffered here; pass a buffered stream for many small writes.
     *
     * @param snapLength
     *            the largest number of bytes kept of a frame, at least 1 (tcpdump's default is 262144)
     *
     * @throws IllegalArgumentException
     *             if {@code snapLength} is not positive
     */
    public static PcapWriter open(OutputStream out, LinkType linkType, int snapLength) throws IOException {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(linkType, "linkType");
        if (snapLength <= 0) {
            throw new IllegalArgumentException("snapLength must be positive: " + snapLength);
        }
        ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(MAGIC_NANOSECONDS).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(snapLength)
                .putInt(linkType.value());
        out.write(header.array());
        return new PcapWriter(out, linkType, snapLength);
    }

    /** Creates (or replaces) {@code file} and starts a pcap stream in it, buffered. */
    public static PcapWriter open(Path file, LinkType linkType, int snapLength) throws IOException {
        Objects.requireNonNull(linkType, "linkType");
        if (snapLength <= 0) {
            throw new IllegalArgumentException("snapLength must be positive: " + snapLength);
        }
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file));
        try {
            return open(out, linkType, snapLength);
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /** Writes {@code packets} to a new (or replaced) pcap file. */
    public static void write(Path file, LinkType linkType, int snapLength, List<Packet> packets) throws IOException {
        Objects.requireNonNull(packets, "packets");
        try (PcapWriter w = open(file, linkType, snapLength)) {
            for (Packet p : packets) {
                w.write(p);
            }
        }
    }

    /**
     * Appends one record: the packet's timestamp, its frame cut to the snap length, and its original length.
     *
     * @throws IllegalArgumentException
     *             if the packet's link type is not the file's, or its timestamp is outside what pcap's unsigned 32-bit
     *             seconds can hold (1970 to 2106)
     * @throws IOException
     *             if writing fails or the writer is closed
     */
    public synchronized void write(Packet packet) throws IOException {
        Objects.requireNonNull(packet, "packet");
        if (closed) {
            throw new IOException("pcap writer is closed");
        }
        if (packet.linkType() != linkType) {
            throw new IllegalArgumentException("packet of link type " + packet.linkType() + " cannot go into a "
                    + linkType + " pcap file: " + packet);
        }
        Instant t = packet.timestamp();
        if (t.getEpochSecond() < 0 || t.getEpochSecond() > MAX_UNSIGNED_INT) {
            throw new IllegalArgumentException("timestamp " + t + " does not fit a pcap record (1970 to 2106)");
        }
        byte[] frame = packet.frame();
        int included = Math.min(frame.length, snapLength);
        recordHeader.clear();
        recordHeader.putInt((int) t.getEpochSecond()).putInt(t.getNano()).putInt(included)
                .putInt(packet.originalLength());
        out.write(recordHeader.array());
        out.write(frame, 0, included);
        packets++;
    }

    /** The link type of the file. */
    public LinkType linkType() {
        return linkType;
    }

    /** The snap length of the file. */
    public int snapLength() {
        return snapLength;
    }

    /** How many packets were written. */
    public synchronized long packetsWritten() {
        return packets;
    }

    /** Flushes the underlying stream, so readers of the file see every packet written so far. */
    @Override
    public synchronized void flush() throws IOException {
        if (!closed) {
            out.flush();
        }
    }

    /** Flushes and closes the underlying stream. Closing twice does nothing. */
    @Override
    public synchronized void close() throws IOException {
        if (!closed) {
            closed = true;
            try (out) {
                out.flush();
            }
        }
    }
}
