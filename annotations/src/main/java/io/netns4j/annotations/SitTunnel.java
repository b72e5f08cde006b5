package io.netns4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a SIT tunnel end (RFC 4213, "6in4"): IPv6 (and IPv4) packets routed into the device leave the namespace
 * wrapped in an outer IPv4 header (protocol 41 for IPv6) from {@link #local()} to {@link #remote()}. Declare the other
 * end in the far namespace with local and remote swapped.
 *
 * <p>
 * Equivalent to: {@code ip link add NAME type sit local LOCAL remote REMOTE [ttl T] [tos X] [nopmtudisc] [dev DEV]},
 * then {@code ip addr add ADDRESS [peer PEER] dev NAME} and {@code ip link set NAME up}, inside {@link #ns()}. Needs
 * the kernel's {@code sit} driver; without it the test is skipped with the reason.
 *
 * <p>
 * Addresses, point-to-point peers and names work as for {@link IpipTunnel}; an empty name means {@code sittunN}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Repeatable(SitTunnel.List.class)
public @interface SitTunnel {

    /** The namespace of this tunnel end. */
    String ns();

    /** The device name, at most 15 bytes; empty for {@code sittunN}. */
    String name() default "";

    /**
     * The outer source address: an IPv4 address of this namespace (on the underlay interface). netns4j does not check
     * that the namespace has it; with another address the tunnel is built but carries nothing.
     */
    String local();

    /** The outer destination address: the IPv4 address of the far end's underlay interface. */
    String remote();

    /** The outer TTL, 1 to 255; 0 (the default) copies the inner packet's ({@code ttl inherit}). */
    int ttl() default 0;

    /** The outer TOS byte, 0 to 255; 1 copies the inner packet's ({@code tos inherit}). */
    int tos() default 0;

    /** Path MTU discovery (the outer DF bit); turning it off needs {@code ttl = 0} ({@code nopmtudisc}). */
    boolean pmtudisc() default true;

    /** The underlay interface the outer packets must leave by ({@code dev}); empty for the routing table's choice. */
    String dev() default "";

    /**
     * Addresses of the tunnel device (usually IPv6), in CIDR notation; with {@link #peer()} a bare address is a host.
     */
    String[] address() default {};

    /** The far end's tunnel address, making each {@link #address()} point-to-point ({@code peer}); empty for none. */
    String peer() default "";

    /** Container of repeated {@link SitTunnel} declarations. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE })
    @interface List {
        SitTunnel[] value();
    }
}
