package io.netns4j.packet;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads classic pcap files: the ones {@link PcapWriter} writes, and tcpdump's ({@code tcpdump -w}), with microsecond or
 * nanosecond timestamps in either byte order, of the link types in {@link LinkType}. pcapng is not supported.
 * <p>
 * Packets read have no interface name (classic pcap has no field for it) and an {@link Direction#UNKNOWN unknown}
 * direction, unless their Linux cooked header gives it.
 */
public final class PcapReader implements Closeable {

    /** Larger records are taken as a sign of a corrupt file rather than allocated. */
    private static final int MAX_RECORD_LENGTH = 16 * 1024 * 1024;
    private static final int PCAPNG_MAGIC = 0x0a0d0d0a;

    private final InputStream in;
    private final ByteOrder order;
    private final boolean nanoseconds;
    private final LinkType linkType;
    private final int snapLength;
    private final int versionMajor;
    private final int versionMinor;

    private PcapReader(InputStream in, ByteOrder order, boolean nanoseconds, LinkType linkType, int snapLength,
            int versionMajor, int versionMinor) {
        this.in = in;
        this.order = order;
        this.nanoseconds = nanoseconds;
        this.linkType = linkType;
        this.snapLength = snapLength;
        this.versionMajor = versionMajor;
        this.versionMinor = versionMinor;
    }

    /**
     * Reads the file header from {@code in}; {@link #close()} closes {@code in}.
     *
     * @throws IOException
     *             if the stream does not start with a pcap header of a supported link type
     */
    public static PcapReader open(InputStream in) throws IOException {
        Objects.requireNonNull(in, "in");
        byte[] h = new byte[24];
        readFully(in, h, "the pcap file header");
        ByteBuffer b = ByteBuffer.wrap(h).order(ByteOrder.BIG_ENDIAN);
        int magic = b.getInt(0);
        ByteOrder order;
        boolean ns;
        if (magic == PcapWriter.MAGIC_MICROSECONDS || magic == PcapWriter.MAGIC_NANOSECONDS) {
            order = ByteOrder.BIG_ENDIAN;
            ns = magic == PcapWriter.MAGIC_NANOSECONDS;
        } else if (Integer.reverseBytes(magic) == PcapWriter.MAGIC_MICROSECONDS
                || Integer.reverseBytes(magic) == PcapWriter.MAGIC_NANOSECONDS) {
            order = ByteOrder.LITTLE_ENDIAN;
            ns = Integer.reverseBytes(magic) == PcapWriter.MAGIC_NANOSECONDS;
        } else if (magic == PCAPNG_MAGIC) {
            throw new IOException(
                    "a pcapng file, not classic pcap (tcpdump -w writes pcap; convert with editcap -F pcap)");
        } else {
            throw new IOException(String.format("not a pcap file: magic number 0x%08x", magic));
        }
        b.order(order);
        int major = b.getShort(4) & 0xffff;
        int minor = b.getShort(6) & 0xffff;
        int snap = b.getInt(16);
        int network = b.getInt(20) & 0xffff; // the upper bits carry FCS information
        Optional<LinkType> type = LinkType.fromValue(network);
        if (type.isEmpty()) {
            throw new IOException("unsupported link type " + network + " (supported: ETHERNET 1, RAW_IP 101, "
                    + "LINUX_SLL 113, LINUX_SLL2 276)");
        }
        return new PcapReader(in, order, ns, type.get(), snap, major, minor);
    }

    /** Opens {@code file} for reading, buffered. */
    public static PcapReader open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file));
        try {
            return open(in);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** Reads every packet of {@code file}. */
    public static List<Packet> read(Path file) throws IOException {
        try (PcapReader r = open(file)) {
            return r.readAll();
        }
    }

    /** The file's link type. */
    public LinkType linkType() {
        return linkType;
    }

    /** The file's snap length. */
    public int snapLength() {
        return snapLength;
    }

    /** Whether timestamps are in nanoseconds (magic {@code 0xa1b23c4d}) rather than microseconds. */
    public boolean nanosecondTimestamps() {
        return nanoseconds;
    }

    /** The file format's version, {@code "2.4"}. */
    public String version() {
        return versionMajor + "." + versionMinor;
    }

    /**
     * The next packet, or empty at the end of the file.
     *
     * @throws EOFException
     *             if the file ends inside a record
     * @throws IOException
     *             if reading fails or a record's length is absurd
     */
    public Optional<Packet> next() throws IOException {
        byte[] h = new byte[16];
        int first = in.read(h, 0, 16);
        if (first < 0) {
            return Optional.empty();
        }
        if (first < 16) {
            readFully(in, h, first, "a record header");
        }
        ByteBuffer b = ByteBuffer.wrap(h).order(order);
        long seconds = b.getInt(0) & 0xffffffffL;
        long fraction = b.getInt(4) & 0xffffffffL;
        long included = b.getInt(8) & 0xffffffffL;
        long original = b.getInt(12) & 0xffffffffL;
        if (included > MAX_RECORD_LENGTH) {
            throw new IOException("record of " + included + " bytes: corrupt file?");
        }
        byte[] frame = new byte[(int) included];
        readFully(in, frame, "a record of " + included + " bytes");
        Instant t = Instant.ofEpochSecond(seconds, nanoseconds ? fraction : fraction * 1000);
        int originalLength = (int) Math.min(original, Integer.MAX_VALUE);
        return Optional.of(Packet.decode(linkType, frame, originalLength, t, null, Direction.UNKNOWN));
    }

    /** Reads the remaining packets. */
    public List<Packet> readAll() throws IOException {
        List<Packet> packets = new ArrayList<>();
        for (Optional<Packet> p = next(); p.isPresent(); p = next()) {
            packets.add(p.get());
        }
        return packets;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private static void readFully(InputStream in, byte[] b, String what) throws IOException {
        readFully(in, b, 0, what);
    }

    private static void readFully(InputStream in, byte[] b, int from, String what) throws IOException {
        int n = from;
        while (n < b.length) {
            int r = in.read(b, n, b.length - n);
            if (r < 0) {
                throw new EOFException("pcap file ends inside " + what + " (" + n + " of " + b.length + " bytes)");
            }
            n += r;
        }
    }
}
