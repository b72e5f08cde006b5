package io.netns4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Selects one interface of the topology, for a test parameter or field of type {@code io.netns4j.Link}:
 * {@code void test(@Dev(ns = "client", name = "eth0") Link uplink)}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.PARAMETER, ElementType.FIELD })
public @interface Dev {

    /** The name of a declared {@link NetNamespace}. */
    String ns();

    /** The interface name in that namespace, e.g. {@code "eth0"}. */
    String name();
}
