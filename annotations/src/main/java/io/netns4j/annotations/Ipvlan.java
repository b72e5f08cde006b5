package io.netns4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares an ipvlan device: a virtual interface on a parent Ethernet device (a veth end, a bridge, a dummy...) that
 * shares the parent's MAC address and is told apart from its siblings by its IP addresses alone. Where macvlan needs a
 * MAC address per device (and a switch that accepts many behind one port), ipvlan needs one.
 *
 * <pre>
 * &#64;NetNamespace("host")
 * &#64;NetNamespace("peer")
 * &#64;NetNamespace("c1")
 * &#64;VethLink(a = "host", aName = "eth0", b = "peer", bAddress = "10.0.0.2/24")
 * &#64;Ipvlan(ns = "c1", name = "ipv0", parent = "eth0", parentNs = "host", mode = IpvlanMode.L2, address = "10.0.0.3/24")
 * </pre>
 *
 * <h2>Creation</h2> The device is created in the parent's namespace and moved into {@link #ns()} in the same request
 * ({@code IFLA_LINK} = the parent's index, {@code IFLA_NET_NS_FD} = the target namespace when it differs), then given
 * its addresses and brought up. Equivalent to: {@code ip link add NAME link PARENT netns NS type ipvlan mode l3 bridge}
 * in {@link #parentNs()}, then {@code ip addr add} and {@code ip link set up} in {@link #ns()}.
 *
 * <h2>Rules of the kernel</h2> A parent carries either macvlan or ipvlan devices, not both. All ipvlan (and
 * {@link Ipvtap}) devices of one parent share one {@link #mode()} and one {@link #flag()}. The parent must be an
 * Ethernet device other than {@code lo}.
 *
 * <h2>Kernel support</h2> Needs the kernel's {@code ipvlan} driver; without it the test is skipped with the reason (or
 * fails, with {@code netns4j.missingKernelFeature=fail}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Repeatable(Ipvlan.List.class)
public @interface Ipvlan {

    /** The namespace of the device. */
    String ns();

    /** The device name, at most 15 bytes; empty for {@code ipvlanN}. */
    String name() default "";

    /** The parent device: a declared interface of {@link #parentNs()}. */
    String parent();

    /** The namespace of the parent; empty for {@link #ns()} itself. */
    String parentNs() default "";

    /** The mode; the kernel's default is {@link IpvlanMode#L3}. */
    IpvlanMode mode() default IpvlanMode.L3;

    /** Whether and how siblings on the same parent reach each other; by default directly ({@code bridge}). */
    IpvlanFlag flag() default IpvlanFlag.BRIDGE;

    /** Addresses in CIDR notation. */
    String[] address() default {};

    /** Container of repeated {@link Ipvlan} declarations. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE })
    @interface List {
        Ipvlan[] value();
    }
}
