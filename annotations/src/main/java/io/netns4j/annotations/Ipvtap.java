package io.netns4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares an ipvtap device: an {@link Ipvlan} whose traffic goes to a character device ({@code /dev/tapN}) instead of
 * the namespace's network stack, as macvtap is to macvlan. The test reads and writes whole Ethernet frames through the
 * device's handle, of the same type as a macvtap's: {@code @Dev(ns = "vm", name = "ipvt0") MacvtapDevice tap}, or
 * {@code NetNs.device("ipvt0", MacvtapDevice.class)}.
 *
 * <h2>Addresses</h2> As for every ipvlan device, the parent hands a device the packets for the device's IP addresses
 * (in {@link IpvlanMode#L2}, broadcasts too): declare in {@link #address()} the addresses the program behind the
 * character device answers for. The device's frames carry the parent's MAC address.
 *
 * <h2>Creation</h2> Equivalent to: {@code ip link add NAME link PARENT netns NS type ipvtap mode l3 bridge} in
 * {@link #parentNs()}, then {@code ip addr add} and {@code ip link set up} in {@link #ns()}, and opening
 * {@code /dev/tapN} (N = the device's index) from inside {@link #ns()}. The descriptor is opened when the topology is
 * built and closed at teardown; nothing depends on udev.
 *
 * <h2>Kernel support</h2> Needs the kernel's {@code ipvtap} driver and its character devices; without them the test is
 * skipped with the reason (or fails, with {@code netns4j.missingKernelFeature=fail}). The rules of {@link Ipvlan} about
 * parents, modes and flags apply.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Repeatable(Ipvtap.List.class)
public @interface Ipvtap {

    /** The namespace of the device. */
    String ns();

    /** The device name, at most 15 bytes; empty for {@code ipvtapN}. */
    String name() default "";

    /** The parent device: a declared interface of {@link #parentNs()}. */
    String parent();

    /** The namespace of the parent; empty for {@link #ns()} itself. */
    String parentNs() default "";

    /** The mode; the kernel's default is {@link IpvlanMode#L3}. */
    IpvlanMode mode() default IpvlanMode.L3;

    /** Whether and how siblings on the same parent reach each other; by default directly ({@code bridge}). */
    IpvlanFlag flag() default IpvlanFlag.BRIDGE;

    /** The addresses the program behind the character device answers for, in CIDR notation. */
    String[] address() default {};

    /** Container of repeated {@link Ipvtap} declarations. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE })
    @interface List {
        Ipvtap[] value();
    }
}
