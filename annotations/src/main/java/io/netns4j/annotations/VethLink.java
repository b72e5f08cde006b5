package io.netns4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a veth pair: a virtual cable with end {@code a} in one namespace and end {@code b} in another.
 *
 * <p>
 * Equivalent to: {@code ip link add A netns a type veth peer name B netns b}, then {@code ip addr add} and
 * {@code ip link set up} on both ends. The pair is created in one request, each end straight into its namespace, and
 * the test starts only once both ends are operationally up, so the first packet is not lost to a carrier that is still
 * coming up.
 *
 * <h2>Interface names</h2> An empty name (the default) means {@code ethN}, with {@code N} the number of interfaces
 * already declared in that namespace: the first link of a namespace is {@code eth0}, the next {@code eth1}. Names are
 * at most 15 bytes and may not contain {@code '/'}, {@code ':'} or whitespace.
 *
 * <h2>Addresses</h2> Each address is an interface address in CIDR notation, IPv4 ({@code 10.0.0.1/24}) or IPv6
 * ({@code fd00::1/64}); IPv6 addresses skip duplicate address detection and are usable at once.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Repeatable(VethLink.List.class)
public @interface VethLink {

    /** The namespace of end {@code a}. */
    String a();

    /** The interface name of end {@code a}; empty for {@code ethN}. */
    String aName() default "";

    /** The addresses of end {@code a}, in CIDR notation. */
    String[] aAddress() default {};

    /** The namespace of end {@code b}. */
    String b();

    /** The interface name of end {@code b}; empty for {@code ethN}. */
    String bName() default "";

    /** The addresses of end {@code b}, in CIDR notation. */
    String[] bAddress() default {};

    /** The MTU of both ends; 0 for the kernel's default (1500). */
    int mtu() default 0;

    /** Container of repeated {@link VethLink} declarations. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE })
    @interface List {
        VethLink[] value();
    }
}
