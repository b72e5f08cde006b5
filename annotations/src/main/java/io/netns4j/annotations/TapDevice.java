package io.netns4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a TAP device: a layer-2 interface whose other end is the test itself. The frames the namespace sends out of
 * it are read from a descriptor, and frames written there arrive on it, so Java code can play the machine behind the
 * cable.
 *
 * <h2>Creation</h2> {@code /dev/net/tun} is opened on a thread inside {@link #ns()} (a TUN/TAP device belongs to the
 * namespace its descriptor was opened in) and attached with {@code TUNSETIFF} ({@code IFF_TAP}, {@code IFF_NO_PI}
 * unless {@link #packetInfo()}); then the addresses are added and the device is brought up. Equivalent to:
 * {@code ip tuntap add NAME mode tap}, a program holding it open, {@code ip addr add}, {@code ip link set up}.
 *
 * <h2>Carrier</h2> A TAP has carrier only while a descriptor is attached. With {@link #attached()} (the default) the
 * topology holds it from the build on, and the test starts with the device operationally up. With
 * {@code attached = false} the device is made persistent and no descriptor is held: it is up but {@code NO-CARRIER}
 * (operationally {@code DOWN}) until the test calls {@code attach()} on its handle.
 *
 * <h2>The handle</h2> Inject it with {@code @Dev(ns = "a", name = "tap0") Tap tap} or find it with
 * {@code ns.device("tap0", Tap.class)}: read and write whole frames with a timeout, attach, detach, read the carrier.
 *
 * <h2>Clean Up</h2> At teardown, or when the test closes the handle, the descriptors are closed and a device that is
 * not {@link #persistent()} is deleted; a persistent one goes with its namespace.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Repeatable(TapDevice.List.class)
public @interface TapDevice {

    /** The namespace of the device. */
    String ns();

    /** The device name, at most 15 bytes; empty for {@code tapN}, the first free number of the namespace. */
    String name() default "";

    /** Addresses in CIDR notation. */
    String[] address() default {};

    /**
     * The number of queues, 1 to 256. More than 1 makes a multi-queue device ({@code IFF_MULTI_QUEUE}) with one
     * descriptor per queue; the kernel spreads the flows it sends over them.
     */
    int queues() default 1;

    /**
     * Whether each frame read or written starts with the 4-byte {@code struct tun_pi} (flags and EtherType). Off by
     * default ({@code IFF_NO_PI}): a frame is just the frame.
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

    /** Container of repeated {@link TapDevice} declarations. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE })
    @interface List {
        TapDevice[] value();
    }
}
