package io.netns4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a route in a namespace's main routing table.
 *
 * <p>
 * Equivalent to: {@code ip route add TO [via VIA] [dev DEV]} inside {@link #ns()}. A route needs a gateway, a device or
 * both. The gateway must lie in a subnet of one of the namespace's declared addresses. The namespace that owns the
 * gateway address forwards packets (see {@link NetNamespace#forwarding()}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Repeatable(Route.List.class)
public @interface Route {

    /** The namespace whose routing table gets the route. */
    String ns();

    /** The destination in CIDR notation, or {@code "default"} (IPv4 unless {@link #via()} is IPv6). */
    String to();

    /** The gateway address; empty for a route straight out of {@link #dev()}. */
    String via() default "";

    /** The outgoing interface name; empty to let the kernel pick it from the gateway. */
    String dev() default "";

    /** Container of repeated {@link Route} declarations. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE })
    @interface List {
        Route[] value();
    }
}
