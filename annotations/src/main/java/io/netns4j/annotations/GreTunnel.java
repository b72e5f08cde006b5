package io.netns4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a GRE tunnel end (RFC 2784/2890): packets routed into the device leave the namespace in a GRE header inside
 * an outer IPv4 header (protocol 47) from {@link #local()} to {@link #remote()}, optionally with a key. Declare the
 * other end in the far namespace with local and remote (and {@code ikey}/{@code okey}) swapped.
 *
 * <p>
 * Equivalent to: {@code ip link add NAME type gre local LOCAL remote REMOTE [ttl T] [tos X] [nopmtudisc] [key K |
 * ikey I okey O] [dev DEV]} ({@code type gretap} with {@link #tap()}), then {@code ip addr add ADDRESS [peer PEER] dev
 * NAME} and {@code ip link set NAME up}, inside {@link #ns()}. Needs the kernel's {@code gre} driver ({@code gretap}
 * with {@link #tap()}; both are in the {@code ip_gre} module); without it the test is skipped with the reason.
 *
 * <p>
 * Addresses, point-to-point peers and names work as for {@link IpipTunnel}; an empty name means {@code gretunN}
 * ({@code gretaptunN} with {@link #tap()}).
 *
 * <h2>Keys</h2> A key is a 32-bit number, 0 to 4294967295, that both ends must agree on; -1 (the default) means none.
 * {@link #key()} sets both directions; {@link #ikey()} (expected on received packets) and {@link #okey()} (put on sent
 * packets) set one each, and cannot be combined with {@link #key()}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Repeatable(GreTunnel.List.class)
public @interface GreTunnel {

    /** The namespace of this tunnel end. */
    String ns();

    /** The device name, at most 15 bytes; empty for {@code gretunN} ({@code gretaptunN} with {@link #tap()}). */
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

    /** The key of both directions ({@code key}), 0 to 4294967295; -1 for none. */
    long key() default -1;

    /** The key expected on received packets ({@code ikey}), 0 to 4294967295; -1 for none. */
    long ikey() default -1;

    /** The key put on sent packets ({@code okey}), 0 to 4294967295; -1 for none. */
    long okey() default -1;

    /**
     * An Ethernet device ({@code type gretap}: frames, not IP packets, go through; bridgeable) instead of an IP one.
     */
    boolean tap() default false;

    /** The underlay interface the outer packets must leave by ({@code dev}); empty for the routing table's choice. */
    String dev() default "";

    /** Addresses of the tunnel device, in CIDR notation; with {@link #peer()} a bare address means a host prefix. */
    String[] address() default {};

    /** The far end's tunnel address, making each {@link #address()} point-to-point ({@code peer}); empty for none. */
    String peer() default "";

    /** Container of repeated {@link GreTunnel} declarations. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE })
    @interface List {
        GreTunnel[] value();
    }
}
