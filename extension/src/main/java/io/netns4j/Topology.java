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

    // ---- partitions

    /**
     * Cuts the network between two groups of namespaces: no packet from a namespace of one group is received by a
     * namespace of the other; packets within a group pass. Silent, as a pulled cable: see {@link Cut.Mode#DROP}.
     *
     * <h4>Semantics</h4>
     * <table>
     * <caption>Whether a packet from namespace X (its source address is one of X's) is received by namespace
     * Y</caption>
     * <tr>
     * <th>operation</th>
     * <th>X and Y in one group</th>
     * <th>X and Y in different groups</th>
     * <th>X or Y in no group</th>
     * </tr>
     * <tr>
     * <td>{@code partition(groups)}</td>
     * <td>received</td>
     * <td>lost</td>
     * <td>received</td>
     * </tr>
     * <tr>
     * <td>{@code isolate(N)}</td>
     * <td>received (neither is N)</td>
     * <td>lost (one is N)</td>
     * <td>—</td>
     * </tr>
     * <tr>
     * <td>{@code drop(A, B)}</td>
     * <td colspan="3">lost if X = A and Y = B; everything else received, B to A included</td>
     * </tr>
     * <tr>
     * <td>{@code heal()}</td>
     * <td colspan="3">received</td>
     * </tr>
     * </table>
     * <ul>
     * <li>A namespace is recognised by the source addresses of its packets: every address its interfaces hold when the
     * cut is made (IPv4 and IPv6, link-local included; loopback excluded). Addresses added later are not covered.</li>
     * <li>The receiver drops (or rejects) the packet where it would take it in (its {@code inet input} hook), so
     * partitions work alike for veth pairs, hosts on one bridge and routed paths. Namespaces that only forward or
     * bridge a packet are no endpoint of it and pass it on.</li>
     * <li>ARP and IPv6 neighbour discovery (ICMPv6 types 133–137) are not cut: senders keep resolving their neighbours
     * and see silent loss, not "no route to host" after a few seconds. Everything else of IP is: TCP, UDP, ICMP, IPv4
     * and IPv6.</li>
     * <li>Rules live in a table {@code inet netns4j} of the receiving namespaces, in one chain at priority -300 of hook
     * {@code input}; nothing else of their rulesets is touched, and when the last cut is mended the table is deleted,
     * leaving the ruleset exactly as it was.</li>
     * </ul>
     *
     * @throws IllegalArgumentException
     *             if a name is not a namespace of this topology, or a namespace is in two groups
     */
    Cut partition(java.util.Set<String> group1, java.util.Set<String> group2);

    /** Cuts the network between any number of groups; see {@link #partition(java.util.Set, java.util.Set)}. */
    Cut partition(List<? extends java.util.Set<String>> groups, Cut.Mode mode);

    /**
     * Isolates namespace {@code ns}: it neither sends to nor receives from any other namespace of the topology.
     * Equivalent to a partition of {@code ns} against all the other namespaces.
     */
    Cut isolate(String ns);

    /** Isolates namespace {@code ns} with the given treatment of blocked packets. */
    Cut isolate(String ns, Cut.Mode mode);

    /**
     * Loses the packets from namespace {@code from} to namespace {@code to}, silently, in that direction only: packets
     * from {@code to} to {@code from} still arrive.
     */
    Cut drop(String from, String to);

    /** One-way cut from {@code from} to {@code to} with the given treatment of blocked packets. */
    Cut drop(String from, String to, Cut.Mode mode);

    /**
     * Jepsen's "partition halves": the first {@code nodes.size() / 2} namespaces against the rest.
     */
    Cut partitionHalves(List<String> nodes);

    /**
     * Jepsen's "bridge": the halves of {@link #partitionHalves(List)}, except that the first namespace of the second
     * half is the bridge: it reaches both sides and is reached by both (for 5 nodes: 1, 2 | 3 | 4, 5).
     *
     * @throws IllegalArgumentException
     *             with fewer than 3 namespaces
     */
    Cut bridge(List<String> nodes);

    /**
     * Jepsen's "majorities ring": with the namespaces in a ring and a majority of {@code m = n / 2 + 1}, namespace
     * {@code i} receives only from the {@code m} namespaces {@code i - m / 2 ... i - m / 2 + m - 1} around it, so every
     * namespace sees a majority and no two see the same one (for 5 nodes, each receives from its two neighbours). Cuts
     * are one-way where two windows differ.
     *
     * @throws IllegalArgumentException
     *             with fewer than 3 namespaces
     */
    Cut majoritiesRing(List<String> nodes);

    /** Mends every cut, leaving the namespaces' rulesets as they were before the first one. */
    void heal();

    /** The cuts in force, oldest first. */
    List<Cut> cuts();

    /** Tears the topology down; failures are collected and thrown together at the end. */
    @Override
    void close();
}
