package io.netns4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Selects a namespace of the topology by name, for a test parameter or field of type {@code io.netns4j.NetNs}:
 * {@code void test(@Ns("client") NetNs client)}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.PARAMETER, ElementType.FIELD })
public @interface Ns {

    /** The name of a declared {@link NetNamespace}. */
    String value();
}
