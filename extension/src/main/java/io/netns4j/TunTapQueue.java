package io.netns4j;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;

/**
 * The reads and writes of a TUN/TAP device ({@link TunTap}) or of one of its queues ({@link TunTap#queue(int)}). Each
 * read returns one whole frame (TAP) or packet (TUN), each write sends one: starting with a 4-byte
 * {@code struct tun_pi} (flags and EtherType) if the device was declared with {@code packetInfo = true}, and with the
 * frame itself otherwise.
 *
 * <p>
 * Every method throws {@link IllegalStateException} if the device is closed or detached (also when that happens while a
 * read waits), if the device was deleted, or if the reading thread is interrupted (its interrupt status is kept).
 */
public interface TunTapQueue {

    /**
     * Waits at most {@code timeout} for a frame and returns it.
     *
     * @param timeout
     *            how long to wait; {@link Duration#ZERO} only takes a frame that is already waiting
     *
     * @return the frame, or empty if none came in time
     */
    Optional<byte[]> read(Duration timeout);

    /**
     * Waits at most {@code timeout} for a frame and puts it into {@code dst} from its position, advancing it. A frame
     * longer than {@code dst.remaining()} is cut to fit and its rest is lost: the returned length then exceeds what was
     * put into {@code dst}, as {@code recv(MSG_TRUNC)} reports it.
     *
     * @return the frame's length, or 0 if none came in time
     */
    int read(ByteBuffer dst, Duration timeout);

    /**
     * Sends one frame (TAP: an Ethernet frame of at least 14 bytes; TUN: an IPv4 or IPv6 packet) into the kernel, as if
     * the device had received it.
     *
     * @throws IllegalArgumentException
     *             if the frame is shorter than the kernel takes (a TAP frame shorter than an Ethernet header)
     * @throws java.io.UncheckedIOException
     *             if the kernel refuses the frame, e.g. a TUN packet that is neither IPv4 nor IPv6 ({@code EINVAL})
     */
    void write(byte[] frame);

    /** Sends {@code frame}'s remaining bytes as one frame, advancing its position to its limit. */
    void write(ByteBuffer frame);
}
