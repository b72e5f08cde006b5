package io.netns4j.internal.model;

import java.util.List;

/**
 * What a user declared, as given (strings unparsed), each with the place it was declared for error messages. The
 * {@link Validator} turns a {@link TopologySpec} into a {@link Plan} or reports every problem.
 */
public final class Specs {

    private Specs() {
    }

    /** {@code @NetNamespace}. */
    public record NamespaceSpec(String name, boolean forwarding, String declaration) {
    }

    /** {@code @VethLink}. Empty names mean {@code ethN}. */
    public record VethSpec(String a, String aName, List<String> aAddresses, String b, String bName,
            List<String> bAddresses, int mtu, String declaration) {
    }

    /** One {@code @BridgePort} of a bridge. */
    public record PortSpec(String ns, String name, List<String> addresses) {
    }

    /** {@code @Bridge}. An empty namespace means a hidden namespace of the bridge's own. */
    public record BridgeSpec(String name, String namespace, List<String> addresses, List<PortSpec> ports,
            String declaration) {
    }

    /** {@code @Route}. */
    public record RouteSpec(String ns, String to, String via, String dev, String declaration) {
    }

    /**
     * A whole declared topology.
     *
     * @param subject
     *            what declared it, for the error message: {@code "declared on EchoIT"}
     */
    public record TopologySpec(String subject, List<NamespaceSpec> namespaces, List<VethSpec> veths,
            List<BridgeSpec> bridges, List<LinkSpec> links, List<RouteSpec> routes) {

        public TopologySpec {
            namespaces = List.copyOf(namespaces);
            veths = List.copyOf(veths);
            bridges = List.copyOf(bridges);
            links = List.copyOf(links);
            routes = List.copyOf(routes);
        }

        /** An empty declaration. */
        public static TopologySpec empty(String subject) {
            return new TopologySpec(subject, List.of(), List.of(), List.of(), List.of(), List.of());
        }

        /** This topology with another's declarations added after its own. */
        public TopologySpec plus(TopologySpec more, String newSubject) {
            return new TopologySpec(newSubject, concat(namespaces, more.namespaces), concat(veths, more.veths),
                    concat(bridges, more.bridges), concat(links, more.links), concat(routes, more.routes));
        }

        public boolean isEmpty() {
            return namespaces.isEmpty() && veths.isEmpty() && bridges.isEmpty() && links.isEmpty() && routes.isEmpty();
        }

        private static <T> List<T> concat(List<T> a, List<T> b) {
            var out = new java.util.ArrayList<T>(a);
            out.addAll(b);
            return out;
        }
    }
}
