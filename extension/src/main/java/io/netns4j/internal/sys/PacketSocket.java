package io.netns4j.internal.sys;

import com.sun.jna.Pointer;

/**
 * An {@code AF_PACKET} socket with a memory-mapped {@code TPACKET_V3} receive ring: the kernel writes captured frames
 * into blocks of shared memory, and the reader hands each finished block back. It is created (and so belongs to) the
 * calling thread's network namespace; reading works from any thread.
 *
 * <p>
 * The socket is opened with protocol 0 (nothing delivered), the ring is set up and mapped, and only then is it bound to
 * {@code ETH_P_ALL} on the interface: from the return of {@link #open} on, every frame is captured, and none of another
 * interface slips in before the bind.
 */
public final class PacketSocket implements AutoCloseable {

    private static final int SOL_PACKET = 263;
    private static final int PACKET_RX_RING = 5;
    private static final int PACKET_STATISTICS = 6;
    private static final int PACKET_VERSION = 10;
    private static final int TPACKET_V3 = 2;
    private static final int ETH_P_ALL = 0x0003;
    private static final int TP_STATUS_USER = 1;
    private static final int TP_STATUS_VLAN_VALID = 0x10;
    private static final int TP_STATUS_VLAN_TPID_VALID = 0x40;
    private static final int ARPHRD_ETHER = 1;
    private static final int PROT_READ_WRITE = 0x3;
    private static final int MAP_SHARED = 0x1;
    private static final int FRAME_SIZE = 2048;
    /** sizeof(struct tpacket3_hdr), aligned: where the sockaddr_ll of each frame starts. */
    private static final int SOCKADDR_LL_OFFSET = 48;

    /** One captured frame as the kernel reports it. */
    public record Frame(long seconds, int nanos, int originalLength, int ifindex, int packetType, int hardwareType,
            int protocol, byte[] linkLayer, int networkOffset) {
    }

    /** Receives the frames of one block. */
    @FunctionalInterface
    public interface FrameSink {
        void accept(Frame frame);
    }

    private final Fd fd;
    private final Pointer ring;
    private final long ringSize;
    private final int blockSize;
    private final int blockCount;
    private int next;

    private PacketSocket(Fd fd, Pointer ring, int blockSize, int blockCount) {
        this.fd = fd;
        this.ring = ring;
        this.ringSize = (long) blockSize * blockCount;
        this.blockSize = blockSize;
        this.blockCount = blockCount;
    }

    /**
     * Opens a capturing socket on interface {@code ifindex} (0 for every interface of the namespace).
     *
     * @param blockSize
     *            bytes per ring block, a power-of-two multiple of the page size
     * @param blockCount
     *            blocks in the ring
     * @param retireMillis
     *            after how long the kernel hands over a block that is not full
     */
    public static PacketSocket open(int ifindex, int blockSize, int blockCount, int retireMillis, String what) {
        Fd fd = Sys.socket(Sys.AF_PACKET, Sys.SOCK_RAW, 0, what);
        Pointer ring = null;
        long size = (long) blockSize * blockCount;
        try {
            Sys.setsockopt(fd, SOL_PACKET, PACKET_VERSION, TPACKET_V3, "PACKET_VERSION");
            int frames = (int) (size / FRAME_SIZE);
            Sys.setsockopt(fd, SOL_PACKET, PACKET_RX_RING,
                    new int[] { blockSize, blockCount, FRAME_SIZE, frames, retireMillis, 0, 0 }, "PACKET_RX_RING");
            ring = LibC.mmap(null, size, PROT_READ_WRITE, MAP_SHARED, fd.get(), 0);
            if (Pointer.nativeValue(ring) == -1L) {
                throw new SyscallException("mmap(" + size + " bytes of the packet ring of " + fd + ")",
                        com.sun.jna.Native.getLastError());
            }
            byte[] sll = new byte[20];
            java.nio.ByteBuffer.wrap(sll).order(java.nio.ByteOrder.LITTLE_ENDIAN).putShort((short) Sys.AF_PACKET)
                    .order(java.nio.ByteOrder.BIG_ENDIAN).putShort((short) ETH_P_ALL)
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(ifindex);
            Sys.bind(fd, sll);
            return new PacketSocket(fd, ring, blockSize, blockCount);
        } catch (RuntimeException e) {
            if (ring != null && Pointer.nativeValue(ring) != -1L) {
                LibC.munmap(ring, size);
            }
            fd.close();
            throw e;
        }
    }

    /** The socket, to {@link Sys#pollIn} on. */
    public Fd fd() {
        return fd;
    }

    /**
     * Hands every frame of the blocks the kernel has finished to {@code sink}, in order, and gives the blocks back to
     * the kernel. Returns the number of frames.
     */
    public int drain(FrameSink sink) {
        int count = 0;
        while (true) {
            long block = (long) next * blockSize;
            int status = ring.getInt(block + 8);
            if ((status & TP_STATUS_USER) == 0) {
                return count;
            }
            int packets = ring.getInt(block + 12);
            long offset = block + ring.getInt(block + 16);
            for (int i = 0; i < packets; i++) {
                int nextOffset = ring.getInt(offset);
                long sec = Integer.toUnsignedLong(ring.getInt(offset + 4));
                int nsec = ring.getInt(offset + 8);
                int snaplen = ring.getInt(offset + 12);
                int len = ring.getInt(offset + 16);
                int mac = Short.toUnsignedInt(ring.getShort(offset + 24));
                int net = Short.toUnsignedInt(ring.getShort(offset + 26));
                long sll = offset + SOCKADDR_LL_OFFSET;
                int protocol = Short.toUnsignedInt(Short.reverseBytes(ring.getShort(sll + 2)));
                int ifindex = ring.getInt(sll + 4);
                int hatype = Short.toUnsignedInt(ring.getShort(sll + 8));
                int pkttype = Byte.toUnsignedInt(ring.getByte(sll + 10));
                byte[] data = ring.getByteArray(offset + mac, snaplen);
                int frameStatus = ring.getInt(offset + 20);
                int networkOffset = Math.max(0, net - mac);
                if ((frameStatus & TP_STATUS_VLAN_VALID) != 0 && hatype == ARPHRD_ETHER && data.length >= 12) {
                    // The kernel took the 802.1Q tag out of the frame (VLAN offload) and reports it beside it:
                    // put it back after the two MAC addresses, as libpcap does.
                    int tci = Short.toUnsignedInt(ring.getShort(offset + 32));
                    int tpid = (frameStatus & TP_STATUS_VLAN_TPID_VALID) != 0
                            ? Short.toUnsignedInt(ring.getShort(offset + 36)) : 0x8100;
                    byte[] tagged = new byte[data.length + 4];
                    System.arraycopy(data, 0, tagged, 0, 12);
                    tagged[12] = (byte) (tpid >> 8);
                    tagged[13] = (byte) tpid;
                    tagged[14] = (byte) (tci >> 8);
                    tagged[15] = (byte) tci;
                    System.arraycopy(data, 12, tagged, 16, data.length - 12);
                    data = tagged;
                    len += 4;
                    networkOffset += 4;
                }
                sink.accept(new Frame(sec, nsec, len, ifindex, pkttype, hatype, protocol, data, networkOffset));
                count++;
                if (nextOffset == 0) {
                    break;
                }
                offset += nextOffset;
            }
            ring.setInt(block + 8, 0);
            next = (next + 1) % blockCount;
        }
    }

    /**
     * {@code PACKET_STATISTICS}: frames received and dropped since the last call (the kernel resets the counters on
     * each read), as {@code [packets, drops]}.
     */
    public long[] statistics() {
        int[] s = Sys.getsockopt(fd, SOL_PACKET, PACKET_STATISTICS, 3, "PACKET_STATISTICS");
        return new long[] { Integer.toUnsignedLong(s[0]), Integer.toUnsignedLong(s[1]) };
    }

    @Override
    public void close() {
        if (fd.isOpen()) {
            LibC.munmap(ring, ringSize);
            fd.close();
        }
    }
}
