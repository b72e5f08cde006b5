package io.netns4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a dummy device: an interface that drops everything sent to it, always up. A handy parent for macvlan, ipvlan
 * or vlan devices, and a place for addresses that need no link.
 *
 * <p>
 * Equivalent to: {@code ip link add NAME type dummy}, {@code ip addr add}, {@code ip link set up}, inside
 * {@link #ns()}. Needs the kernel's {@code dummy} driver; without it the test is skipped with the reason.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Repeatable(Dummy.List.class)
public @interface Dummy {

    /** The namespace of the device. */
    String ns();

    /** The device name, at most 15 bytes; empty for {@code dummyN}. */
    String name() default "";

    /** Addresses in CIDR notation. */
    String[] address() default {};

    /** Container of repeated {@link Dummy} declarations. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE })
    @interface List {
        Dummy[] value();
    }
}
