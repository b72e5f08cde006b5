package io.netns4j.internal.model;

import io.netns4j.internal.netlink.Addresses;
import io.netns4j.TopologyDefinitionException;
import io.netns4j.TopologyDefinitionException.Problem;
import io.netns4j.internal.model.Plan.BridgePlan;
import io.netns4j.internal.model.Plan.Endpoint;
import io.netns4j.internal.model.Plan.NamespacePlan;
import io.netns4j.internal.model.Plan.RoutePlan;
import io.netns4j.internal.model.Plan.VethPlan;
import io.netns4j.internal.model.Specs.BridgeSpec;
import io.netns4j.internal.model.Specs.NamespaceSpec;
import io.netns4j.internal.model.Specs.PortSpec;
import io.netns4j.internal.model.Specs.RouteSpec;
import io.netns4j.internal.model.Specs.TopologySpec;
import io.netns4j.internal.model.Specs.VethSpec;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a declared topology before anything touches the kernel and resolves it into a {@link Plan}. Every problem is
 * collected; {@link #validate} throws one {@link TopologyDefinitionException} listing them all.
 */
public final class Validator {

    /** The kernel's IFNAMSIZ less the terminating NUL. */
    static final int MAX_INTERFACE_NAME_BYTES = 15;
    private static final Pattern NAMESPACE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private final List<Problem> problems = new ArrayList<>();
    /** Per namespace: interface name → where it was declared. */
    private final Map<String, Map<String, String>> interfaces = new HashMap<>();
    /** Per namespace: the addresses of its interfaces. */
    private final Map<String, List<Cidr>> addressesByNs = new HashMap<>();
    /** Per namespace and interface: its addresses. */
    private final Map<String, Map<String, List<Cidr>>> addressesByInterface = new HashMap<>();
    /** Address → where it was declared, to find duplicates. */
    private final Map<InetAddress, String> allAddresses = new HashMap<>();

    private Validator() {
    }

    /**
     * Validates and resolves a topology.
     *
     * @throws TopologyDefinitionException
     *             listing every problem found
     */
    public static Plan validate(TopologySpec spec) {
        return new Validator().run(spec);
    }

    private void problem(String declaration, String attribute, Object value, String text) {
        problems.add(new Problem(declaration, attribute, String.valueOf(value), text));
    }

    private Plan run(TopologySpec spec) {
        Map<String, NamespaceSpec> namespaces = new LinkedHashMap<>();
        for (NamespaceSpec ns : spec.namespaces()) {
            if (ns.name() == null || !NAMESPACE_NAME.matcher(ns.name()).matches()) {
                problem(ns.declaration(), "value", ns.name(),
                        "not a valid namespace name. Use 1 to 64 letters, digits, '_', '.' or '-', starting with a letter or digit, e.g. \"client\".");
            } else if (namespaces.containsKey(ns.name())) {
                problem(ns.declaration(), "value", ns.name(), "namespace declared twice (first by "
                        + namespaces.get(ns.name()).declaration() + "). Give each @NetNamespace a distinct name.");
            } else {
                namespaces.put(ns.name(), ns);
            }
        }
        Set<String> known = new HashSet<>(namespaces.keySet());
        Set<String> forwarding = new HashSet<>();
        namespaces.values().stream().filter(NamespaceSpec::forwarding).forEach(n -> forwarding.add(n.name()));

        // Explicit interface names first, so that default names (ethN) avoid them.
        for (VethSpec v : spec.veths()) {
            reserve(v.a(), v.aName(), v.declaration(), "aName");
            if (!(v.a() != null && v.a().equals(v.b()) && v.aName() != null && v.aName().equals(v.bName()))) {
                // Both ends named alike in one namespace is reported once, below.
                reserve(v.b(), v.bName(), v.declaration(), "bName");
            }
        }
        for (LinkSpec l : spec.links()) {
            reserve(l.ns(), l.name(), l.declaration(), "name");
        }
        Map<String, String> bridgeNamespaces = new HashMap<>();
        Map<String, String> bridgeDeclarations = new HashMap<>();
        for (BridgeSpec b : spec.bridges()) {
            String ns = b.namespace() == null || b.namespace().isEmpty() ? Plan.hiddenBridgeNamespace(b.name())
                    : b.namespace();
            // bridges are told apart by name (a hidden bridge's namespace is named after it)
            String first = bridgeDeclarations.putIfAbsent(b.name(), b.declaration());
            if (first != null) {
                problem(b.declaration(), "name", b.name(),
                        "bridge declared twice (first by " + first + "). Give each bridge a distinct name.");
                continue;
            }
            bridgeNamespaces.put(b.name(), ns);
            if (b.name() == null || b.name().isEmpty()) {
                problem(b.declaration(), "name", b.name(), "a bridge needs a name. Name it, e.g. \"br0\".");
            }
            if (!b.namespace().isEmpty() && !known.contains(b.namespace())) {
                unknownNamespace(b.declaration(), "namespace", b.namespace(), known);
            }
            reserve(ns, b.name(), b.declaration(), "name");
            for (int i = 0; i < b.ports().size(); i++) {
                PortSpec p = b.ports().get(i);
                reserve(p.ns(), p.name(), b.declaration(), "ports[" + i + "].name");
            }
        }

        List<VethPlan> veths = new ArrayList<>();
        for (VethSpec v : spec.veths()) {
            boolean aKnown = checkNamespace(v.declaration(), "a", v.a(), known);
            boolean bKnown = checkNamespace(v.declaration(), "b", v.b(), known);
            checkMtu(v.declaration(), v.mtu(), v.aAddresses(), v.bAddresses());
            if (!aKnown || !bKnown) {
                continue;
            }
            String aName = nameOrDefault(v.a(), v.aName());
            String bName = nameOrDefault(v.b(), v.bName());
            if (v.a().equals(v.b()) && aName.equals(bName)) {
                problem(v.declaration(), "bName", v.bName(), "both ends are in namespace \"" + v.a() + "\" and named \""
                        + aName + "\". Give the ends distinct names with aName and bName.");
                continue;
            }
            Endpoint a = new Endpoint(v.a(), aName,
                    addresses(v.declaration(), "aAddress", v.a(), aName, v.aAddresses()));
            Endpoint b = new Endpoint(v.b(), bName,
                    addresses(v.declaration(), "bAddress", v.b(), bName, v.bAddresses()));
            veths.add(new VethPlan(a, b, v.mtu(), null, v.declaration()));
        }

        List<BridgePlan> bridges = new ArrayList<>();
        List<NamespacePlan> hidden = new ArrayList<>();
        int port = 0;
        for (BridgeSpec b : spec.bridges()) {
            String ns = bridgeNamespaces.get(b.name());
            boolean isHidden = b.namespace().isEmpty();
            if (isHidden) {
                if (!b.addresses().isEmpty()) {
                    problem(b.declaration(), "address", String.join(", ", b.addresses()),
                            "a bridge in a hidden namespace of its own cannot have addresses. Set namespace to a declared @NetNamespace, or give the addresses to the ports.");
                }
                if (hidden.stream().noneMatch(h -> h.name().equals(ns))) {
                    hidden.add(new NamespacePlan(ns, false, true));
                }
            } else if (!known.contains(b.namespace())) {
                continue;
            }
            List<Cidr> own = isHidden ? List.of() : addresses(b.declaration(), "address", ns, b.name(), b.addresses());
            bridges.add(new BridgePlan(ns, b.name(), own, b.declaration()));
            for (int i = 0; i < b.ports().size(); i++) {
                PortSpec p = b.ports().get(i);
                String attr = "ports[" + i + "]";
                if (!checkNamespace(b.declaration(), attr + ".ns", p.ns(), known)) {
                    continue;
                }
                String hostName = nameOrDefault(p.ns(), p.name());
                String switchName;
                do {
                    switchName = "port" + port++;
                } while (interfaces.getOrDefault(ns, Map.of()).containsKey(switchName));
                reserve(ns, switchName, b.declaration(), attr);
                Endpoint sw = new Endpoint(ns, switchName, List.of());
                Endpoint host = new Endpoint(p.ns(), hostName,
                        addresses(b.declaration(), attr + ".address", p.ns(), hostName, p.addresses()));
                veths.add(new VethPlan(sw, host, 0, b.name(), b.declaration()));
            }
        }

        for (VethPlan v : veths) {
            kindOf(v.a().ns(), v.a().name(), "veth");
            kindOf(v.b().ns(), v.b().name(), "veth");
        }
        bridges.forEach(b -> kindOf(b.ns(), b.name(), "bridge"));
        List<LinkPlan> links = links(spec.links(), known);

        List<RoutePlan> routes = new ArrayList<>();
        Set<String> routeKeys = new HashSet<>();
        for (RouteSpec r : spec.routes()) {
            RoutePlan plan = route(r, known, forwarding);
            if (plan != null && !routeKeys.add(plan.ns() + " " + plan.to())) {
                problem(r.declaration(), "to", r.to(), "namespace \"" + r.ns() + "\" already has a route to "
                        + plan.to() + ". Declare each destination once per namespace.");
            } else if (plan != null) {
                routes.add(plan);
            }
        }

        if (!problems.isEmpty()) {
            throw new TopologyDefinitionException(spec.subject(), problems);
        }
        List<NamespacePlan> nsPlans = new ArrayList<>();
        for (NamespaceSpec ns : namespaces.values()) {
            nsPlans.add(new NamespacePlan(ns.name(), forwarding.contains(ns.name()), false));
        }
        nsPlans.addAll(hidden);
        return new Plan(spec.subject(), nsPlans, bridges, veths, links, routes);
    }

    /** Per namespace: interface name → its kind ("veth", "bridge", or a device kind). */
    private final Map<String, Map<String, String>> kinds = new HashMap<>();
    /** Per "ns/parent": the kinds of the devices declared on that parent, in order. */
    private final Map<String, List<String>> onParent = new HashMap<>();

    private void kindOf(String ns, String name, String kind) {
        kinds.computeIfAbsent(ns, k -> new HashMap<>()).put(name, kind);
    }

    /**
     * Checks the devices of every other kind: what all have in common here, the rest by the kind itself; returns their
     * plans with parents before children.
     */
    private List<LinkPlan> links(List<LinkSpec> specs, Set<String> known) {
        List<LinkPlan> plans = new ArrayList<>();
        for (LinkSpec l : specs) {
            String declaration = l.declaration();
            boolean nsKnown = checkNamespace(declaration, "ns", l.ns(), known);
            String parentNs = l.parentNs() == null || l.parentNs().isEmpty() ? l.ns() : l.parentNs();
            boolean parentNsKnown = parentNs.equals(l.ns()) ? nsKnown
                    : checkNamespace(declaration, "parentNs", parentNs, known);
            int before = problems.size();
            if (!l.parent().isEmpty() && parentNsKnown
                    && !interfaces.getOrDefault(parentNs, Map.of()).containsKey(l.parent())) {
                problem(declaration, "parent", l.parent(),
                        "namespace \"" + parentNs + "\" has no interface of that name" + knownInterfaces(parentNs)
                                + ". Name a declared interface of that namespace" + (l.parentNs().isEmpty()
                                        ? ", or set parentNs if the parent lives in another namespace." : "."));
            }
            if (!nsKnown) {
                continue;
            }
            String name = l.name() == null || l.name().isEmpty() ? defaultName(l.ns(), l.defaultNamePrefix())
                    : l.name();
            List<Cidr> addresses = addresses(declaration, "address", l.ns(), name, l.addresses());
            l.validate(new KindCheck() {
                @Override
                public void problem(String attribute, Object value, String text) {
                    Validator.this.problem(declaration, attribute, value, text);
                }

                @Override
                public Set<String> interfaces(String ns) {
                    return Set.copyOf(interfaces.getOrDefault(ns, Map.of()).keySet());
                }

                @Override
                public List<String> kindsOnParent(String ns, String parent) {
                    return List.copyOf(onParent.getOrDefault(ns + "/" + parent, List.of()));
                }

                @Override
                public String kindOf(String ns, String ifName) {
                    return kinds.getOrDefault(ns, Map.of()).get(ifName);
                }
            });
            kindOf(l.ns(), name, l.kind());
            if (!l.parent().isEmpty()) {
                onParent.computeIfAbsent(parentNs + "/" + l.parent(), k -> new ArrayList<>()).add(l.kind());
            }
            if (problems.size() == before) {
                plans.add(l.plan(name, addresses, parentNs));
            }
        }
        return parentsFirst(plans);
    }

    /** Orders plans so that a device's parent, if it is one of them, comes before it. */
    private static List<LinkPlan> parentsFirst(List<LinkPlan> plans) {
        List<LinkPlan> out = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        List<LinkPlan> left = new ArrayList<>(plans);
        Set<String> declared = new HashSet<>();
        plans.forEach(p -> declared.add(p.ns() + "/" + p.name()));
        while (!left.isEmpty()) {
            boolean progress = false;
            for (var it = left.iterator(); it.hasNext();) {
                LinkPlan p = it.next();
                String parent = p.parentNs() + "/" + p.parent();
                if (p.parent().isEmpty() || !declared.contains(parent) || placed.contains(parent)) {
                    out.add(p);
                    placed.add(p.ns() + "/" + p.name());
                    it.remove();
                    progress = true;
                }
            }
            if (!progress) {
                // A cycle of parents: the kernel will refuse it; keep the declared order.
                out.addAll(left);
                break;
            }
        }
        return out;
    }

    private String defaultName(String ns, String prefix) {
        Map<String, String> names = interfaces.computeIfAbsent(ns, k -> new HashMap<>());
        int n = 0;
        while (names.containsKey(prefix + n)) {
            n++;
        }
        names.put(prefix + n, "(default name)");
        return prefix + n;
    }

    private RoutePlan route(RouteSpec r, Set<String> known, Set<String> forwarding) {
        if (!checkNamespace(r.declaration(), "ns", r.ns(), known)) {
            return null;
        }
        InetAddress via = null;
        if (!r.via().isEmpty()) {
            Optional<InetAddress> parsed = Cidr.parseAddress(r.via());
            if (parsed.isEmpty()) {
                problem(r.declaration(), "via", r.via(),
                        "not an IP address. Write the gateway as a plain address, e.g. \"10.0.0.254\" or \"fd00::1\".");
                return null;
            }
            via = parsed.get();
        }
        Cidr to;
        if ("default".equals(r.to())) {
            try {
                to = new Cidr(InetAddress.getByName(via != null && !(via instanceof Inet4Address) ? "::" : "0.0.0.0"),
                        0);
            } catch (java.net.UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        } else {
            Optional<Cidr> parsed = Cidr.parse(r.to());
            if (parsed.isEmpty()) {
                problem(r.declaration(), "to", r.to(),
                        "not a destination. Write it in CIDR notation, e.g. \"10.0.1.0/24\", or as \"default\".");
                return null;
            }
            to = parsed.get();
            if (to.hasHostBits()) {
                problem(r.declaration(), "to", r.to(), "has host bits set beyond the prefix. Did you mean \""
                        + Addresses.format(to.network()) + "/" + to.prefixLength() + "\"?");
                return null;
            }
        }
        if (via == null && r.dev().isEmpty()) {
            problem(r.declaration(), "via", r.via(),
                    "a route needs a gateway (via), an interface (dev) or both. Add via = \"<gateway address>\" or dev = \"<interface>\".");
            return null;
        }
        if (via != null && via.getClass() != to.address().getClass()) {
            problem(r.declaration(), "via", r.via(), "the gateway is " + family(via) + " but the destination " + r.to()
                    + " is " + family(to.address()) + ". Use a gateway of the destination's family.");
            return null;
        }
        Map<String, List<Cidr>> nsInterfaces = addressesByInterface.getOrDefault(r.ns(), Map.of());
        if (!r.dev().isEmpty() && !interfaces.getOrDefault(r.ns(), Map.of()).containsKey(r.dev())) {
            problem(r.declaration(), "dev", r.dev(), "namespace \"" + r.ns() + "\" has no interface of that name"
                    + knownInterfaces(r.ns()) + ". Name one of its interfaces, or leave dev empty.");
            return null;
        }
        if (via != null) {
            final InetAddress gw = via;
            List<Cidr> candidates = r.dev().isEmpty() ? addressesByNs.getOrDefault(r.ns(), List.of())
                    : nsInterfaces.getOrDefault(r.dev(), List.of());
            if (candidates.stream().noneMatch(c -> c.contains(gw))) {
                problem(r.declaration(), "via", r.via(), "the gateway is not in a subnet of any address of namespace \""
                        + r.ns() + "\"" + (r.dev().isEmpty() ? "" : " on " + r.dev()) + " ("
                        + (candidates.isEmpty() ? "it has none"
                                : candidates.stream().map(Cidr::toString).reduce((x, y) -> x + ", " + y).orElse(""))
                        + "). Route via an address on a link of that namespace.");
                return null;
            }
            if (addressesByNs.getOrDefault(r.ns(), List.of()).stream().anyMatch(c -> c.address().equals(gw))) {
                problem(r.declaration(), "via", r.via(), "that is an address of namespace \"" + r.ns()
                        + "\" itself; a gateway is another host. Route via the address of a neighbour on that link.");
                return null;
            }
            addressesByNs.forEach((ns, list) -> {
                if (!ns.equals(r.ns()) && list.stream().anyMatch(c -> c.address().equals(gw))) {
                    forwarding.add(ns);
                }
            });
        }
        return new RoutePlan(r.ns(), to, via, r.dev().isEmpty() ? null : r.dev(), r.declaration());
    }

    private static String family(InetAddress a) {
        return a instanceof Inet4Address ? "IPv4" : "IPv6";
    }

    private String knownInterfaces(String ns) {
        Set<String> names = interfaces.getOrDefault(ns, Map.of()).keySet();
        return names.isEmpty() ? "" : " (it has " + String.join(", ", new java.util.TreeSet<>(names)) + ")";
    }

    private boolean checkNamespace(String declaration, String attribute, String ns, Set<String> known) {
        if (ns == null || !known.contains(ns)) {
            unknownNamespace(declaration, attribute, ns, known);
            return false;
        }
        return true;
    }

    private void unknownNamespace(String declaration, String attribute, String ns, Set<String> known) {
        problem(declaration, attribute, ns, "no @NetNamespace of that name is declared"
                + (known.isEmpty() ? "" : " (declared: " + String.join(", ", new java.util.TreeSet<>(known)) + ")")
                + ". Declare @NetNamespace(\"" + ns + "\") or use a declared name.");
    }

    private void checkMtu(String declaration, int mtu, List<String> a, List<String> b) {
        if (mtu == 0) {
            return;
        }
        if (mtu < 68 || mtu > 65535) {
            problem(declaration, "mtu", mtu, "out of range. Use 0 for the default (1500) or a value from 68 to 65535.");
        } else if (mtu < 1280
                && (a.stream().anyMatch(s -> s.contains(":")) || b.stream().anyMatch(s -> s.contains(":")))) {
            problem(declaration, "mtu", mtu,
                    "IPv6 needs an MTU of at least 1280. Raise mtu or drop the IPv6 addresses.");
        }
    }

    private void reserve(String ns, String name, String declaration, String attribute) {
        if (ns == null || name == null || name.isEmpty()) {
            return;
        }
        if (!checkInterfaceName(declaration, attribute, name)) {
            return;
        }
        Map<String, String> names = interfaces.computeIfAbsent(ns, k -> new HashMap<>());
        String first = names.putIfAbsent(name, declaration);
        if (first != null) {
            problem(declaration, attribute, name, "namespace \"" + ns
                    + "\" already has an interface of that name (from " + first + "). Give it another name.");
        }
    }

    private boolean checkInterfaceName(String declaration, String attribute, String name) {
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_INTERFACE_NAME_BYTES) {
            problem(declaration, attribute, name, "interface names are at most " + MAX_INTERFACE_NAME_BYTES
                    + " bytes, this one has " + bytes + ". Use a shorter name.");
            return false;
        }
        if (name.isEmpty() || name.equals(".") || name.equals("..")
                || name.chars().anyMatch(c -> c == '/' || c == ':' || c == '%' || Character.isWhitespace(c))) {
            problem(declaration, attribute, name,
                    "not a valid interface name: it may not be \".\" or \"..\" nor contain '/', ':', '%' or whitespace. Use e.g. \"eth0\".");
            return false;
        }
        for (int i = 0; i < name.length(); i = name.offsetByCodePoints(i, 1)) {
            int c = name.codePointAt(i);
            String character = new String(Character.toChars(c));
            if (c == 0) {
                problem(declaration, attribute, name, "not a valid interface name: it contains a NUL character, where"
                        + " the kernel would cut it short. Use e.g. \"eth0\".");
                return false;
            }
            // the kernel checks names byte by byte, and its isspace() is true for 0xa0 (Latin-1's no-break space)
            for (byte b : character.getBytes(StandardCharsets.UTF_8)) {
                if (c > 0x7f && (b & 0xff) == 0xa0) {
                    problem(declaration, attribute, name,
                            String.format("not a valid interface name: character '%s'"
                                    + " (U+%04X) has byte 0xa0 in UTF-8, which the kernel takes for a space. Use e.g."
                                    + " \"eth0\".", character, c));
                    return false;
                }
            }
        }
        if (name.equals("all") || name.equals("default")) {
            problem(declaration, attribute, name, "the kernel refuses \"all\" and \"default\" as interface names (they"
                    + " stand for every interface and for new ones in /proc/sys/net/*/conf). Use another name.");
            return false;
        }
        if (name.equals("lo")) {
            problem(declaration, attribute, name,
                    "every namespace already has the loopback interface \"lo\". Use another name.");
            return false;
        }
        return true;
    }

    private String nameOrDefault(String ns, String name) {
        if (name != null && !name.isEmpty()) {
            return name;
        }
        Map<String, String> names = interfaces.computeIfAbsent(ns, k -> new HashMap<>());
        int n = 0;
        while (names.containsKey("eth" + n)) {
            n++;
        }
        names.put("eth" + n, "(default name)");
        return "eth" + n;
    }

    private List<Cidr> addresses(String declaration, String attribute, String ns, String ifName, List<String> texts) {
        List<Cidr> out = new ArrayList<>();
        for (String text : texts) {
            Optional<Cidr> parsed = Cidr.parse(text);
            if (parsed.isEmpty()) {
                problem(declaration, attribute, text,
                        "not an address in CIDR notation. Write ADDRESS/PREFIX, e.g. \"10.0.0.1/24\" or \"fd00::1/64\".");
                continue;
            }
            Cidr c = parsed.get();
            InetAddress ip = c.address();
            if (ip.isMulticastAddress() || ip.isLoopbackAddress() || ip.isAnyLocalAddress()) {
                problem(declaration, attribute, text, "a "
                        + (ip.isMulticastAddress() ? "multicast" : ip.isLoopbackAddress() ? "loopback" : "wildcard")
                        + " address cannot be an interface address. Use a unicast address, e.g. \""
                        + (c.isIpv6() ? "fd00::1/64" : "10.0.0.1/24") + "\".");
                continue;
            }
            if (!c.isIpv6() && c.prefixLength() <= 30 && c.address().equals(c.network())) {
                problem(declaration, attribute, text,
                        "that is the network address of " + Addresses.format(c.network()) + "/" + c.prefixLength()
                                + ", not a host address. Use a host address, e.g. \"" + nextHost(c) + "/"
                                + c.prefixLength() + "\".");
                continue;
            }
            if (!c.isIpv6() && c.prefixLength() <= 30 && c.address().equals(c.broadcast())) {
                problem(declaration, attribute, text,
                        "that is the broadcast address of its subnet, not a host address. Use another host address.");
                continue;
            }
            String first = allAddresses.putIfAbsent(c.address(), declaration + " " + attribute);
            if (first != null) {
                problem(declaration, attribute, text, "the address " + Addresses.format(c.address())
                        + " is already given by " + first + ". Give every interface its own address.");
                continue;
            }
            out.add(c);
            addressesByNs.computeIfAbsent(ns, k -> new ArrayList<>()).add(c);
            addressesByInterface.computeIfAbsent(ns, k -> new HashMap<>())
                    .computeIfAbsent(ifName, k -> new ArrayList<>()).add(c);
        }
        return out;
    }

    private static String nextHost(Cidr c) {
        byte[] raw = c.network().getAddress();
        raw[raw.length - 1] |= 1;
        try {
            return Addresses.format(InetAddress.getByAddress(raw));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
