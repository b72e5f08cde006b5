package io.netns4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a Linux bridge (a virtual switch) and the namespaces plugged into it.
 *
 * <p>
 * Equivalent to: {@code ip link add NAME type bridge} in the bridge's namespace and, for each {@linkplain #ports()
 * port}, a veth pair whose host end (with the port's addresses) lives in the port's namespace and whose switch end is
 * enslaved to the bridge.
 *
 * <h2>Where the bridge lives</h2> Nothing is ever created in the host's root namespace. With {@link #namespace()} empty
 * (the default) the bridge gets a hidden namespace of its own; otherwise it lives in the named, declared namespace,
 * which can then also give the bridge itself {@linkplain #address() addresses} and act as the segment's router.
 *
 * <h2>Switching</h2> STP is off, so ports forward at once.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Repeatable(Bridge.List.class)
public @interface Bridge {

    /** The bridge's interface name, at most 15 bytes, e.g. {@code "lan"}. */
    String name();

    /** The declared namespace that holds the bridge; empty for a hidden namespace of its own. */
    String namespace() default "";

    /** Addresses of the bridge interface itself, in CIDR notation; needs {@link #namespace()}. */
    String[] address() default {};

    /** The namespaces plugged into the bridge. */
    BridgePort[] ports() default {};

    /** Container of repeated {@link Bridge} declarations. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE })
    @interface List {
        Bridge[] value();
    }
}
