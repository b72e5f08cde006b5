package io.netns4j.internal.runtime;

import io.netns4j.Link;
import io.netns4j.NetNs;
import io.netns4j.TunTap;
import io.netns4j.internal.netlink.LinkMessage;
import io.netns4j.internal.netlink.LinkRequests;
import io.netns4j.internal.netlink.NetlinkException;
import io.netns4j.internal.netlink.Nl;
import io.netns4j.internal.sys.Errno;
import io.netns4j.internal.sys.Fd;
import io.netns4j.internal.sys.Sys;
import io.netns4j.internal.sys.SyscallException;
import io.netns4j.internal.sys.Tun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * A TUN or TAP device of a topology and the descriptors attached to it, one per queue.
 *
 * <p>
 * <b>Threads.</b> Reads wait in {@code poll} on the queues' descriptors and on an eventfd; {@link #close()} and
 * {@link #detach()} signal the eventfd first, so that every waiting reader wakes and leaves, then take the write lock
 * (which readers and writers hold shared while they use the descriptors) and only then close the descriptors: a
 * descriptor is never closed under a thread using its number.
 */
abstract class TunTapHandle implements TunTap {

    /** Longest a read waits in one {@code poll}, so that it notices an interrupt of its thread. */
    private static final int POLL_SLICE_MILLIS = 100;

    private final Namespace ns;
    private final String name;
    private final String kind;
    private final int flags;
    private final int queueCount;
    private final boolean persistent;
    private final Duration operstateTimeout;
    /** The shortest frame the kernel takes: an Ethernet header for a TAP, one byte for a TUN, with a tun_pi. */
    private final int minimumFrame;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Fd wake;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<io.netns4j.TunTapQueue> views = new ArrayList<>();
    /** The attached queues, empty while detached; replaced under the write lock. */
    private volatile List<Tun> queues = List.of();
    /** Whether the device exists (the build got as far as creating it). Under the write lock. */
    private boolean created;
    /** Whether TUNSETPERSIST is on: asked for, or set to keep a detached device. Under the write lock. */
    private boolean kernelPersistent;

    private TunTapHandle(Namespace ns, String name, String kind, int flags, int queueCount, boolean persistent,
            Duration operstateTimeout) {
        this.ns = ns;
        this.name = name;
        this.kind = kind;
        this.flags = flags | (queueCount > 1 ? Tun.IFF_MULTI_QUEUE : 0);
        this.queueCount = queueCount;
        this.persistent = persistent;
        this.operstateTimeout = operstateTimeout;
        this.minimumFrame = ((flags & Tun.IFF_TAP) != 0 ? 14 : 1) + ((flags & Tun.IFF_NO_PI) == 0 ? 4 : 0);
        this.wake = Sys.eventfd("waking the readers of " + this);
        for (int i = 0; i < queueCount; i++) {
            views.add(new QueueView(i));
        }
    }

    /** A TAP device. */
    static final class TapHandle extends TunTapHandle implements io.netns4j.Tap {
        TapHandle(Namespace ns, String name, int queues, boolean packetInfo, boolean persistent, Duration timeout) {
            super(ns, name, "TAP", Tun.IFF_TAP | (packetInfo ? 0 : Tun.IFF_NO_PI), queues, persistent, timeout);
        }
    }

    /** A TUN device. */
    static final class TunHandle extends TunTapHandle implements io.netns4j.Tun {
        TunHandle(Namespace ns, String name, int queues, boolean packetInfo, boolean persistent, Duration timeout) {
            super(ns, name, "TUN", Tun.IFF_TUN | (packetInfo ? 0 : Tun.IFF_NO_PI), queues, persistent, timeout);
        }
    }

    // ---- building

    /**
     * Builds the device of {@code handle}: registers the handle with the topology (so that a failure later in the build
     * closes it), creates the device inside its namespace, without carrier, with all its queues, sets owner, group and
     * persistence, detaches if asked, and brings the device up; attached, it then turns the carrier on and returns once
     * the device is operationally up.
     */
    static void build(TunTapHandle handle, int owner, int group, boolean attached, BuildContext context) {
        if (owner >= 0) {
            UserNamespace.current().requireMapped(owner, false, "owner of " + handle);
        }
        if (group >= 0) {
            UserNamespace.current().requireMapped(group, true, "group of " + handle);
        }
        context.own(handle.ns.name(), handle.name, handle);
        handle.create(owner, group, attached);
        Namespace ns = handle.ns;
        ns.rtnl().ack(LinkRequests.setUp(ns.index(handle.name), handle.name, true));
        if (attached) {
            // Created without carrier: turning it on now, with the device up, has the kernel compute the operational
            // state (UP), which would otherwise stay UNKNOWN.
            handle.setCarrier(true);
        } else {
            // Up without carrier: handed over once the kernel says DOWN (see awaitOperstate).
            handle.awaitOperstate(false);
        }
    }

    private void create(int owner, int group, boolean attached) {
        lock.writeLock().lock();
        try {
            List<Tun> opened = ns.inside(() -> open(true));
            created = true;
            Tun first = opened.get(0);
            try {
                if (owner >= 0) {
                    first.setOwner(owner);
                }
                if (group >= 0) {
                    first.setGroup(group);
                }
                if (persistent || !attached) {
                    first.setPersistent(true);
                    kernelPersistent = true;
                }
            } catch (RuntimeException e) {
                opened.forEach(Tun::close);
                throw e;
            }
            if (attached) {
                queues = List.copyOf(opened);
            } else {
                opened.forEach(Tun::close);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Opens and attaches every queue; runs inside the namespace. */
    private List<Tun> open(boolean create) {
        List<Tun> opened = new ArrayList<>();
        try {
            for (int i = 0; i < queueCount; i++) {
                int f = flags | (create && i == 0 ? Tun.IFF_TUN_EXCL | Tun.IFF_NO_CARRIER : 0);
                opened.add(Tun.open(name, f, this + (queueCount > 1 ? ", queue " + i : "")));
            }
            return opened;
        } catch (RuntimeException e) {
            opened.forEach(Tun::close);
            throw e;
        }
    }

    // ---- TunTap

    @Override
    public NetNs namespace() {
        return ns;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Link link() {
        return ns.link(name);
    }

    @Override
    public boolean carrier() {
        return ns.rtnl().getOne(LinkRequests.get(name)).attributes(16).u8(Nl.IFLA_CARRIER, 0) != 0;
    }

    @Override
    public void setCarrier(boolean on) {
        lock.readLock().lock();
        try {
            attachedQueues().get(0).setCarrier(on);
        } finally {
            lock.readLock().unlock();
        }
        awaitOperstate(on);
    }

    @Override
    public boolean isOpen() {
        return !closed.get();
    }

    @Override
    public boolean isAttached() {
        return !closed.get() && !queues.isEmpty();
    }

    @Override
    public void attach() {
        lock.writeLock().lock();
        try {
            if (closed.get()) {
                throw new IllegalStateException(this + " is closed");
            }
            if (!queues.isEmpty()) {
                return;
            }
            drainWake();
            queues = List.copyOf(ns.inside(() -> open(false)));
        } finally {
            lock.writeLock().unlock();
        }
        awaitOperstate(true);
    }

    @Override
    public void detach() {
        lock.readLock().lock();
        try {
            if (closed.get() || queues.isEmpty()) {
                return;
            }
            Sys.signal(wake);
        } finally {
            lock.readLock().unlock();
        }
        lock.writeLock().lock();
        try {
            if (closed.get()) {
                return;
            }
            if (!queues.isEmpty()) {
                if (!kernelPersistent) {
                    queues.get(0).setPersistent(true);
                    kernelPersistent = true;
                }
                closeQueues();
            }
            drainWake();
        } finally {
            lock.writeLock().unlock();
        }
        awaitOperstate(false);
    }

    @Override
    public int queues() {
        return queueCount;
    }

    @Override
    public io.netns4j.TunTapQueue queue(int index) {
        Objects.checkIndex(index, queueCount);
        return views.get(index);
    }

    @Override
    public Optional<byte[]> read(Duration timeout) {
        return Optional.ofNullable(await(-1, timeout, Tun::read, null));
    }

    @Override
    public int read(ByteBuffer dst, Duration timeout) {
        Objects.requireNonNull(dst, "dst");
        return await(-1, timeout, q -> {
            int n = q.read(dst);
            return n < 0 ? null : n;
        }, 0);
    }

    @Override
    public void write(byte[] frame) {
        write(0, ByteBuffer.wrap(frame));
    }

    @Override
    public void write(ByteBuffer frame) {
        write(0, frame);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Sys.signal(wake);
        boolean stays = false;
        lock.writeLock().lock();
        try {
            if (!queues.isEmpty()) {
                if (kernelPersistent && !persistent) {
                    queues.get(0).setPersistent(false);
                }
                // The last queue closed takes a device that is not persistent with it.
                closeQueues();
                stays = persistent;
            } else if (created && !persistent) {
                delete();
            }
        } finally {
            wake.close();
            lock.writeLock().unlock();
        }
        if (stays) {
            awaitOperstate(false);
        }
    }

    /** Makes the wake-up eventfd unreadable again after a detach. Called with the write lock held. */
    private void drainWake() {
        try {
            Sys.read(wake, new byte[8]);
        } catch (SyscallException e) {
            if (!e.is(Errno.EAGAIN)) {
                throw e;
            }
        }
    }

    private void closeQueues() {
        List<Tun> qs = queues;
        queues = List.of();
        RuntimeException failure = null;
        for (Tun q : qs) {
            try {
                q.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Deletes a detached device that no descriptor holds. Equivalent to: {@code ip link del NAME}. */
    private void delete() {
        try {
            ns.rtnl().ack(LinkRequests.delete(ns.index(name), name));
        } catch (NetlinkException e) {
            if (!e.is(Errno.ENODEV)) {
                throw e;
            }
        }
    }

    // ---- reading and writing

    /** The attached queues; throws if there are none. Called with a lock held. */
    private List<Tun> attachedQueues() {
        if (closed.get()) {
            throw new IllegalStateException(this + " is closed");
        }
        List<Tun> qs = queues;
        if (qs.isEmpty()) {
            throw new IllegalStateException(this + " is detached: call attach() first");
        }
        return qs;
    }

    private void write(int queue, ByteBuffer frame) {
        Objects.requireNonNull(frame, "frame");
        int length = frame.remaining();
        if (length < minimumFrame) {
            throw new IllegalArgumentException(tooShort(length));
        }
        lock.readLock().lock();
        try {
            attachedQueues().get(queue).write(frame);
        } catch (SyscallException e) {
            throw new UncheckedIOException(new IOException(
                    "Writing a frame of " + length + " bytes to " + this + " failed: " + e.getMessage(), e));
        } finally {
            lock.readLock().unlock();
        }
    }

    private String tooShort(int length) {
        boolean tap = (flags & Tun.IFF_TAP) != 0;
        boolean pi = (flags & Tun.IFF_NO_PI) == 0;
        return "A frame of " + this + " is at least " + minimumFrame + " bytes"
                + (tap ? " (" + (pi ? "the 4-byte packet information and " : "") + "an Ethernet header)"
                        : pi ? " (the 4-byte packet information and a packet)" : "")
                + "; this one has " + length + "."
                + (tap ? " Write the destination and source MAC addresses, the EtherType, then the payload." : "");
    }

    /**
     * Waits until queue {@code queue} (or any queue, for -1) has a frame, and takes it with {@code take}, which returns
     * null if another reader was faster.
     */
    private <T> T await(int queue, Duration timeout, Function<Tun, T> take, T none) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        long deadline = System.nanoTime() + saturatedNanos(timeout);
        lock.readLock().lock();
        try {
            List<Tun> qs = attachedQueues();
            List<Tun> polled = queue < 0 ? qs : List.of(qs.get(queue));
            Fd[] fds = new Fd[polled.size() + 1];
            for (int i = 0; i < polled.size(); i++) {
                fds[i] = polled.get(i).fd();
            }
            fds[polled.size()] = wake;
            while (true) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new IllegalStateException("Interrupted while reading " + this);
                }
                long left = deadline - System.nanoTime();
                int millis = (int) Math.min(POLL_SLICE_MILLIS, Math.max(0, (left + 999_999) / 1_000_000));
                short[] revents = Sys.pollIn(millis, fds);
                if (revents[polled.size()] != 0) {
                    throw new IllegalStateException(
                            this + (closed.get() ? " was closed" : " was detached") + " while a read waited");
                }
                for (int i = 0; i < polled.size(); i++) {
                    if (revents[i] != 0) {
                        // POLLERR means the device is gone: the read then says so.
                        T t = take.apply(polled.get(i));
                        if (t != null) {
                            return t;
                        }
                        if ((revents[i] & (Sys.POLLERR | Sys.POLLHUP)) != 0) {
                            throw new IllegalStateException(this + " can no longer be read (poll: POLLERR)");
                        }
                    }
                }
                if (deadline - System.nanoTime() <= 0) {
                    return none;
                }
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 2;
        }
    }

    /**
     * If the device is administratively up, waits until its operational state follows its carrier: {@code UP} with it;
     * without it, a state the kernel has computed from the missing carrier ({@code DOWN}), not {@code UP} and not
     * {@code UNKNOWN}.
     *
     * <p>
     * The kernel computes the state in its link-watch work, which it runs at once for some changes and up to a second
     * later for others (a carrier lost, a device brought up without carrier). Until then the state is the previous one,
     * or {@code UNKNOWN} for a device that has just come up: Linux 6.1 shows a TAP brought up without carrier as
     * {@code UNKNOWN} for up to a second (and {@code ip link} then prints no {@code NO-CARRIER}), where later kernels
     * show {@code DOWN} at once. A TUN/TAP device always reports its carrier, so {@code UNKNOWN} with the device up is
     * only ever this transient state.
     */
    private void awaitOperstate(boolean up) {
        long deadline = System.nanoTime() + operstateTimeout.toNanos();
        // Most changes show at once; the delayed ones take up to a second: poll soon, then back off to 10 ms.
        long pause = TimeUnit.MICROSECONDS.toNanos(50);
        while (true) {
            LinkMessage l = ns.linkMessage(name);
            int state = l.operstate();
            if (!l.isUp() || (up ? state == Nl.IF_OPER_UP : state != Nl.IF_OPER_UP && state != Nl.IF_OPER_UNKNOWN)) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException(this + " is still operationally " + Nl.operstateName(l.operstate())
                        + " " + operstateTimeout.toMillis() + " ms after its carrier went " + (up ? "on" : "off")
                        + "; raise " + io.netns4j.Netns4jConfig.OPERSTATE_TIMEOUT + " if the machine is very busy");
            }
            LockSupport.parkNanos(pause);
            pause = Math.min(pause * 2, TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    @Override
    public String toString() {
        return kind + " " + name + " in namespace " + ns.name();
    }

    /** One queue's reads and writes. */
    private final class QueueView implements io.netns4j.TunTapQueue {

        private final int index;

        QueueView(int index) {
            this.index = index;
        }

        @Override
        public Optional<byte[]> read(Duration timeout) {
            return Optional.ofNullable(await(index, timeout, Tun::read, null));
        }

        @Override
        public int read(ByteBuffer dst, Duration timeout) {
            Objects.requireNonNull(dst, "dst");
            return await(index, timeout, q -> {
                int n = q.read(dst);
                return n < 0 ? null : n;
            }, 0);
        }

        @Override
        public void write(byte[] frame) {
            TunTapHandle.this.write(index, ByteBuffer.wrap(frame));
        }

        @Override
        public void write(ByteBuffer frame) {
            TunTapHandle.this.write(index, frame);
        }

        @Override
        public String toString() {
            return "queue " + index + " of " + TunTapHandle.this;
        }
    }
}
