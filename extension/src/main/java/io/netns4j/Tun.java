package io.netns4j;

/**
 * A live TUN device (a layer-3 TUN/TAP device): what the kernel routes out of it are IPv4 and IPv6 packets read here,
 * with no link-layer header, and packets written here enter the kernel as if they had arrived on it. A Java program on
 * a TUN plays a VPN or a router at the other end: it reads a packet, and writes back whatever answer it likes.
 *
 * <p>
 * Declared with {@code @TunDevice} or {@link TopologyBuilder#tun(String, String, String...)}, and injected with
 * {@code @Dev(ns = "a", name = "tun0") Tun tun} or found with {@code ns.device("tun0", Tun.class)}.
 *
 * <p>
 * A TUN has carrier only while its descriptor is attached: see {@link TunTap} for carrier, queues, timeouts and
 * closing. (Named so that it and the annotation {@code @TunDevice} can be imported side by side.)
 */
public interface Tun extends TunTap {
}
