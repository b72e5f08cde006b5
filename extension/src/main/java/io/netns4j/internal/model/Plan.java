package io.netns4j.internal.model;

import java.net.InetAddress;
import java.util.List;

/**
 * A validated topology, ready to build: names resolved, addresses parsed, forwarding inferred, every bridge port turned
 * into a veth pair whose switch end is enslaved to its bridge.
 */
public record Plan(String subject, List<NamespacePlan> namespaces, List<BridgePlan> bridges, List<VethPlan> veths,
        List<LinkPlan> links, List<RoutePlan> routes) {

    /** The link kinds the plan needs, veth and bridge included when used. */
    public java.util.Set<String> kinds() {
        java.util.Set<String> kinds = new java.util.TreeSet<>();
        if (!veths.isEmpty()) {
            kinds.add("veth");
        }
        if (!bridges.isEmpty()) {
            kinds.add("bridge");
        }
        links.forEach(l -> kinds.add(l.kind()));
        return kinds;
    }

    /**
     * A namespace. Hidden ones hold a bridge that the user did not place in a namespace of theirs.
     */
    public record NamespacePlan(String name, boolean forwarding, boolean hidden) {
    }

    /** One end of a veth pair. */
    public record Endpoint(String ns, String name, List<Cidr> addresses) {
    }

    /**
     * A veth pair; {@code master} names a bridge in {@code a.ns()} that end {@code a} is a port of, or is null.
     */
    public record VethPlan(Endpoint a, Endpoint b, int mtu, String master, String declaration) {
    }

    /** A bridge in namespace {@code ns}. */
    public record BridgePlan(String ns, String name, List<Cidr> addresses, String declaration) {
    }

    /** A route; {@code via} or {@code dev} may be null, not both. */
    public record RoutePlan(String ns, Cidr to, InetAddress via, String dev, String declaration) {
    }

    /** The namespace name under which a bridge with no namespace of its own lives. */
    public static String hiddenBridgeNamespace(String bridge) {
        return "bridge:" + bridge;
    }
}
