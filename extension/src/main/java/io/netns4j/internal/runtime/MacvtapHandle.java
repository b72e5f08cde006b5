package io.netns4j.internal.runtime;

import io.netns4j.MacvtapDevice;
import io.netns4j.internal.sys.CharDevices;
import io.netns4j.internal.sys.CharDevices.DeviceNumber;
import io.netns4j.internal.sys.Errno;
import io.netns4j.internal.sys.Fd;
import io.netns4j.internal.sys.Sys;
import io.netns4j.internal.sys.SyscallException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The character device of a macvtap or ipvtap device (the two kinds share the kernel's tap driver and differ only in
 * the sysfs class that lists their character devices), opened non-blocking. Reads wait in {@code poll} on the device
 * and an eventfd, so that {@link #close()} from another thread wakes them (closing the descriptor alone would not); the
 * descriptor is closed only once no read or write uses it any more, so that its number cannot be reused under them.
 *
 * <h2>Finding /dev/tapN without udev</h2> The device number of {@code tapN} (N = the interface index) is read from
 * {@code class/macvtap/tapN/dev} (or {@code class/ipvtap/...}) of a sysfs mounted from inside the device's namespace
 * (sysfs lists the devices of the namespace that mounted it; the host's {@code /sys} shows none of a test namespace's,
 * and {@code /sys/dev/char} names them by paths that repeat across namespaces); the node is made in a private tmpfs and
 * opened there, all on a thread inside the namespace. See {@link CharDevices}. The queue's {@code virtio_net_hdr} is
 * then turned off, so that the kernel hands over wire-sized frames with complete checksums.
 */
final class MacvtapHandle implements MacvtapDevice {

    private static final int ETHERNET_HEADER = 14;
    /** The largest frame a read can return: a 64 KiB MTU, its header and a VLAN tag or two. */
    private static final int MAX_FRAME = 65536 + 32;
    private static final long WRITE_RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final String namespace;
    private final String kind;
    private final String name;
    private final int index;
    private final DeviceNumber number;
    private final Fd fd;
    private final Fd wake;
    private final Object lock = new Object();
    private int busy;
    private volatile boolean closed;

    private MacvtapHandle(String kind, String namespace, String name, int index, DeviceNumber number, Fd fd, Fd wake) {
        this.kind = kind;
        this.namespace = namespace;
        this.name = name;
        this.index = index;
        this.number = number;
        this.fd = fd;
        this.wake = wake;
    }

    /**
     * Opens the character device of device {@code name} (index {@code index}) of kind {@code kind}, {@code "macvtap"}
     * or {@code "ipvtap"}; call on a thread inside its namespace.
     */
    static MacvtapHandle open(String kind, String namespace, String name, int index) {
        String where = kind + " " + name + " in namespace " + namespace;
        DeviceNumber number;
        try {
            number = DeviceNumber.parse(CharDevices.readSysfs("class/" + kind + "/tap" + index + "/dev"));
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "Cannot find the character device of " + where + " (tap" + index + "): " + e.getMessage(), e);
        }
        Fd fd = CharDevices.open(number, Sys.O_RDWR | Sys.O_NONBLOCK, "/dev/tap" + index + " of " + where);
        try {
            CharDevices.tapWithoutVnetHeader(fd);
            return new MacvtapHandle(kind, namespace, name, index, number, fd,
                    Sys.eventfd("waking readers of " + where));
        } catch (RuntimeException e) {
            fd.close();
            throw e;
        }
    }

    @Override
    public String namespace() {
        return namespace;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public String deviceNumber() {
        return number.toString();
    }

    @Override
    public Optional<byte[]> read(Duration timeout) {
        byte[] buf = new byte[MAX_FRAME];
        int n = readFrame(buf, timeout);
        return n == 0 ? Optional.empty() : Optional.of(Arrays.copyOf(buf, n));
    }

    @Override
    public int read(ByteBuffer dst, Duration timeout) {
        Objects.requireNonNull(dst, "dst");
        byte[] buf = new byte[MAX_FRAME];
        int n = readFrame(buf, timeout);
        dst.put(buf, 0, Math.min(n, dst.remaining()));
        return n;
    }

    /** Reads one frame into {@code buf}; 0 if none came within the timeout. */
    private int readFrame(byte[] buf, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        enter();
        try {
            long deadline = System.nanoTime() + Math.min(timeout.toNanos(), Long.MAX_VALUE / 4);
            while (true) {
                try {
                    int n = Sys.read(fd, buf);
                    if (n > 0) {
                        return n;
                    }
                } catch (SyscallException e) {
                    if (!e.is(Errno.EAGAIN)) {
                        throw failed("read", e);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return 0;
                }
                int millis = (int) Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(left + 999_999));
                short[] revents = Sys.pollIn(millis, fd, wake);
                if (revents[1] != 0 || closed) {
                    throw closedException();
                }
            }
        } finally {
            leave();
        }
    }

    @Override
    public void write(byte[] frame) {
        Objects.requireNonNull(frame, "frame");
        write(ByteBuffer.wrap(frame));
    }

    @Override
    public void write(ByteBuffer frame) {
        Objects.requireNonNull(frame, "frame");
        int length = frame.remaining();
        if (length < ETHERNET_HEADER) {
            throw new IllegalArgumentException("A frame is at least an Ethernet header, 14 bytes; this one has "
                    + length + ". Write the destination and source MAC addresses, the EtherType, then the payload.");
        }
        byte[] out = new byte[length];
        frame.get(out);
        enter();
        try {
            long deadline = System.nanoTime() + WRITE_RETRY_NANOS;
            while (true) {
                try {
                    int n = Sys.write(fd, out, out.length);
                    if (n != out.length) {
                        throw new UncheckedIOException(new IOException(
                                "Writing a frame of " + length + " bytes to " + this + " wrote " + n + " bytes"));
                    }
                    return;
                } catch (SyscallException e) {
                    // The device's send buffer is full for a moment: wait for it briefly.
                    if (!e.is(Errno.EAGAIN) || System.nanoTime() > deadline || closed) {
                        throw failed("write a frame of " + length + " bytes to", e);
                    }
                    LockSupport.parkNanos(100_000);
                }
            }
        } finally {
            leave();
        }
    }

    @Override
    public boolean isOpen() {
        return !closed;
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        Sys.signal(wake);
        boolean interrupted = false;
        synchronized (lock) {
            while (busy > 0) {
                try {
                    lock.wait(100);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        try {
            fd.close();
        } finally {
            wake.close();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void enter() {
        synchronized (lock) {
            if (closed) {
                throw closedException();
            }
            busy++;
        }
    }

    private void leave() {
        synchronized (lock) {
            busy--;
            if (busy == 0) {
                lock.notifyAll();
            }
        }
    }

    private IllegalStateException closedException() {
        return new IllegalStateException(this + " is closed");
    }

    private UncheckedIOException failed(String what, SyscallException e) {
        return new UncheckedIOException(new IOException("Cannot " + what + " " + this + ": " + e.getMessage(), e));
    }

    @Override
    public String toString() {
        return kind + " device[" + name + " in namespace " + namespace + ", /dev/tap" + index + " (" + number + ")]";
    }
}
