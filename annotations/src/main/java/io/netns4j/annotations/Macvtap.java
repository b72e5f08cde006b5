package io.netns4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a macvtap device: a {@link Macvlan} whose frames go to a character device ({@code /dev/tapN}) instead of the
 * namespace's network stack, the way a VM's network card is attached to a host. The test reads and writes whole
 * Ethernet frames through the device's handle: {@code @Dev(ns = "vm", name = "mt0") MacvtapDevice tap}, or
 * {@code NetNs.device("mt0", MacvtapDevice.class)}.
 *
 * <p>
 * Equivalent to: {@code ip link add link PARENT name NAME [address MAC] netns NS type macvtap mode MODE [macaddr set
 * MAC...]}, run in the parent's namespace, then {@code ip addr add} and {@code ip link set up} inside {@link #ns()},
 * and opening {@code /dev/tapN} from inside {@link #ns()}. Needs the kernel's {@code macvtap} driver and its character
 * devices; without them the test is skipped with the reason.
 *
 * <h2>The character device</h2> Nothing depends on udev: netns4j reads the device number from a private sysfs view of
 * the device's namespace and opens it through a node in a private, unattached tmpfs that nobody else can see. The
 * descriptor is opened when the topology is built and closed at teardown.
 *
 * <h2>Parent and modes</h2> As for {@link Macvlan}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Repeatable(Macvtap.List.class)
public @interface Macvtap {

    /** The namespace of the device. */
    String ns();

    /** The device name, at most 15 bytes; empty for {@code macvtapN}. */
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

    /** Addresses in CIDR notation (a macvtap device rarely needs one: its traffic is the test's). */
    String[] address() default {};

    /** Container of repeated {@link Macvtap} declarations. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE })
    @interface List {
        Macvtap[] value();
    }
}
