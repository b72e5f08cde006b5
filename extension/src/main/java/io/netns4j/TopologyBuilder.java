package io.netns4j;

import io.netns4j.annotations.IpvlanFlag;
import io.netns4j.annotations.IpvlanMode;
import io.netns4j.annotations.VlanProtocol;
import io.netns4j.annotations.MacvlanMode;
import io.netns4j.internal.model.LinkSpec;
import io.netns4j.internal.model.kinds.DummyKind;
import io.netns4j.internal.model.kinds.TapKind;
import io.netns4j.internal.model.kinds.TunKind;
import io.netns4j.internal.model.kinds.MacvlanKind;
import io.netns4j.internal.model.kinds.GreKind;
import io.netns4j.internal.model.kinds.IpTunnelKind;
import io.netns4j.internal.model.kinds.VxlanKind;
import io.netns4j.internal.model.kinds.IpvlanKind;
import io.netns4j.internal.model.kinds.VlanKind;
import io.netns4j.internal.model.Specs.BridgeSpec;
import io.netns4j.internal.model.Specs.NamespaceSpec;
import io.netns4j.internal.model.Specs.PortSpec;
import io.netns4j.internal.model.Specs.RouteSpec;
import io.netns4j.internal.model.Specs.TopologySpec;
import io.netns4j.internal.model.Specs.VethSpec;
import io.netns4j.internal.model.Validator;
import io.netns4j.internal.runtime.TopologyRuntime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Declares a topology in code, with the same vocabulary and checks as the annotations, and builds it. Nothing touches
 * the kernel before {@link #build()}, which first validates everything.
 *
 * <p>
 * No string, array, list, options or namespace argument may be null (an empty string means "none" or "the default"
 * wherever an annotation attribute's default is empty): such a null, or a null element of an array or a list, throws a
 * {@link NullPointerException} at once, naming the method and the argument. A null mode, flag or protocol is reported
 * by {@link #build()} with the choices.
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
        requireNonNull("namespace", "name", name);
        namespaces.add(new NamespaceSpec(name, false, "namespace(\"" + name + "\")"));
        return this;
    }

    /** A namespace that forwards packets. Equivalent to {@code @NetNamespace(value = "name", forwarding = true)}. */
    public TopologyBuilder router(String name) {
        requireNonNull("router", "name", name);
        namespaces.add(new NamespaceSpec(name, true, "router(\"" + name + "\")"));
        return this;
    }

    /** A veth pair with one address on each end and default names. */
    public TopologyBuilder veth(String a, String aAddress, String b, String bAddress) {
        requireNonNull("veth", "a", a, "aAddress", aAddress, "b", b, "bAddress", bAddress);
        return veth(a, b, v -> v.aAddress(aAddress).bAddress(bAddress));
    }

    /** A veth pair between namespaces {@code a} and {@code b}, configured by {@code options}. */
    public TopologyBuilder veth(String a, String b, Consumer<VethOptions> options) {
        requireNonNull("veth", "a", a, "b", b, "options", options);
        VethOptions o = new VethOptions();
        options.accept(o);
        veths.add(new VethSpec(a, o.aName, o.aAddresses, b, o.bName, o.bAddresses, o.mtu,
                "veth(\"" + a + "\", \"" + b + "\") #" + (veths.size() + 1)));
        return this;
    }

    /** A bridge, configured by {@code options}. */
    public TopologyBuilder bridge(String name, Consumer<BridgeOptions> options) {
        requireNonNull("bridge", "name", name, "options", options);
        BridgeOptions o = new BridgeOptions();
        options.accept(o);
        bridges.add(new BridgeSpec(name, o.namespace, o.addresses, o.ports, "bridge(\"" + name + "\")"));
        return this;
    }

    /** A dummy device. Equivalent to {@code @Dummy(ns = ns, name = name, address = addresses)}. */
    public TopologyBuilder dummy(String ns, String name, String... addresses) {
        requireNonNull("dummy", "ns", ns, "name", name, "addresses", addresses);
        return device(new DummyKind.Spec(ns, name, List.of(addresses),
                "dummy(\"" + ns + "\", \"" + name + "\") #" + (links.size() + 1)));
    }

    /**
     * An ipvlan device on {@code parent} of namespace {@code parentNs} ({@code ""}: {@code ns} itself), created into
     * {@code ns}. Equivalent to {@code @Ipvlan(ns = ns, name = name, parent = parent, parentNs = parentNs, mode = mode,
     * flag = flag, address = addresses)}.
     */
    public TopologyBuilder ipvlan(String ns, String name, String parent, String parentNs, IpvlanMode mode,
            IpvlanFlag flag, String... addresses) {
        requireNonNull("ipvlan", "ns", ns, "name", name, "parent", parent, "parentNs", parentNs, "addresses",
                addresses);
        return device(new IpvlanKind.Spec(ns, name, parent, parentNs, mode, flag, false, List.of(addresses),
                "ipvlan(\"" + ns + "\", \"" + name + "\") #" + (links.size() + 1)));
    }

    /**
     * An ipvtap device on {@code parent} of namespace {@code parentNs} ({@code ""}: {@code ns} itself), created into
     * {@code ns}; its character device is the device's {@link MacvtapDevice} handle. Equivalent to {@code @Ipvtap(ns =
     * ns, name = name, parent = parent, parentNs = parentNs, mode = mode, flag = flag, address = addresses)}.
     */
    public TopologyBuilder ipvtap(String ns, String name, String parent, String parentNs, IpvlanMode mode,
            IpvlanFlag flag, String... addresses) {
        requireNonNull("ipvtap", "ns", ns, "name", name, "parent", parent, "parentNs", parentNs, "addresses",
                addresses);
        return device(new IpvlanKind.Spec(ns, name, parent, parentNs, mode, flag, true, List.of(addresses),
                "ipvtap(\"" + ns + "\", \"" + name + "\") #" + (links.size() + 1)));
    }

    /**
     * A VLAN device with id {@code id} on {@code parent} of namespace {@code parentNs} ({@code ""}: {@code ns} itself),
     * created into {@code ns}. Equivalent to {@code @Vlan(ns = ns, name = name, parent = parent, parentNs = parentNs,
     * id = id, protocol = protocol, address = addresses)}.
     */
    public TopologyBuilder vlan(String ns, String name, String parent, String parentNs, int id, VlanProtocol protocol,
            String... addresses) {
        requireNonNull("vlan", "ns", ns, "name", name, "parent", parent, "parentNs", parentNs, "addresses", addresses);
        return device(new VlanKind.Spec(ns, name, parent, parentNs, id, protocol, List.of(addresses),
                "vlan(\"" + ns + "\", \"" + name + "\") #" + (links.size() + 1)));
    }

    /**
     * An ipip tunnel end. Equivalent to {@code @IpipTunnel(ns = ns, name = name, ...)} with the options as its
     * attributes, e.g. {@code ipip("ns1", "ipip1", t -> t.local("10.1.0.2").remote("10.2.0.2")
     * .address("192.168.50.10").peer("192.168.60.10"))}.
     */
    public TopologyBuilder ipip(String ns, String name, Consumer<TunnelOptions> options) {
        requireNonNull("ipip", "ns", ns, "name", name, "options", options);
        return device(IpTunnelKind.Spec.of(IpTunnelKind.Type.IPIP, ns, name, TunnelOptions.of(options),
                "ipip(\"" + ns + "\", \"" + name + "\") #" + (links.size() + 1)));
    }

    /**
     * A gre tunnel end (a gretap device with {@link TunnelOptions#tap()}). Equivalent to
     * {@code @GreTunnel(ns = ns, name = name, ...)} with the options as its attributes.
     */
    public TopologyBuilder gre(String ns, String name, Consumer<TunnelOptions> options) {
        requireNonNull("gre", "ns", ns, "name", name, "options", options);
        return device(GreKind.Spec.of(ns, name, TunnelOptions.of(options),
                "gre(\"" + ns + "\", \"" + name + "\") #" + (links.size() + 1)));
    }

    /**
     * A sit tunnel end. Equivalent to {@code @SitTunnel(ns = ns, name = name, ...)} with the options as its attributes.
     */
    public TopologyBuilder sit(String ns, String name, Consumer<TunnelOptions> options) {
        requireNonNull("sit", "ns", ns, "name", name, "options", options);
        return device(IpTunnelKind.Spec.of(IpTunnelKind.Type.SIT, ns, name, TunnelOptions.of(options),
                "sit(\"" + ns + "\", \"" + name + "\") #" + (links.size() + 1)));
    }

    /**
     * A vxlan device. Equivalent to {@code @Vxlan(ns = ns, name = name, ...)} with the options as its attributes, e.g.
     * {@code vxlan("ns1", "vxlan0", t -> t.vni(42).remote("10.2.0.2").address("10.42.0.1/24"))}.
     */
    public TopologyBuilder vxlan(String ns, String name, Consumer<TunnelOptions> options) {
        requireNonNull("vxlan", "ns", ns, "name", name, "options", options);
        return device(VxlanKind.Spec.of(ns, name, TunnelOptions.of(options),
                "vxlan(\"" + ns + "\", \"" + name + "\") #" + (links.size() + 1)));
    }

    /**
     * A macvlan device on {@code parent} of namespace {@code parentNs} ({@code ""}: {@code ns} itself), created into
     * {@code ns}. Equivalent to
     * {@code @Macvlan(ns = ns, name = name, parent = parent, parentNs = parentNs, mode = mode,
     * address = addresses)}.
     */
    public TopologyBuilder macvlan(String ns, String name, String parent, String parentNs, MacvlanMode mode,
            String... addresses) {
        requireNonNull("macvlan", "ns", ns, "name", name, "parent", parent, "parentNs", parentNs, "addresses",
                addresses);
        return macvlan(ns, name, parent, parentNs, mode, "", List.of(), List.of(addresses));
    }

    /**
     * A macvlan device with all its options. Equivalent to {@code @Macvlan(ns = ns, name = name, parent = parent,
     * parentNs = parentNs, mode = mode, mac = mac, macaddrs = macaddrs, address = addresses)}.
     */
    public TopologyBuilder macvlan(String ns, String name, String parent, String parentNs, MacvlanMode mode, String mac,
            List<String> macaddrs, List<String> addresses) {
        requireNonNull("macvlan", "ns", ns, "name", name, "parent", parent, "parentNs", parentNs, "mac", mac,
                "macaddrs", macaddrs, "addresses", addresses);
        return device(new MacvlanKind.Spec(ns, name, parent, parentNs, mode, mac, macaddrs, false, addresses,
                "macvlan(\"" + ns + "\", \"" + name + "\") #" + (links.size() + 1)));
    }

    /**
     * A macvtap device, whose character device the topology hands over as {@code ns(ns).device(name,
     * MacvtapDevice.class)}. Equivalent to {@code @Macvtap(ns = ns, name = name, parent = parent, parentNs = parentNs,
     * mode = mode, address = addresses)}.
     */
    public TopologyBuilder macvtap(String ns, String name, String parent, String parentNs, MacvlanMode mode,
            String... addresses) {
        requireNonNull("macvtap", "ns", ns, "name", name, "parent", parent, "parentNs", parentNs, "addresses",
                addresses);
        return macvtap(ns, name, parent, parentNs, mode, "", List.of(), List.of(addresses));
    }

    /**
     * A macvtap device with all its options; see
     * {@link #macvlan(String, String, String, String, MacvlanMode, String, List, List)}.
     */
    public TopologyBuilder macvtap(String ns, String name, String parent, String parentNs, MacvlanMode mode, String mac,
            List<String> macaddrs, List<String> addresses) {
        requireNonNull("macvtap", "ns", ns, "name", name, "parent", parent, "parentNs", parentNs, "mac", mac,
                "macaddrs", macaddrs, "addresses", addresses);
        return device(new MacvlanKind.Spec(ns, name, parent, parentNs, mode, mac, macaddrs, true, addresses,
                "macvtap(\"" + ns + "\", \"" + name + "\") #" + (links.size() + 1)));
    }

    /**
     * A TAP device with the default options: attached, one queue, no packet information, deleted at teardown.
     * Equivalent to {@code @TapDevice(ns = ns, name = name, address = addresses)}; its handle is
     * {@code topology.ns(ns).device(name, Tap.class)}.
     */
    public TopologyBuilder tap(String ns, String name, String... addresses) {
        requireNonNull("tap", "ns", ns, "name", name, "addresses", addresses);
        return tap(ns, name, TunTap.Options.defaults(), addresses);
    }

    /**
     * A TAP device with options, e.g. {@code tap("a", "tap0", TunTap.Options.defaults().attached(false),
     * "10.0.0.1/24")}. Equivalent to {@code @TapDevice} with the attributes of the same names.
     */
    public TopologyBuilder tap(String ns, String name, TunTap.Options options, String... addresses) {
        requireNonNull("tap", "ns", ns, "name", name, "options", options, "addresses", addresses);
        return device(new TapKind.Spec(ns, name, List.of(addresses), options.queues(), options.packetInfo(),
                options.persistent(), options.attached(), options.owner(), options.group(),
                "tap(\"" + ns + "\", \"" + name + "\") #" + (links.size() + 1)));
    }

    /**
     * A TUN device with the default options: attached, one queue, no packet information, deleted at teardown.
     * Equivalent to {@code @TunDevice(ns = ns, name = name, address = addresses)}; its handle is
     * {@code topology.ns(ns).device(name, Tun.class)}.
     */
    public TopologyBuilder tun(String ns, String name, String... addresses) {
        requireNonNull("tun", "ns", ns, "name", name, "addresses", addresses);
        return tun(ns, name, TunTap.Options.defaults(), addresses);
    }

    /**
     * A TUN device with options, e.g. {@code tun("a", "tun0", TunTap.Options.defaults().peer("10.8.0.2"),
     * "10.8.0.1/32")}. Equivalent to {@code @TunDevice} with the attributes of the same names.
     */
    public TopologyBuilder tun(String ns, String name, TunTap.Options options, String... addresses) {
        requireNonNull("tun", "ns", ns, "name", name, "options", options, "addresses", addresses);
        return device(new TunKind.Spec(ns, name, List.of(addresses), options.peer(), options.queues(),
                options.packetInfo(), options.persistent(), options.attached(), options.owner(), options.group(),
                "tun(\"" + ns + "\", \"" + name + "\") #" + (links.size() + 1)));
    }

    /** Adds a device of one of the kinds beyond veth and bridge; the kinds' builder methods use it. */
    private TopologyBuilder device(LinkSpec spec) {
        links.add(spec);
        return this;
    }

    /** A route via a gateway. Equivalent to {@code @Route(ns = ns, to = to, via = via)}. */
    public TopologyBuilder route(String ns, String to, String via) {
        requireNonNull("route", "ns", ns, "to", to, "via", via);
        return route(ns, to, via, "");
    }

    /** A route; {@code via} or {@code dev} may be empty. */
    public TopologyBuilder route(String ns, String to, String via, String dev) {
        requireNonNull("route", "ns", ns, "to", to, "via", via, "dev", dev);
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

    /**
     * Throws a {@link NullPointerException} naming builder method {@code method} and the first of its arguments that is
     * null or holds a null (an element of an array or a list); {@code namesAndValues} alternates each argument's name
     * and value.
     */
    static void requireNonNull(String method, Object... namesAndValues) {
        for (int i = 0; i < namesAndValues.length; i += 2) {
            Object value = namesAndValues[i + 1];
            String what = method + "(...): argument " + namesAndValues[i];
            if (value == null) {
                throw new NullPointerException(what + " is null; use \"\" or leave the option out for none");
            }
            List<?> elements = value instanceof Object[] array ? java.util.Arrays.asList(array)
                    : value instanceof List<?> list ? list : List.of();
            for (int e = 0; e < elements.size(); e++) {
                if (elements.get(e) == null) {
                    throw new NullPointerException(what + " has a null at index " + e + "; leave it out instead");
                }
            }
        }
    }

    /**
     * Options of one tunnel, shared by {@link TopologyBuilder#ipip ipip}, {@link TopologyBuilder#gre gre},
     * {@link TopologyBuilder#sit sit} and {@link TopologyBuilder#vxlan vxlan}; each is named and means what the
     * attribute of that name of the kind's annotation does. An option the kind does not have ({@code key} on ipip,
     * {@code peer} on vxlan) is reported by {@link TopologyBuilder#build()}.
     */
    public static final class TunnelOptions {
        private final Map<String, Object> values = new LinkedHashMap<>();
        private final List<String> addresses = new ArrayList<>();

        TunnelOptions() {
        }

        static Map<String, Object> of(Consumer<TunnelOptions> options) {
            TunnelOptions o = new TunnelOptions();
            options.accept(o);
            if (!o.addresses.isEmpty()) {
                o.values.put("address", List.copyOf(o.addresses));
            }
            return o.values;
        }

        private TunnelOptions set(String option, Object value) {
            values.put(option, value);
            return this;
        }

        /** The outer source address, an address of the namespace. */
        public TunnelOptions local(String address) {
            requireNonNull("TunnelOptions.local", "address", address);
            return set("local", address);
        }

        /** The far end's underlay address. */
        public TunnelOptions remote(String address) {
            requireNonNull("TunnelOptions.remote", "address", address);
            return set("remote", address);
        }

        /** The outer TTL; 0 inherits (ipip, gre, sit) or leaves it to the kernel (vxlan). */
        public TunnelOptions ttl(int ttl) {
            return set("ttl", ttl);
        }

        /** The outer TOS byte; 1 inherits. */
        public TunnelOptions tos(int tos) {
            return set("tos", tos);
        }

        /** Path MTU discovery (ipip, gre, sit); off needs ttl 0. */
        public TunnelOptions pmtudisc(boolean on) {
            return set("pmtudisc", on);
        }

        /** The underlay interface. */
        public TunnelOptions dev(String underlay) {
            requireNonNull("TunnelOptions.dev", "underlay", underlay);
            return set("dev", underlay);
        }

        /** Addresses of the device, in CIDR notation (bare ones with {@link #peer(String)} are hosts). */
        public TunnelOptions address(String... cidr) {
            requireNonNull("TunnelOptions.address", "cidr", cidr);
            addresses.addAll(List.of(cidr));
            return this;
        }

        /** The far end's tunnel address, for point-to-point addresses (ipip, gre, sit). */
        public TunnelOptions peer(String address) {
            requireNonNull("TunnelOptions.peer", "address", address);
            return set("peer", address);
        }

        /** The key of both directions (gre). */
        public TunnelOptions key(long key) {
            return set("key", key);
        }

        /** The key expected on received packets (gre). */
        public TunnelOptions ikey(long key) {
            return set("ikey", key);
        }

        /** The key put on sent packets (gre). */
        public TunnelOptions okey(long key) {
            return set("okey", key);
        }

        /** An Ethernet device: gretap instead of gre (gre). */
        public TunnelOptions tap() {
            return set("tap", true);
        }

        /** The VXLAN network identifier, 0 to 16777215 (vxlan). */
        public TunnelOptions vni(int vni) {
            return set("vni", vni);
        }

        /** A multicast group instead of a remote; needs {@link #dev(String)} (vxlan). */
        public TunnelOptions group(String address) {
            requireNonNull("TunnelOptions.group", "address", address);
            return set("group", address);
        }

        /** The UDP destination port; 4789 by default (vxlan). */
        public TunnelOptions port(int port) {
            return set("port", port);
        }
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

        /**
         * The interface name of end {@code a}; by default {@code ethN}, N counting the interfaces already declared in
         * its namespace.
         */
        public VethOptions aName(String name) {
            requireNonNull("VethOptions.aName", "name", name);
            this.aName = name;
            return this;
        }

        /**
         * The interface name of end {@code b}; by default {@code ethN}, N counting the interfaces already declared in
         * its namespace.
         */
        public VethOptions bName(String name) {
            requireNonNull("VethOptions.bName", "name", name);
            this.bName = name;
            return this;
        }

        /** Adds addresses, in CIDR notation, to end {@code a}. */
        public VethOptions aAddress(String... cidr) {
            requireNonNull("VethOptions.aAddress", "cidr", cidr);
            aAddresses.addAll(List.of(cidr));
            return this;
        }

        /** Adds addresses, in CIDR notation, to end {@code b}. */
        public VethOptions bAddress(String... cidr) {
            requireNonNull("VethOptions.bAddress", "cidr", cidr);
            bAddresses.addAll(List.of(cidr));
            return this;
        }

        /** The MTU of both ends; 0 (the default) for the kernel's (1500). */
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
            requireNonNull("BridgeOptions.namespace", "ns", ns);
            this.namespace = ns;
            return this;
        }

        /** Addresses of the bridge itself (needs {@link #namespace(String)}). */
        public BridgeOptions address(String... cidr) {
            requireNonNull("BridgeOptions.address", "cidr", cidr);
            addresses.addAll(List.of(cidr));
            return this;
        }

        /** Plugs namespace {@code ns} in, with an interface {@code ethN} holding {@code addresses}. */
        public BridgeOptions port(String ns, String... addresses) {
            requireNonNull("BridgeOptions.port", "ns", ns, "addresses", addresses);
            ports.add(new PortSpec(ns, "", List.of(addresses)));
            return this;
        }

        /** Plugs namespace {@code ns} in, with an interface {@code name} holding {@code addresses}. */
        public BridgeOptions namedPort(String ns, String name, String... addresses) {
            requireNonNull("BridgeOptions.namedPort", "ns", ns, "name", name, "addresses", addresses);
            ports.add(new PortSpec(ns, name, List.of(addresses)));
            return this;
        }
    }
}
