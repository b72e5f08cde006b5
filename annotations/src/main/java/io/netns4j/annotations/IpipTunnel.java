package io.netns4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares an IP-in-IP tunnel end (RFC 2003): IPv4 packets routed into the device leave the namespace wrapped in an
 * outer IPv4 header (protocol 4) from {@link #local()} to {@link #remote()}. Declare the other end in the far namespace
 * with local and remote swapped.
 *
 * <p>
 * Equivalent to: {@code ip link add NAME type ipip local LOCAL remote REMOTE [ttl T] [tos X] [nopmtudisc] [dev DEV]},
 * then {@code ip addr add ADDRESS [peer PEER] dev NAME} and {@code ip link set NAME up}, inside {@link #ns()}. Needs
 * the kernel's {@code ipip} driver; without it the test is skipped with the reason.
 *
 * <h2>Point-to-point addresses</h2> With {@link #peer()}, each address is added as {@code ip addr add ADDRESS peer
 * PEER}: the kernel routes the peer through the tunnel. A bare address then means {@code /32}, as with {@code ip}:
 *
 * <pre>
 * &#64;IpipTunnel(ns = "ns1", name = "ipip1", local = "10.1.0.2", remote = "10.2.0.2",
 *             address = "192.168.50.10", peer = "192.168.60.10")
 * </pre>
 *
 * <h2>Names</h2> An empty name means {@code ipiptunN}. The names of the kernel's fallback tunnel devices
 * ({@code tunl0}, {@code gre0}, {@code gretap0}, {@code erspan0}, {@code sit0}, {@code ip_vti0}, {@code ip6tnl0},
 * {@code ip6gre0}, {@code ip6_vti0}) are refused: once their drivers are loaded every namespace has them.
 *
 * @see GreTunnel
 * @see SitTunnel
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Repeatable(IpipTunnel.List.class)
public @interface IpipTunnel {

    /** The namespace of this tunnel end. */
    String ns();

    /** The device name, at most 15 bytes; empty for {@code ipiptunN}. */
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

    /** Addresses of the tunnel device, in CIDR notation; with {@link #peer()} a bare address means a host prefix. */
    String[] address() default {};

    /** The far end's tunnel address, making each {@link #address()} point-to-point ({@code peer}); empty for none. */
    String peer() default "";

    /** Container of repeated {@link IpipTunnel} declarations. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE })
    @interface List {
        IpipTunnel[] value();
    }
}
