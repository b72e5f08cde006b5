package io.netns4j;

/**
 * A live TAP device (a layer-2 TUN/TAP device): what the kernel sends out of it are Ethernet frames read here, and
 * Ethernet frames written here enter the kernel as if they had arrived on it. A Java program on a TAP plays the machine
 * at the other end of a cable: it answers ARP for its address and then whatever IP traffic it likes.
 *
 * <p>
 * Declared with {@code @TapDevice} or {@link TopologyBuilder#tap(String, String, String...)}, and injected with
 * {@code @Dev(ns = "a", name = "tap0") Tap tap} or found with {@code ns.device("tap0", Tap.class)}.
 *
 * <p>
 * A TAP has carrier only while its descriptor is attached: see {@link TunTap} for carrier, queues, timeouts and
 * closing. (Named so that it and the annotation {@code @TapDevice} can be imported side by side.)
 */
public interface Tap extends TunTap {
}
