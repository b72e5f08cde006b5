package io.netns4j.internal.sys;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One queue of a TUN or TAP device: a descriptor of {@code /dev/net/tun} attached to the device by {@code TUNSETIFF}.
 * Reading it gives the frames (TAP) or IP packets (TUN) the kernel sends out of the device, one whole frame per read;
 * writing it injects one frame into the kernel as if the device had received it.
 *
 * <p>
 * The descriptor is opened with {@code O_NONBLOCK}: {@link #read(ByteBuffer)} never blocks, and a reader waits with
 * {@link Sys#pollIn} on {@link #fd()} and an eventfd, so that closing wakes it. {@code close()} from another thread
 * would not wake a blocked {@code read(2)}.
 *
 * <p>
 * <b>Namespaces.</b> The device is created in the network namespace of the thread that called {@link #open} (the
 * namespace of the descriptor is fixed when {@code /dev/net/tun} is opened), and {@code TUNSETIFF} attaches to an
 * existing device of that namespace only. The runtime layer decides which thread calls it.
 */
public final class Tun implements AutoCloseable {

    /** {@code IFF_TUN}: a layer-3 device, frames are IP packets. */
    public static final int IFF_TUN = 0x0001;
    /** {@code IFF_TAP}: a layer-2 device, frames are Ethernet frames. */
    public static final int IFF_TAP = 0x0002;
    /**
     * {@code IFF_NO_CARRIER}: the device is created without carrier (Linux 5.0 and later). Without it a new device
     * starts with carrier and its operational state stays {@code UNKNOWN}, since no carrier change ever tells the
     * kernel to compute it; {@link #setCarrier} turning it on later gives {@code UP}.
     */
    public static final int IFF_NO_CARRIER = 0x0040;
    /** {@code IFF_MULTI_QUEUE}: each descriptor attached by {@code TUNSETIFF} is one more queue of the device. */
    public static final int IFF_MULTI_QUEUE = 0x0100;
    /** {@code IFF_NO_PI}: no 4-byte {@code struct tun_pi} (flags, protocol) before each frame. */
    public static final int IFF_NO_PI = 0x1000;
    /** {@code IFF_TUN_EXCL}: {@code TUNSETIFF} fails with {@code EBUSY} rather than attach to an existing device. */
    public static final int IFF_TUN_EXCL = 0x8000;

    /** The longest frame a read can return: the largest MTU, an Ethernet header with a VLAN tag, the {@code tun_pi}. */
    public static final int MAX_FRAME = 65535 + 18 + 4;

    // _IOW('T', nr, int) = (1 << 30) | (sizeof(int) << 16) | ('T' << 8) | nr, as <linux/if_tun.h> defines them.
    private static final long TUNSETIFF = 0x400454caL;
    private static final long TUNSETPERSIST = 0x400454cbL;
    private static final long TUNSETOWNER = 0x400454ccL;
    private static final long TUNSETGROUP = 0x400454ceL;
    private static final long TUNSETCARRIER = 0x400454e2L;

    /** {@code sizeof(struct ifreq)} on 64-bit Linux: {@code char ifr_name[16]} and a 24-byte union. */
    private static final int IFREQ_SIZE = 40;
    private static final int IFNAMSIZ = 16;
    private static final int IFR_FLAGS_OFFSET = 16;
    /** {@code EBADFD}: what reading a queue of a device that was deleted answers. */
    private static final int EBADFD = 77;

    private static final String DEVICE = "/dev/net/tun";

    private final Fd fd;
    private final String name;
    private final String what;
    /** The native buffer frames are read into; guarded by itself. */
    private final Memory buffer = new Memory(MAX_FRAME);

    private Tun(Fd fd, String name, String what) {
        this.fd = fd;
        this.name = name;
        this.what = what;
    }

    /**
     * Opens {@code /dev/net/tun} in the calling thread's namespace and attaches it to device {@code name} with
     * {@code TUNSETIFF}: creates the device if it does not exist (or fails with {@code EBUSY} if it does and
     * {@link #IFF_TUN_EXCL} is among the flags), or adds a queue to an existing multi-queue device, or reattaches to a
     * persistent device that no descriptor holds.
     *
     * @param name
     *            the device name, at most 15 bytes; a {@code %d} in it is replaced by the kernel with a free number
     * @param flags
     *            {@link #IFF_TUN} or {@link #IFF_TAP}, with {@link #IFF_NO_PI}, {@link #IFF_MULTI_QUEUE},
     *            {@link #IFF_TUN_EXCL}, {@link #IFF_NO_CARRIER}
     * @param what
     *            what the descriptor is, for messages: {@code "TAP tap0 in namespace a, queue 0"}
     */
    public static Tun open(String name, int flags, String what) {
        int raw = LibC.open(DEVICE, Sys.O_RDWR | Sys.O_CLOEXEC | Sys.O_NONBLOCK, 0);
        if (raw < 0) {
            throw new SyscallException("open(\"" + DEVICE + "\") for " + what, Native.getLastError());
        }
        Fd fd = new Fd(raw, what);
        try (Memory ifr = new Memory(IFREQ_SIZE)) {
            ifr.clear();
            byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
            if (bytes.length >= IFNAMSIZ) {
                throw new IllegalArgumentException("Interface name \"" + name + "\" is longer than 15 bytes");
            }
            ifr.write(0, bytes, 0, bytes.length);
            ifr.setShort(IFR_FLAGS_OFFSET, (short) flags);
            if (LibC.ioctl(raw, TUNSETIFF, ifr) < 0) {
                throw new SyscallException(
                        "ioctl(" + fd + ", TUNSETIFF, {name \"" + name + "\", flags " + describeFlags(flags) + "})",
                        Native.getLastError());
            }
            String actual = ifr.getString(0, StandardCharsets.UTF_8.name());
            return new Tun(fd, actual, what);
        } catch (RuntimeException e) {
            fd.close();
            throw e;
        }
    }

    /**
     * Why this machine cannot create TUN/TAP devices, e.g. {@code open("/dev/net/tun") failed: ENOENT (No such file or
     * directory)}, or empty if it can: {@code /dev/net/tun} is opened (and closed at once, creating nothing) from the
     * calling thread.
     */
    public static Optional<String> unavailabilityCause() {
        int raw = LibC.open(DEVICE, Sys.O_RDWR | Sys.O_CLOEXEC | Sys.O_NONBLOCK, 0);
        if (raw < 0) {
            return Optional.of("open(\"" + DEVICE + "\") failed: " + Errno.describe(Native.getLastError()));
        }
        LibC.close(raw);
        return Optional.empty();
    }

    /** The device's name, as the kernel gave it back (a {@code %d} in the requested name replaced). */
    public String name() {
        return name;
    }

    /** The descriptor, to {@link Sys#pollIn} on. */
    public Fd fd() {
        return fd;
    }

    /**
     * {@code TUNSETPERSIST}: whether the device outlives its last descriptor. A persistent device stays, without
     * carrier, until it is deleted or its namespace goes.
     */
    public void setPersistent(boolean persistent) {
        ioctl(TUNSETPERSIST, persistent ? 1 : 0, "TUNSETPERSIST, " + (persistent ? 1 : 0));
    }

    /** {@code TUNSETOWNER}: the user allowed to attach to the device besides {@code CAP_NET_ADMIN} holders. */
    public void setOwner(int uid) {
        ioctl(TUNSETOWNER, Integer.toUnsignedLong(uid), "TUNSETOWNER, " + Integer.toUnsignedString(uid));
    }

    /** {@code TUNSETGROUP}: the group allowed to attach to the device besides {@code CAP_NET_ADMIN} holders. */
    public void setGroup(int gid) {
        ioctl(TUNSETGROUP, Integer.toUnsignedLong(gid), "TUNSETGROUP, " + Integer.toUnsignedString(gid));
    }

    /**
     * {@code TUNSETCARRIER}: turns the device's carrier on or off while descriptors stay attached (Linux 5.0 and
     * later).
     */
    public void setCarrier(boolean on) {
        try (Memory value = new Memory(4)) {
            value.setInt(0, on ? 1 : 0);
            if (LibC.ioctl(fd.get(), TUNSETCARRIER, value) < 0) {
                throw new SyscallException("ioctl(" + fd + ", TUNSETCARRIER, " + (on ? 1 : 0) + ")",
                        Native.getLastError());
            }
        }
    }

    private void ioctl(long request, long arg, String call) {
        if (LibC.ioctl(fd.get(), request, arg) < 0) {
            throw new SyscallException("ioctl(" + fd + ", " + call + ")", Native.getLastError());
        }
    }

    /**
     * Reads one frame if one is waiting, without blocking.
     *
     * @return the frame, or null if none is waiting ({@code EAGAIN})
     *
     * @throws IllegalStateException
     *             if the device was deleted ({@code EBADFD})
     */
    public byte[] read() {
        synchronized (buffer) {
            int n = readIntoBuffer();
            return n < 0 ? null : buffer.getByteArray(0, n);
        }
    }

    /**
     * Reads one frame if one is waiting, without blocking, into {@code dst} from its position: as much of the frame as
     * fits, the rest of a longer frame is lost.
     *
     * @return the frame's whole length (larger than the bytes put into {@code dst} if it did not fit), or -1 if none is
     *         waiting
     *
     * @throws IllegalStateException
     *             if the device was deleted ({@code EBADFD})
     */
    public int read(ByteBuffer dst) {
        synchronized (buffer) {
            int n = readIntoBuffer();
            if (n > 0) {
                dst.put(buffer.getByteBuffer(0, Math.min(n, dst.remaining())));
            }
            return n;
        }
    }

    private int readIntoBuffer() {
        while (true) {
            long n = LibC.read(fd.get(), buffer, MAX_FRAME);
            if (n >= 0) {
                return (int) n;
            }
            int errno = Native.getLastError();
            if (errno == Errno.EAGAIN.number()) {
                return -1;
            }
            if (errno == Errno.EINTR.number()) {
                continue;
            }
            if (errno == EBADFD) {
                throw new IllegalStateException(what + " can no longer be read: the device " + name
                        + " was deleted (read: EBADFD, File descriptor in bad state)");
            }
            throw new SyscallException("read(" + fd + ")", errno);
        }
    }

    /**
     * Writes one whole frame: {@code src}'s remaining bytes. The kernel takes it at once (a TUN/TAP write does not wait
     * for room).
     *
     * @throws SyscallException
     *             if the kernel refused it, e.g. {@code EINVAL} for a TAP frame shorter than an Ethernet header
     */
    public void write(ByteBuffer src) {
        int len = src.remaining();
        long rc;
        if (src.isDirect()) {
            rc = LibC.write(fd.get(), Native.getDirectBufferPointer(src).share(src.position()), len);
        } else if (src.hasArray() && src.arrayOffset() + src.position() == 0 && len == src.array().length) {
            rc = LibC.write(fd.get(), src.array(), len);
        } else {
            byte[] copy = new byte[len];
            src.duplicate().get(copy);
            rc = LibC.write(fd.get(), copy, len);
        }
        if (rc < 0) {
            int errno = Native.getLastError();
            if (errno == EBADFD) {
                throw new IllegalStateException(what + " can no longer be written: the device " + name
                        + " was deleted (write: EBADFD, File descriptor in bad state)");
            }
            throw new SyscallException("write(" + fd + ", " + len + " bytes)", errno);
        }
        src.position(src.position() + (int) rc);
    }

    /** Closes the descriptor: the queue detaches, and a device that is not persistent goes with its last queue. */
    @Override
    public void close() {
        fd.close();
        buffer.close();
    }

    @Override
    public String toString() {
        return what + " (" + fd + ")";
    }

    /** The flags as {@code if_tun.h} names them, for messages: {@code IFF_TAP|IFF_NO_PI}. */
    static String describeFlags(int flags) {
        StringBuilder s = new StringBuilder();
        String[] names = { "IFF_TUN", "IFF_TAP", "IFF_NO_CARRIER", "IFF_MULTI_QUEUE", "IFF_NO_PI", "IFF_TUN_EXCL" };
        int[] values = { IFF_TUN, IFF_TAP, IFF_NO_CARRIER, IFF_MULTI_QUEUE, IFF_NO_PI, IFF_TUN_EXCL };
        for (int i = 0; i < names.length; i++) {
            if ((flags & values[i]) != 0) {
                s.append(s.length() == 0 ? "" : "|").append(names[i]);
                flags &= ~values[i];
            }
        }
        if (flags != 0) {
            s.append(s.length() == 0 ? "" : "|").append(String.format("0x%x", flags));
        }
        return s.toString();
    }
}
