package io.netns4j;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;

/**
 * A live TAP or TUN device and the test's end of it: the descriptors of {@code /dev/net/tun} attached to the device.
 * What the kernel sends out of the device is read here; what is written here enters the kernel as if the device had
 * received it. A TAP carries Ethernet frames ({@link Tap}), a TUN carries IP packets ({@link Tun}).
 *
 * <h2>Reading and writing</h2> One read returns one whole frame, one write injects one whole frame. Reads wait at most
 * the given timeout; a reader blocked in {@link #read(Duration)} wakes at once when the device is {@link #close()
 * closed} or {@link #detach() detached} from another thread. The kernel's own traffic arrives too: once the device is
 * up it sends IPv6 router solicitations and multicast listener reports, so a program on the device looks at each frame
 * and skips what it does not answer ({@link io.netns4j.packet.Packet#decode Packet.decode} tells them apart).
 *
 * <h2>Carrier</h2> The device has carrier while a descriptor is attached, and only then: without one it is
 * {@code NO-CARRIER} and operationally {@code DOWN}, even when administratively up, and the kernel sends nothing into
 * it. The topology attaches the descriptors when it builds the device, so a declared device is operationally up when
 * the test starts; one declared with {@code attached = false} starts without carrier until {@link #attach()}.
 *
 * <h2>Queues</h2> A device declared with {@code queues = N} ({@code IFF_MULTI_QUEUE}) has N descriptors; the kernel
 * spreads the flows it sends over them. {@link #read(Duration)} reads whichever queue has a frame first,
 * {@link #write(byte[])} writes through queue 0, and {@link #queue(int)} reads and writes one queue.
 *
 * <h2>Clean Up</h2> {@link #close()} closes the descriptors; a device that is not persistent disappears with them. The
 * topology closes every device at teardown.
 */
public interface TunTap extends TunTapQueue, AutoCloseable {

    /** The namespace the device lives in. */
    NetNs namespace();

    /** The device name, e.g. {@code tap0}. */
    String name();

    /** The device as a link of its namespace: its state, addresses, up and down. */
    Link link();

    /**
     * Whether the device has carrier ({@code IFLA_CARRIER}, read over netlink): true while a descriptor is attached
     * (and {@link #setCarrier(boolean)} did not turn it off), false otherwise, whether the device is up or not.
     */
    boolean carrier();

    /**
     * Turns the carrier off or on while the descriptors stay attached ({@code TUNSETCARRIER}, Linux 5.0 and later), as
     * a pulled and replugged cable would: the device becomes {@code NO-CARRIER} and operationally down, and up again.
     * Attaching turns it on again too.
     *
     * @throws IllegalStateException
     *             if the device is detached or closed
     */
    void setCarrier(boolean on);

    /** Whether the handle is open: {@link #close()} was not called, and the topology was not torn down. */
    boolean isOpen();

    /** Whether the descriptors are attached (the device then has carrier). */
    boolean isAttached();

    /**
     * Attaches the descriptors to the device (one per queue), as a user-space program opening the device would: the
     * device gets its carrier and, if it is administratively up, becomes operationally up before this returns. Does
     * nothing if they are attached.
     *
     * @throws IllegalStateException
     *             if the device is closed or was deleted
     */
    void attach();

    /**
     * Closes the descriptors but keeps the device (making it persistent if need be): it loses its carrier, and the
     * kernel drops what it sends into it. Blocked readers wake and fail. Does nothing if they are detached.
     */
    void detach();

    /** The number of queues (descriptors) of the device: 1 unless declared with {@code queues = N}. */
    int queues();

    /**
     * One queue of a multi-queue device.
     *
     * @param index
     *            from 0 to {@link #queues()} - 1
     *
     * @throws IndexOutOfBoundsException
     *             if there is no such queue
     */
    TunTapQueue queue(int index);

    /**
     * Closes the descriptors. A device that is not persistent is deleted ({@link NetNs#links()} no longer lists it); a
     * persistent one stays, without carrier, until its namespace goes. Blocked readers wake and fail. Later calls do
     * nothing.
     */
    @Override
    void close();

    /**
     * Options of a TAP or TUN device declared with {@link TopologyBuilder#tap(String, String, Options, String...)} or
     * {@link TopologyBuilder#tun(String, String, Options, String...)}; they mean what the attributes of the same name
     * of {@code @TapDevice} and {@code @TunDevice} mean. Immutable: each method returns a changed copy.
     *
     * @param queues
     *            the number of queues, 1 to 256; more than 1 makes the device multi-queue
     * @param packetInfo
     *            whether each frame starts with a {@code struct tun_pi} (no {@code IFF_NO_PI})
     * @param persistent
     *            whether the device outlives its descriptors ({@code TUNSETPERSIST})
     * @param attached
     *            whether the topology attaches the descriptors when it builds the device
     * @param owner
     *            the uid allowed to attach besides root ({@code TUNSETOWNER}), -1 for none
     * @param group
     *            the gid allowed to attach besides root ({@code TUNSETGROUP}), -1 for none
     * @param peer
     *            TUN only: the address of the other end of the point-to-point link, empty for none
     */
    record Options(int queues, boolean packetInfo, boolean persistent, boolean attached, int owner, int group,
            String peer) {

        /**
         * Options as given.
         *
         * @throws NullPointerException
         *             if {@code peer} is null (empty means none)
         */
        public Options {
            if (peer == null) {
                throw new NullPointerException("TunTap.Options(...): argument peer is null; use \"\" for none");
            }
        }

        /** The defaults, the same as the annotations': one queue, no packet information, not persistent, attached. */
        public static Options defaults() {
            return new Options(1, false, false, true, -1, -1, "");
        }

        /** A copy with {@code count} queues. */
        public Options queues(int count) {
            return new Options(count, packetInfo, persistent, attached, owner, group, peer);
        }

        /** A copy with or without packet information. */
        public Options packetInfo(boolean on) {
            return new Options(queues, on, persistent, attached, owner, group, peer);
        }

        /** A copy that is, or is not, persistent. */
        public Options persistent(boolean on) {
            return new Options(queues, packetInfo, on, attached, owner, group, peer);
        }

        /** A copy whose descriptors are, or are not, attached at build. */
        public Options attached(boolean on) {
            return new Options(queues, packetInfo, persistent, on, owner, group, peer);
        }

        /** A copy that lets {@code uid} attach. */
        public Options owner(int uid) {
            return new Options(queues, packetInfo, persistent, attached, uid, group, peer);
        }

        /** A copy that lets group {@code gid} attach. */
        public Options group(int gid) {
            return new Options(queues, packetInfo, persistent, attached, owner, gid, peer);
        }

        /** A copy with the TUN peer address {@code address}. */
        public Options peer(String address) {
            return new Options(queues, packetInfo, persistent, attached, owner, group, address);
        }
    }
}
