package io.netns4j;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;

/**
 * The character device of a macvtap interface ({@code /dev/tapN}), opened for the test: whole Ethernet frames in and
 * out, as a VM's network card would see them. Frames the parent receives for the device's MAC address (and broadcasts)
 * are read here; frames written here leave through the parent.
 *
 * <p>
 * Get it with {@code @Dev(ns = "vm", name = "mt0") MacvtapDevice tap} or {@code NetNs.device("mt0",
 * MacvtapDevice.class)} for a device declared with {@code @Macvtap} or {@code Topology.builder().macvtap(...)}.
 *
 * <h2>Frames</h2> A frame is the Ethernet header and payload, without preamble or frame check sequence; there is no
 * {@code virtio_net_hdr} in front of it (netns4j turns that off), and large segments are split and checksums completed
 * by the kernel, so every frame read is one that could be on a wire.
 *
 * <h2>Threads</h2> Reads and writes may come from any threads, also at the same time.
 *
 * <h2>Clean Up</h2> The topology's teardown closes it. {@link #close()} closes it earlier; a read that waits at that
 * moment returns at once, with an {@link IllegalStateException}, as does every later use.
 */
public interface MacvtapDevice extends AutoCloseable {

    /** The namespace of the interface. */
    String namespace();

    /** The interface name, e.g. {@code mt0}. */
    String name();

    /** The interface index in its namespace: the {@code N} of {@code /dev/tapN}. */
    int index();

    /** The character device's number, {@code MAJOR:MINOR}, e.g. {@code 246:3}. */
    String deviceNumber();

    /**
     * Waits up to {@code timeout} for the next frame.
     *
     * @return the frame, or empty if none arrived in time
     *
     * @throws IllegalStateException
     *             if the device is closed, also while waiting
     */
    Optional<byte[]> read(Duration timeout);

    /**
     * Waits up to {@code timeout} for the next frame and copies it into {@code dst}, at its position. A frame longer
     * than {@code dst.remaining()} is cut there; the returned length tells (as {@code MSG_TRUNC} does).
     *
     * @return the frame's full length, 0 if none arrived in time
     *
     * @throws IllegalStateException
     *             if the device is closed, also while waiting
     */
    int read(ByteBuffer dst, Duration timeout);

    /**
     * Sends one frame out through the parent, as if the VM behind the device had sent it.
     *
     * @param frame
     *            a whole Ethernet frame, at least 14 bytes (the header), without frame check sequence
     *
     * @throws IllegalArgumentException
     *             if the frame is shorter than an Ethernet header
     * @throws java.io.UncheckedIOException
     *             if the kernel refuses the frame
     */
    void write(byte[] frame);

    /** Sends the frame between {@code frame}'s position and limit; see {@link #write(byte[])}. */
    void write(ByteBuffer frame);

    /** Whether the device is still open. */
    boolean isOpen();

    /** Closes the character device; a waiting read returns. Later calls do nothing. */
    @Override
    void close();
}
