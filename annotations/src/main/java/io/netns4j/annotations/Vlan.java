package io.netns4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a VLAN device: an interface on a parent Ethernet device (a veth end, a bridge, a dummy, another VLAN) that
 * sends every frame with an IEEE 802.1Q (or 802.1ad) tag carrying {@link #id()}, and receives the parent's frames
 * tagged with that id, untagged. Two namespaces joined by a veth pair, each with a VLAN device of the same id on its
 * end, talk over the tagged VLAN; a capture on the veth shows the tags.
 *
 * <pre>
 * &#64;VethLink(a = "left", aName = "eth0", b = "right", bName = "eth0")
 * &#64;Vlan(ns = "left", name = "eth0.100", parent = "eth0", id = 100, address = "10.100.0.1/24")
 * &#64;Vlan(ns = "right", name = "eth0.100", parent = "eth0", id = 100, address = "10.100.0.2/24")
 * </pre>
 *
 * <h2>Creation</h2> The device is created in the parent's namespace and moved into {@link #ns()} in the same request
 * when that differs ({@code IFLA_LINK} = the parent's index, {@code IFLA_NET_NS_FD}), then given its addresses and
 * brought up. Equivalent to: {@code ip link add link PARENT name NAME netns NS type vlan protocol 802.1Q id ID} in
 * {@link #parentNs()}, then {@code ip addr add} and {@code ip link set up} in {@link #ns()}.
 *
 * <h2>Kernel support</h2> Needs the kernel's {@code 8021q} module (link kind {@code vlan}); without it the test is
 * skipped with the reason (or fails, with {@code netns4j.missingKernelFeature=fail}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Repeatable(Vlan.List.class)
public @interface Vlan {

    /** The namespace of the device. */
    String ns();

    /**
     * The device name, at most 15 bytes (often {@code PARENT.ID}, e.g. {@code "eth0.100"}); empty for {@code vlanN}.
     */
    String name() default "";

    /** The parent device: a declared interface of {@link #parentNs()}. */
    String parent();

    /** The namespace of the parent; empty for {@link #ns()} itself. */
    String parentNs() default "";

    /** The VLAN id, 1 to 4094 (0 and 4095 are reserved). */
    int id();

    /** The tag's protocol: an 802.1Q customer tag (the default) or an 802.1ad service tag. */
    VlanProtocol protocol() default VlanProtocol.IEEE_802_1Q;

    /** Addresses in CIDR notation. */
    String[] address() default {};

    /** Container of repeated {@link Vlan} declarations. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE })
    @interface List {
        Vlan[] value();
    }
}
