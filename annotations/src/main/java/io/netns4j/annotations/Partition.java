package io.netns4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Partitions the network before the test body runs: namespaces of different groups exchange no packets, namespaces of
 * one group exchange them all.
 *
 * <pre>
 * &#64;Test
 * &#64;Partition({ "client", "server, db" })
 * void clientIsCutOff(Topology net) { ... }
 * </pre>
 *
 * <h2>Semantics</h2> The same as {@code Topology.partition(...)}: a packet is dropped when it is received by a
 * namespace of one group and was sent from an address of a namespace of another group. Namespaces named in no group are
 * left alone, and namespaces that only forward or bridge packets keep forwarding them. ARP and IPv6 neighbour discovery
 * still pass, so senders see silent loss, not "no route to host".
 *
 * <h2>Scope</h2> Applied after the topology is built and before {@code @BeforeEach} methods run; healed after the test.
 * On a class, it applies to every test of the class.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE })
public @interface Partition {

    /**
     * The groups, at least two; each a comma-separated list of namespace names, e.g. {@code {"a, b", "c"}}.
     */
    String[] value();

    /**
     * Answer cut-off packets with a TCP reset or an ICMP "administratively prohibited" instead of dropping them
     * silently: for tests that want connections to fail fast.
     */
    boolean reject() default false;
}
