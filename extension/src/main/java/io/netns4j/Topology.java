package io.netns4j;

import java.util.List;

/**
 * A live topology of network namespaces and the links between them, built in the kernel.
 *
 * <p>
 * In a test class annotated with {@link NetworkTest} the extension builds it from the declarations and injects it;
 * elsewhere, build one with {@link #builder()} and close it:
 *
 * <pre>{@code
 * try (Topology net = Topology.builder().namespace("client").namespace("server")
 *         .veth("client", "10.0.0.1/24", "server", "10.0.0.2/24").build()) {
 *     net.ns("client").ping("10.0.0.2");
 * }
 * }</pre>
 *
 * <h2>Clean Up</h2> {@link #close()} kills every process living in the topology's namespaces (detached daemons
 * included), closes the sockets handed out, interrupts tasks, and releases the namespaces, which the kernel then
 * removes with every device in them. If the JVM dies instead, the kernel does the same, since nothing but the JVM's
 * descriptors holds the namespaces.
 */
public interface Topology extends AutoCloseable {

    /** Starts declaring a topology in code. */
    static TopologyBuilder builder() {
        return new TopologyBuilder();
    }

    /**
     * Why this JVM cannot build topologies (not root, no {@code CAP_SYS_ADMIN}/{@code CAP_NET_ADMIN}), or empty if it
     * can: for code outside JUnit that wants to skip as {@link NetworkTest} does.
     */
    static java.util.Optional<String> unavailabilityCause() {
        return io.netns4j.internal.runtime.Capabilities.missing();
    }

    /**
     * The namespace of that name.
     *
     * @throws IllegalArgumentException
     *             if none was declared
     */
    NetNs ns(String name);

    /** The declared namespaces, in declaration order. */
    List<NetNs> namespaces();

    /** The interface {@code name} of namespace {@code ns}. */
    default Link link(String ns, String name) {
        return ns(ns).link(name);
    }

    /** Tears the topology down; failures are collected and thrown together at the end. */
    @Override
    void close();
}
