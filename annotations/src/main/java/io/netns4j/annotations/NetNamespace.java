package io.netns4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a network namespace of the test's topology.
 *
 * <h2>Creation</h2> The namespace is anonymous: it is held by a file descriptor of the test JVM and never appears under
 * {@code /run/netns}. Its loopback interface is up, and ICMP echo sockets are allowed for every group
 * ({@code net.ipv4.ping_group_range = 0 2147483647}) so that pings need no raw socket.
 *
 * <h2>Forwarding</h2> IPv4 and IPv6 forwarding are switched on when {@link #forwarding()} is {@code true}, or when a
 * {@link Route} of another namespace names one of this namespace's addresses as its gateway: a namespace that other
 * namespaces route through is a router.
 *
 * <h2>Scope</h2> Declared on a test class (or a meta-annotation of it), the namespace belongs to every test of the
 * class; declared on a test method, it is added to that test's topology only.
 *
 * <h2>Clean Up</h2> When the topology is torn down every process living in the namespace is killed and the namespace's
 * file descriptors are closed; the kernel then removes the namespace with every device in it, even if the JVM dies.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Repeatable(NetNamespace.List.class)
public @interface NetNamespace {

    /** The name tests use to refer to the namespace, e.g. {@code "client"}. */
    String value();

    /** Whether the namespace forwards IPv4 and IPv6 packets between its interfaces. */
    boolean forwarding() default false;

    /** Container of repeated {@link NetNamespace} declarations. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE })
    @interface List {
        NetNamespace[] value();
    }
}
