package io.netns4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a macvlan device: an interface with a MAC address of its own on top of a parent Ethernet device (a veth end,
 * a bridge, a dummy...), as if a second network card were plugged into the same switch.
 *
 * <p>
 * Equivalent to: {@code ip link add link PARENT name NAME [address MAC] netns NS type macvlan mode MODE [macaddr set
 * MAC...]}, run in the parent's namespace, then {@code ip addr add} and {@code ip link set up} inside {@link #ns()}.
 * The device is created straight into its namespace; the test starts once it is operationally up. Needs the kernel's
 * {@code macvlan} driver; without it the test is skipped with the reason.
 *
 * <h2>Parent</h2> {@link #parent()} names a declared interface of {@link #parentNs()} (by default {@link #ns()}
 * itself): several macvlan devices on one parent, each in a namespace of its own, make a LAN without a bridge.
 *
 * <h2>Modes</h2> See {@link MacvlanMode}: {@link MacvlanMode#BRIDGE} (the default here; {@code ip}'s default is
 * {@code vepa}), {@link MacvlanMode#VEPA}, {@link MacvlanMode#PRIVATE}, {@link MacvlanMode#PASSTHRU} (alone on its
 * parent, with the parent's MAC address) and {@link MacvlanMode#SOURCE} (with {@link #macaddrs()}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Repeatable(Macvlan.List.class)
public @interface Macvlan {

    /** The namespace of the device. */
    String ns();

    /** The device name, at most 15 bytes; empty for {@code macvlanN}. */
    String name() default "";

    /** The parent device: a declared interface of {@link #parentNs()}, e.g. {@code "eth0"}. */
    String parent();

    /** The namespace of the parent; empty for {@link #ns()}. */
    String parentNs() default "";

    /** How the device shares its parent with its siblings. */
    MacvlanMode mode() default MacvlanMode.BRIDGE;

    /** The device's MAC address, e.g. {@code "02:00:00:00:00:01"}; empty for a random one. */
    String mac() default "";

    /** With {@link MacvlanMode#SOURCE} only: the MAC addresses of the senders whose frames the device receives. */
    String[] macaddrs() default {};

    /** Addresses in CIDR notation. */
    String[] address() default {};

    /** Container of repeated {@link Macvlan} declarations. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE })
    @interface List {
        Macvlan[] value();
    }
}
