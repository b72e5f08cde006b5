package io.netns4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a TUN device: a layer-3 interface whose other end is the test itself. The IP packets the namespace routes
 * out of it are read from a descriptor, with no link-layer header, and packets written there arrive on it, so Java code
 * can play a VPN, a tunnel endpoint or a router behind it.
 *
 * <h2>Creation</h2> {@code /dev/net/tun} is opened on a thread inside {@link #ns()} (a TUN/TAP device belongs to the
 * namespace its descriptor was opened in) and attached with {@code TUNSETIFF} ({@code IFF_TUN}, {@code IFF_NO_PI}
 * unless {@link #packetInfo()}); then the addresses are added and the device is brought up. Equivalent to:
 * {@code ip tuntap add NAME mode tun}, a program holding it open, {@code ip addr add}, {@code ip link set up}.
 *
 * <h2>Carrier</h2> A TUN has carrier only while a descriptor is attached. With {@link #attached()} (the default) the
 * topology holds it from the build on, and the test starts with the device operationally up. With
 * {@code attached = false} the device is made persistent and no descriptor is held: it is up but {@code NO-CARRIER}
 * (operationally {@code DOWN}) until the test calls {@code attach()} on its handle.
 *
 * <h2>The handle</h2> Inject it with {@code @Dev(ns = "a", name = "tun0") Tun tun} or find it with
 * {@code ns.device("tun0", Tun.class)}: read and write whole packets with a timeout, attach, detach, read the carrier.
 *
 * <h2>Clean Up</h2> At teardown, or when the test closes the handle, the descriptors are closed and a device that is
 * not {@link #persistent()} is deleted; a persistent one goes with its namespace.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Repeatable(TunDevice.List.class)
public @interface TunDevice {

    /** The namespace of the device. */
    String ns();

    /** The device name, at most 15 bytes; empty for {@code tunN}, the first free number of the namespace. */
    String name() default "";

    /** Addresses in CIDR notation. */
    String[] address() default {};

    /**
     * The address of the other end of a point-to-point link, e.g. {@code "10.8.0.2"}: each of {@link #address()} is
     * then added with this peer ({@code ip addr add 10.8.0.1/32 peer 10.8.0.2 dev tun0}), which also routes the peer
     * through the device. Empty for none.
     */
    String peer() default "";

    /**
     * The number of queues, 1 to 256. More than 1 makes a multi-queue device ({@code IFF_MULTI_QUEUE}) with one
     * descriptor per queue; the kernel spreads the flows it routes out over them.
     */
    int queues() default 1;

    /**
     * Whether each packet read or written starts with the 4-byte {@code struct tun_pi} (flags and EtherType). Off by
     * default ({@code IFF_NO_PI}): a packet is just the packet.
     */
    boolean packetInfo() default false;

    /**
     * Whether the device outlives its descriptors ({@code TUNSETPERSIST}): closing the handle then leaves it, without
     * carrier, until its namespace goes.
     */
    boolean persistent() default false;

    /**
     * Whether the topology attaches the descriptors when it builds the device, giving it carrier. With {@code false}
     * the device starts {@code NO-CARRIER}, and the handle's {@code attach()} gives it carrier.
     */
    boolean attached() default true;

    /** The uid allowed to attach to the device besides root ({@code TUNSETOWNER}); -1 for none. */
    int owner() default -1;

    /** The gid allowed to attach to the device besides root ({@code TUNSETGROUP}); -1 for none. */
    int group() default -1;

    /** Container of repeated {@link TunDevice} declarations. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE })
    @interface List {
        TunDevice[] value();
    }
}
