package io.netns4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a VXLAN device (RFC 7348): an Ethernet segment, identified by its {@link #vni()}, whose frames travel in UDP
 * datagrams (to {@link #port()}, 4789 by default) between the namespaces that declare it, over whatever IP network
 * joins them. Frames go to {@link #remote()} (one far end, unicast) or to the multicast {@link #group()} (every end
 * that joined it on the underlay {@link #dev()}).
 *
 * <p>
 * Equivalent to: {@code ip link add NAME type vxlan id VNI [local LOCAL] (remote REMOTE | group GROUP) [dev DEV]
 * [ttl T] [tos X] dstport PORT}, then {@code ip addr add} and {@code ip link set NAME up}, inside {@link #ns()}. Needs
 * the kernel's {@code vxlan} driver; without it the test is skipped with the reason.
 *
 * <p>
 * The underlay may be IPv4 or IPv6 (local, remote and group of one family). An empty name means {@code vxlanN}. Unlike
 * {@code ip}, which leaves the port to the kernel (Linux's pre-standard 8472), the default port is the IANA one, 4789,
 * which is also what packet captures recognise as VXLAN.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Repeatable(Vxlan.List.class)
public @interface Vxlan {

    /** The namespace of the device. */
    String ns();

    /** The device name, at most 15 bytes; empty for {@code vxlanN}. */
    String name() default "";

    /** The VXLAN network identifier, 0 to 16777215 (24 bits) ({@code id}). */
    int vni();

    /** The outer source address, an address of this namespace; empty for the routing table's choice. */
    String local() default "";

    /** The far end's underlay address (unicast); exactly one of remote and {@link #group()} is needed. */
    String remote() default "";

    /** A multicast group the ends share ({@code group}); needs {@link #dev()}. */
    String group() default "";

    /** The UDP destination port ({@code dstport}), 1 to 65535. */
    int port() default 4789;

    /** The underlay interface ({@code dev}); needed with {@link #group()}, optional otherwise. */
    String dev() default "";

    /** The outer TTL, 1 to 255; 0 (the default) for the kernel's choice. */
    int ttl() default 0;

    /** The outer TOS byte, 0 to 255; 1 copies the inner packet's ({@code tos inherit}). */
    int tos() default 0;

    /** Addresses of the device, in CIDR notation. */
    String[] address() default {};

    /** Container of repeated {@link Vxlan} declarations. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE })
    @interface List {
        Vxlan[] value();
    }
}
