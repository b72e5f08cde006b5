package io.netns4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Isolates namespaces before the test body runs: each of them exchanges no packets with any other namespace of the
 * topology (nor with the others listed here). The same as {@code Topology.isolate(...)}; see {@link Partition} for the
 * semantics and the scope.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE })
public @interface Isolate {

    /** The namespaces to isolate. */
    String[] value();

    /** Answer cut-off packets with a TCP reset or an ICMP error instead of dropping them silently. */
    boolean reject() default false;
}
