package io.netns4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A namespace plugged into a {@link Bridge}: a veth pair whose end {@link #name()} lives in {@link #ns()} with the
 * given addresses, and whose other end is a port of the bridge.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({})
public @interface BridgePort {

    /** The namespace plugged in. */
    String ns();

    /** The interface name in {@link #ns()}; empty for {@code ethN} (see {@link VethLink}). */
    String name() default "";

    /** The addresses of the interface, in CIDR notation. */
    String[] address() default {};
}
