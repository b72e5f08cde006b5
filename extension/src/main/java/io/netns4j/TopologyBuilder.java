package io.netns4j;

import io.netns4j.internal.model.LinkSpec;
import io.netns4j.internal.model.kinds.DummyKind;
import io.netns4j.internal.model.Specs.BridgeSpec;
import io.netns4j.internal.model.Specs.NamespaceSpec;
import io.netns4j.internal.model.Specs.PortSpec;
import io.netns4j.internal.model.Specs.RouteSpec;
import io.netns4j.internal.model.Specs.TopologySpec;
import io.netns4j.internal.model.Specs.VethSpec;
import io.netns4j.internal.model.Validator;
import io.netns4j.internal.runtime.TopologyRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Declares a topology in code, with the same vocabulary and checks as the annotations, and builds it. Nothing touches
 * the kernel before {@link #build()}, which first validates everything.
 */
public final class TopologyBuilder {

    private final List<NamespaceSpec> namespaces = new ArrayList<>();
    private final List<VethSpec> veths = new ArrayList<>();
    private final List<BridgeSpec> bridges = new ArrayList<>();
    private final List<RouteSpec> routes = new ArrayList<>();
    private final List<LinkSpec> links = new ArrayList<>();

    TopologyBuilder() {
    }

    /** A namespace. Equivalent to {@code @NetNamespace("name")}. */
    public TopologyBuilder namespace(String name) {
        namespaces.add(new NamespaceSpec(name, false, "namespace(\"" + name + "\")"));
        return this;
    }

    /** A namespace that forwards packets. Equivalent to {@code @NetNamespace(value = "name", forwarding = true)}. */
    public TopologyBuilder router(String name) {
        namespaces.add(new NamespaceSpec(name, true, "router(\"" + name + "\")"));
        return this;
    }

    /** A veth pair with one address on each end and default names. */
    public TopologyBuilder veth(String a, String aAddress, String b, String bAddress) {
        return veth(a, b, v -> v.aAddress(aAddress).bAddress(bAddress));
    }

    /** A veth pair between namespaces {@code a} and {@code b}, configured by {@code options}. */
    public TopologyBuilder veth(String a, String b, Consumer<VethOptions> options) {
        VethOptions o = new VethOptions();
        options.accept(o);
        veths.add(new VethSpec(a, o.aName, o.aAddresses, b, o.bName, o.bAddresses, o.mtu,
                "veth(\"" + a + "\", \"" + b + "\") #" + (veths.size() + 1)));
        return this;
    }

    /** A bridge, configured by {@code options}. */
    public TopologyBuilder bridge(String name, Consumer<BridgeOptions> options) {
        BridgeOptions o = new BridgeOptions();
        options.accept(o);
        bridges.add(new BridgeSpec(name, o.namespace, o.addresses, o.ports, "bridge(\"" + name + "\")"));
        return this;
    }

    /** A dummy device. Equivalent to {@code @Dummy(ns = ns, name = name, address = addresses)}. */
    public TopologyBuilder dummy(String ns, String name, String... addresses) {
        return device(new DummyKind.Spec(ns, name, List.of(addresses),
                "dummy(\"" + ns + "\", \"" + name + "\") #" + (links.size() + 1)));
    }

    /** Adds a device of one of the kinds beyond veth and bridge; the kinds' builder methods use it. */
    private TopologyBuilder device(LinkSpec spec) {
        links.add(spec);
        return this;
    }

    /** A route via a gateway. Equivalent to {@code @Route(ns = ns, to = to, via = via)}. */
    public TopologyBuilder route(String ns, String to, String via) {
        return route(ns, to, via, "");
    }

    /** A route; {@code via} or {@code dev} may be empty. */
    public TopologyBuilder route(String ns, String to, String via, String dev) {
        routes.add(new RouteSpec(ns, to, via, dev, "route(\"" + ns + "\", \"" + to + "\") #" + (routes.size() + 1)));
        return this;
    }

    /**
     * Validates the declarations, then builds them in the kernel.
     *
     * @throws TopologyDefinitionException
     *             listing every problem, before anything is created
     * @throws TopologyBuildException
     *             if the kernel refused a step; what was built is removed
     */
    public Topology build() {
        TopologySpec spec = new TopologySpec("built by Topology.builder()", namespaces, veths, bridges, links, routes);
        return TopologyRuntime.build(Validator.validate(spec), TopologyRuntime.Settings.fromSystemProperties());
    }

    /** Options of one veth pair. */
    public static final class VethOptions {
        private String aName = "";
        private String bName = "";
        private final List<String> aAddresses = new ArrayList<>();
        private final List<String> bAddresses = new ArrayList<>();
        private int mtu;

        VethOptions() {
        }

        public VethOptions aName(String name) {
            this.aName = name;
            return this;
        }

        public VethOptions bName(String name) {
            this.bName = name;
            return this;
        }

        public VethOptions aAddress(String... cidr) {
            aAddresses.addAll(List.of(cidr));
            return this;
        }

        public VethOptions bAddress(String... cidr) {
            bAddresses.addAll(List.of(cidr));
            return this;
        }

        public VethOptions mtu(int mtu) {
            this.mtu = mtu;
            return this;
        }
    }

    /** Options of one bridge. */
    public static final class BridgeOptions {
        private String namespace = "";
        private final List<String> addresses = new ArrayList<>();
        private final List<PortSpec> ports = new ArrayList<>();

        BridgeOptions() {
        }

        /** The declared namespace that holds the bridge; by default a hidden one of its own. */
        public BridgeOptions namespace(String ns) {
            this.namespace = ns;
            return this;
        }

        /** Addresses of the bridge itself (needs {@link #namespace(String)}). */
        public BridgeOptions address(String... cidr) {
            addresses.addAll(List.of(cidr));
            return this;
        }

        /** Plugs namespace {@code ns} in, with an interface {@code ethN} holding {@code addresses}. */
        public BridgeOptions port(String ns, String... addresses) {
            ports.add(new PortSpec(ns, "", List.of(addresses)));
            return this;
        }

        /** Plugs namespace {@code ns} in, with an interface {@code name} holding {@code addresses}. */
        public BridgeOptions namedPort(String ns, String name, String... addresses) {
            ports.add(new PortSpec(ns, name, List.of(addresses)));
            return this;
        }
    }
}
