package io.netns4j.internal.runtime;

import io.netns4j.Capture;
import io.netns4j.LinkInfo;
import io.netns4j.packet.Direction;
import io.netns4j.packet.LinkType;
import io.netns4j.packet.Packet;
import io.netns4j.packet.PacketMatcher;
import io.netns4j.packet.PcapWriter;
import io.netns4j.internal.sys.Fd;
import io.netns4j.internal.sys.PacketSocket;
import io.netns4j.internal.sys.Sys;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A capture over a {@link PacketSocket} opened inside a namespace, drained by a library thread that lives in the root
 * namespace and waits in {@code poll} on the socket and an eventfd, so that {@link #close()} wakes it at once.
 */
final class PacketCapture implements Capture {

    static final int SNAP_LENGTH = 262_144;
    /*
     * The kernel hands a block to the reader when it is full or when the retire timeout expires, and reuses it only
     * once the reader gives it back; at low rates blocks leave part-empty, so the ring absorbs BLOCK_COUNT *
     * RETIRE_MILLIS of reader stall rather than its size. 64 blocks of 256 KiB (libpcap's block size) retired after 16
     * ms held every datagram of 10,000-datagram bursts with the reader stalled, where 16 x 1 MiB at 4 ms lost up to
     * half.
     */
    private static final int BLOCK_SIZE = 256 * 1024;
    private static final int BLOCK_COUNT = 64;
    private static final int RETIRE_MILLIS = 16;
    /** How long close() waits at most for the frames the kernel counted into the ring to be handed over. */
    private static final long CLOSE_DRAIN_NANOS = 2_000_000_000L;
    private static final int ARPHRD_ETHER = 1;
    private static final int ARPHRD_LOOPBACK = 772;
    private static final int PACKET_OUTGOING = 4;

    private final String namespace;
    private final String interfaceName;
    private final LinkType linkType;
    private final PacketSocket socket;
    private final Fd wake;
    private final Thread reader;
    private final Map<Integer, String> names = new ConcurrentHashMap<>();
    private final Namespace ns;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final List<Packet> packets = new ArrayList<>();
    private long dropped;
    /** Frames the kernel put into the ring, by its statistics; all of them end up in {@link #packets}. */
    private long queued;
    private volatile boolean open = true;

    private PacketCapture(Namespace ns, String interfaceName, LinkType linkType, PacketSocket socket) {
        this.ns = ns;
        this.namespace = ns.name();
        this.interfaceName = interfaceName;
        this.linkType = linkType;
        this.socket = socket;
        this.wake = Sys.eventfd("wake-up of the capture on " + interfaceName + " in " + namespace);
        this.reader = RootNamespace.get().startThread("netns4j-capture-" + namespace + "-" + interfaceName, this::read);
    }

    /** Opens a capture on {@code interfaceName} of {@code ns}, or on all interfaces if it is null. */
    static PacketCapture open(Namespace ns, String interfaceName) {
        int ifindex = 0;
        LinkType type = LinkType.LINUX_SLL;
        if (interfaceName != null) {
            var link = ns.linkMessage(interfaceName);
            ifindex = link.index();
            type = link.deviceType() == ARPHRD_ETHER || link.deviceType() == ARPHRD_LOOPBACK ? LinkType.ETHERNET
                    : LinkType.RAW_IP;
        }
        final int index = ifindex;
        String what = "capture socket on " + (interfaceName == null ? "every interface" : interfaceName)
                + " in namespace " + ns.name();
        PacketSocket socket = ns.inside(() -> PacketSocket.open(index, BLOCK_SIZE, BLOCK_COUNT, RETIRE_MILLIS, what));
        PacketCapture c = new PacketCapture(ns, interfaceName == null ? "any" : interfaceName, type, socket);
        for (LinkInfo l : ns.links()) {
            c.names.put(l.index(), l.name());
        }
        return c;
    }

    private void read() {
        try {
            while (true) {
                short[] ready = Sys.pollIn(-1, socket.fd(), wake);
                socket.drain(this::add);
                collectStatistics();
                if (ready[1] != 0) {
                    break;
                }
            }
            // Frames in a block the kernel has not retired yet are handed over when the retire timeout expires:
            // read until every frame the kernel had counted into the ring when close() was called is here. Frames
            // that keep coming after it are not waited for (traffic may go on), and a stalled timer gets a bound.
            long capturedBeforeClose = queued();
            long deadline = System.nanoTime() + CLOSE_DRAIN_NANOS;
            do {
                Thread.sleep(RETIRE_MILLIS);
                socket.drain(this::add);
            } while (framesRead() < capturedBeforeClose && System.nanoTime() - deadline < 0);
            collectStatistics();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.lock();
            try {
                socket.close();
            } finally {
                lock.unlock();
            }
            wake.close();
        }
    }

    /**
     * Adds the kernel's counts since the last call (it resets them when read): frames put into the ring, and frames
     * dropped for want of room. The socket is closed under the same lock.
     */
    private void collectStatistics() {
        lock.lock();
        try {
            if (socket.fd().isOpen()) {
                long[] s = socket.statistics(); // packets (dropped ones included), drops
                queued += s[0] - s[1];
                dropped += s[1];
            }
        } finally {
            lock.unlock();
        }
    }

    /** Frames the kernel has put into the ring so far, by its statistics. */
    private long queued() {
        collectStatistics();
        lock.lock();
        try {
            return queued;
        } finally {
            lock.unlock();
        }
    }

    /** Frames read from the ring so far. */
    private int framesRead() {
        lock.lock();
        try {
            return packets.size();
        } finally {
            lock.unlock();
        }
    }

    private void add(PacketSocket.Frame f) {
        byte[] frame = switch (linkType) {
        case LINUX_SLL -> cooked(f);
        case RAW_IP -> java.util.Arrays.copyOfRange(f.linkLayer(), f.networkOffset(), f.linkLayer().length);
        default -> f.linkLayer();
        };
        int original = linkType == LinkType.LINUX_SLL ? f.originalLength() - f.networkOffset() + 16
                : linkType == LinkType.RAW_IP ? f.originalLength() - f.networkOffset() : f.originalLength();
        String name = names.computeIfAbsent(f.ifindex(), i -> "if" + i);
        Direction direction = f.packetType() == PACKET_OUTGOING ? Direction.OUTGOING : Direction.INCOMING;
        Packet p = Packet.decode(linkType, frame, original, Instant.ofEpochSecond(f.seconds(), f.nanos()), name,
                direction);
        lock.lock();
        try {
            packets.add(p);
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The 16-byte Linux cooked header (LINKTYPE_LINUX_SLL) followed by the frame from its network header on. */
    private static byte[] cooked(PacketSocket.Frame f) {
        byte[] data = f.linkLayer();
        int net = Math.min(f.networkOffset(), data.length);
        ByteBuffer b = ByteBuffer.allocate(16 + data.length - net);
        b.putShort((short) f.packetType()).putShort((short) f.hardwareType());
        int halen = f.hardwareType() == ARPHRD_ETHER || f.hardwareType() == ARPHRD_LOOPBACK ? 6 : 0;
        b.putShort((short) halen);
        byte[] addr = new byte[8];
        if (halen == 6 && data.length >= 12) {
            // The link-layer source address; for outgoing frames too, as libpcap's cooked capture does.
            System.arraycopy(data, 6, addr, 0, 6);
        }
        b.put(addr).putShort((short) f.protocol()).put(data, net, data.length - net);
        return b.array();
    }

    @Override
    public String namespace() {
        return namespace;
    }

    @Override
    public String interfaceName() {
        return interfaceName;
    }

    @Override
    public LinkType linkType() {
        return linkType;
    }

    @Override
    public int snapLength() {
        return SNAP_LENGTH;
    }

    @Override
    public List<Packet> packets() {
        lock.lock();
        try {
            return List.copyOf(packets);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Packet> packets(PacketMatcher matcher) {
        return packets().stream().filter(matcher::matches).toList();
    }

    @Override
    public Optional<Packet> awaitPacket(PacketMatcher matcher, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        lock.lock();
        try {
            while (true) {
                for (; seen < packets.size(); seen++) {
                    if (matcher.matches(packets.get(seen))) {
                        return Optional.of(packets.get(seen));
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || (!open && !reader.isAlive())) {
                    return Optional.empty();
                }
                arrived.await(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)), TimeUnit.NANOSECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long dropped() {
        collectStatistics();
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Path writePcap(Path file) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        PcapWriter.write(file, linkType, SNAP_LENGTH, packets());
        return file;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        if (!open) {
            return;
        }
        open = false;
        try {
            Sys.signal(wake);
        } catch (RuntimeException e) {
            // the reader already ended
        }
        try {
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The namespace this capture belongs to. */
    Namespace owner() {
        return ns;
    }

    @Override
    public String toString() {
        return "capture on " + interfaceName + " in " + namespace;
    }
}
