package io.netns4j.internal.runtime;

import io.netns4j.Netns4jConfig;
import io.netns4j.Topology;
import io.netns4j.KernelFeatureMissingException;
import io.netns4j.TopologyBuildException;
import io.netns4j.internal.model.Cidr;
import io.netns4j.internal.model.LinkPlan;
import io.netns4j.internal.model.Plan;
import io.netns4j.internal.model.Plan.BridgePlan;
import io.netns4j.internal.model.Plan.Endpoint;
import io.netns4j.internal.model.Plan.NamespacePlan;
import io.netns4j.internal.model.Plan.RoutePlan;
import io.netns4j.internal.model.Plan.VethPlan;
import io.netns4j.internal.netlink.AddressRequests;
import io.netns4j.internal.netlink.LinkMessage;
import io.netns4j.internal.netlink.LinkRequests;
import io.netns4j.internal.netlink.Message;
import io.netns4j.internal.netlink.Nl;
import io.netns4j.internal.netlink.RouteRequests;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * Builds a validated {@link Plan} into the kernel and hands back a live {@link Topology}.
 *
 * <p>
 * Order: namespaces (each created on its own thread, in parallel), bridges, veth pairs (each created in one request,
 * the peer straight into its namespace, bridge ports enslaved at creation), both ends brought up, addresses, a wait
 * until every veth end is operationally up, then routes. If a step fails, the namespaces made so far are released,
 * which removes everything in them.
 */
public final class TopologyRuntime {

    /**
     * Settings of a build.
     *
     * @param pool
     *            whether namespaces come from the warm pool ({@link Netns4jConfig#POOL})
     * @param poolSize
     *            the most namespaces the pool keeps ready
     */
    public record Settings(Duration execTimeout, Duration operstateTimeout, boolean pool, int poolSize) {

        /** Reads the settings through {@code lookup} (a key → value or null), with the documented defaults. */
        public static Settings from(Function<String, String> lookup) {
            return new Settings(duration(lookup, Netns4jConfig.EXEC_TIMEOUT, Netns4jConfig.EXEC_TIMEOUT_DEFAULT),
                    duration(lookup, Netns4jConfig.OPERSTATE_TIMEOUT, Netns4jConfig.OPERSTATE_TIMEOUT_DEFAULT),
                    onOff(lookup, Netns4jConfig.POOL, Netns4jConfig.POOL_DEFAULT),
                    count(lookup, Netns4jConfig.POOL_SIZE, Netns4jConfig.POOL_SIZE_DEFAULT));
        }

        public static Settings fromSystemProperties() {
            return from(System::getProperty);
        }

        private static Duration duration(Function<String, String> lookup, String key, String fallback) {
            String v = lookup.apply(key);
            return Durations.parse(v == null || v.isBlank() ? fallback : v, key);
        }

        private static boolean onOff(Function<String, String> lookup, String key, String fallback) {
            String v = lookup.apply(key);
            String value = v == null || v.isBlank() ? fallback : v.trim();
            return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "on", "true" -> true;
            case "off", "false" -> false;
            default -> throw new IllegalArgumentException(
                    "Configuration " + key + "=" + v + " is not understood: use on or off");
            };
        }

        private static int count(Function<String, String> lookup, String key, String fallback) {
            String v = lookup.apply(key);
            String value = v == null || v.isBlank() ? fallback : v.trim();
            try {
                int n = Integer.parseInt(value);
                if (n >= 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(
                    "Configuration " + key + "=" + v + " is not understood: use a whole number, 0 or more");
        }
    }

    private static final int IFF_NOARP = 0x80;

    private TopologyRuntime() {
    }

    /** Builds the plan; on failure nothing is left behind. */
    public static Topology build(Plan plan, Settings settings) {
        RootNamespace.get();
        DebugNames.sweepOnce();
        List<String> missing = missingFeatures(plan);
        if (!missing.isEmpty()) {
            throw new KernelFeatureMissingException(missing);
        }
        Map<String, Namespace> namespaces = new LinkedHashMap<>();
        boolean pooled = settings.pool() && settings.poolSize() > 0;
        if (pooled) {
            NamespacePool.get().buildStarts();
        }
        try {
            createNamespaces(plan, settings, namespaces);
            // Interface indexes learnt during the build, by "namespace/interface": each asked for once.
            Map<String, Integer> indexes = new HashMap<>();
            for (BridgePlan b : plan.bridges()) {
                namespaces.get(b.ns()).rtnl().ack(LinkRequests.newBridge(b.name(), true));
            }
            for (VethPlan v : plan.veths()) {
                Namespace a = namespaces.get(v.a().ns());
                Namespace b = namespaces.get(v.b().ns());
                int master = v.master() == null ? 0 : index(indexes, a, v.master());
                // The primary end comes up with its creation; the kernel refuses that for the peer (ENOTCONN).
                a.rtnl().ack(
                        LinkRequests.newVeth(v.a().name(), v.b().name(), b.fd().get(), v.mtu(), true, false, master));
                b.rtnl().ack(LinkRequests.setUp(index(indexes, b, v.b().name()), v.b().name(), true));
            }
            for (BridgePlan b : plan.bridges()) {
                addAddresses(namespaces.get(b.ns()), b.name(), b.addresses(), indexes);
            }
            BuildContext context = new BuildContext() {
                @Override
                public Namespace ns(String name) {
                    return namespaces.get(name);
                }

                @Override
                public void own(String ns, String device, AutoCloseable handle) {
                    namespaces.get(ns).own(device, handle);
                }
            };
            for (LinkPlan l : plan.links()) {
                createDevice(l, context, namespaces.get(l.ns()));
            }
            List<Endpoint> ends = new ArrayList<>();
            for (VethPlan v : plan.veths()) {
                ends.add(v.a());
                ends.add(v.b());
            }
            for (Endpoint e : ends) {
                addAddresses(namespaces.get(e.ns()), e.name(), e.addresses(), indexes);
            }
            long deadline = System.nanoTime() + settings.operstateTimeout().toNanos();
            Map<String, List<String>> endsByNamespace = new LinkedHashMap<>();
            for (Endpoint e : ends) {
                endsByNamespace.computeIfAbsent(e.ns(), k -> new ArrayList<>()).add(e.name());
            }
            endsByNamespace.forEach((ns, names) -> awaitOperationallyUp(namespaces.get(ns), names, deadline,
                    settings.operstateTimeout()));
            for (LinkPlan l : plan.links()) {
                if (DeviceBuilders.of(l).awaitCarrier()) {
                    awaitOperationallyUp(namespaces.get(l.ns()), l.name(), deadline, settings.operstateTimeout());
                }
            }
            for (LinkPlan l : plan.links()) {
                awaitIpv6Ready(namespaces.get(l.ns()), l.name(), l.addresses(), deadline, settings.operstateTimeout());
            }
            for (Endpoint e : ends) {
                awaitIpv6Ready(namespaces.get(e.ns()), e.name(), e.addresses(), deadline, settings.operstateTimeout());
            }
            for (BridgePlan b : plan.bridges()) {
                awaitIpv6Ready(namespaces.get(b.ns()), b.name(), b.addresses(), deadline, settings.operstateTimeout());
            }
            for (RoutePlan r : plan.routes()) {
                Namespace ns = namespaces.get(r.ns());
                int oif = r.dev() == null ? 0 : ns.index(r.dev());
                ns.rtnl().ack(RouteRequests.add(r.to().network(), r.to().prefixLength(), r.via(), oif, r.dev()));
            }
            return new LiveTopology(plan, namespaces);
        } catch (RuntimeException | Error e) {
            List<Throwable> failures = new ArrayList<>();
            LiveTopology.release(new ArrayList<>(namespaces.values()), failures);
            TopologyBuildException ex = new TopologyBuildException("Building the topology " + plan.subject()
                    + " failed: " + e.getMessage() + ". Everything built so far was removed.", e);
            failures.forEach(ex::addSuppressed);
            throw ex;
        } finally {
            if (pooled) {
                NamespacePool.get().buildEnds();
            }
        }
    }

    /**
     * Why this kernel cannot build the plan: one reason per missing feature (a link kind...), empty if it can. Each
     * kind is probed once per JVM.
     */
    public static List<String> missingFeatures(Plan plan) {
        List<String> missing = new ArrayList<>();
        for (LinkPlan l : plan.links()) {
            DeviceBuilders.of(l).missing(l.kind()).filter(r -> !missing.contains(r)).ifPresent(missing::add);
        }
        return missing;
    }

    /** The kernel features these impairments need and the kernel lacks (netem), as reasons. */
    public static List<String> missingFeatures(List<io.netns4j.ImpairmentSpec> impairments) {
        if (impairments.stream().anyMatch(io.netns4j.ImpairmentSpec::needsNetem)) {
            return KernelFeatures.missingQdisc("netem").map(List::of).orElse(List.of());
        }
        return List.of();
    }

    /** Every capture opened in a topology built here, for the failure report of a test. */
    public static List<io.netns4j.Capture> captures(Topology topology) {
        return topology instanceof LiveTopology live ? live.captures() : List.of();
    }

    /**
     * The kernel state of a topology built here, as text for the report of a failed test: cuts and impairments in
     * force, then per namespace its links with their counters, addresses, routes, neighbours, the nftables ruleset
     * netns4j installed, qdiscs and processes. Never throws: a part that cannot be read says why in its place.
     */
    public static String describe(Topology topology) {
        if (!(topology instanceof LiveTopology live)) {
            return "netns4j cannot describe " + topology + ": it was not built by netns4j\n";
        }
        try {
            return TopologyDump.of(live);
        } catch (RuntimeException | LinkageError e) {
            return "netns4j could not describe the topology: " + e + "\n";
        }
    }

    private static void createNamespaces(Plan plan, Settings settings, Map<String, Namespace> out) {
        List<NamespacePlan> plans = plan.namespaces();
        List<Namespace.Fresh> fresh = NamespacePool.get().take(plans.size(), settings.pool(), settings.poolSize());
        for (int i = 0; i < plans.size(); i++) {
            NamespacePlan p = plans.get(i);
            try {
                out.put(p.name(), Namespace.adopt(fresh.get(i), p.name(), p.forwarding(), settings.execTimeout()));
            } catch (RuntimeException | Error e) {
                // adopt released its own; the caller releases those already in out
                fresh.subList(i + 1, fresh.size()).forEach(Namespace.Fresh::release);
                throw e;
            }
        }
    }

    private static <P extends LinkPlan> void createDevice(P plan, BuildContext context, Namespace ns) {
        DeviceBuilder<P> builder = DeviceBuilders.of(plan);
        builder.create(plan, context);
        if (plan.peer() != null) {
            int index = ns.index(plan.name());
            for (Cidr c : plan.addresses()) {
                ns.rtnl().ack(
                        AddressRequests.addWithPeer(index, plan.name(), c.address(), plan.peer(), c.prefixLength()));
            }
        } else {
            addAddresses(ns, plan.name(), plan.addresses(), new HashMap<>());
        }
        if (builder.bringUp()) {
            ns.rtnl().ack(LinkRequests.setUp(ns.index(plan.name()), plan.name(), true));
        }
    }

    /** The index of {@code ifName} in {@code ns}, asked of the kernel the first time only. */
    private static int index(Map<String, Integer> indexes, Namespace ns, String ifName) {
        return indexes.computeIfAbsent(ns.name() + "/" + ifName, k -> ns.index(ifName));
    }

    private static void addAddresses(Namespace ns, String ifName, List<Cidr> addresses, Map<String, Integer> indexes) {
        if (addresses.isEmpty()) {
            return;
        }
        int index = index(indexes, ns, ifName);
        for (Cidr c : addresses) {
            ns.rtnl().ack(AddressRequests.add(index, ifName, c.address(), c.prefixLength()));
        }
    }

    /**
     * Waits until the interface has joined the solicited-node multicast group of each of its IPv6 addresses. The kernel
     * joins them asynchronously after the address is added (even without duplicate address detection); a neighbour
     * solicitation that arrives before is ignored, and the sender retries only a second later.
     */
    private static void awaitIpv6Ready(Namespace ns, String ifName, List<Cidr> addresses, long deadline,
            Duration timeout) {
        List<String> groups = addresses.stream().filter(Cidr::isIpv6)
                .map(c -> solicitedNodeGroup(c.address().getAddress())).toList();
        if (groups.isEmpty()) {
            return;
        }
        // Devices without neighbour discovery (NOARP: tunnels, TUN) never join those groups, and need not.
        if ((ns.linkMessage(ifName).flags() & IFF_NOARP) != 0) {
            return;
        }
        while (true) {
            String igmp6 = ns
                    .inside(() -> java.nio.file.Files.readString(java.nio.file.Path.of("/proc/thread-self/net/igmp6")));
            List<String> joined = igmp6.lines().map(l -> l.trim().split("\\s+"))
                    .filter(f -> f.length > 2 && f[1].equals(ifName)).map(f -> f[2]).toList();
            if (joined.containsAll(groups)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("interface " + ifName + " in namespace " + ns.name()
                        + " has not joined the solicited-node multicast groups of its IPv6 addresses after "
                        + timeout.toMillis() + " ms; raise " + Netns4jConfig.OPERSTATE_TIMEOUT
                        + " if the machine is very busy");
            }
            LockSupport.parkNanos(200_000);
        }
    }

    /** {@code ff02::1:ffXX:XXXX} of an IPv6 address, as {@code /proc/net/igmp6} writes it (32 hex digits). */
    static String solicitedNodeGroup(byte[] address) {
        return String.format("ff0200000000000000000001ff%02x%02x%02x", address[13] & 0xff, address[14] & 0xff,
                address[15] & 0xff);
    }

    /**
     * Waits until every interface of {@code ifNames} in {@code ns} is operationally up: one request per poll for one
     * interface, one dump of the namespace's links per poll for several (a switch namespace with many ports).
     */
    private static void awaitOperationallyUp(Namespace ns, List<String> ifNames, long deadline, Duration timeout) {
        if (ifNames.size() == 1) {
            awaitOperationallyUp(ns, ifNames.get(0), deadline, timeout);
            return;
        }
        java.util.Set<String> waiting = new java.util.HashSet<>(ifNames);
        while (true) {
            Map<String, Integer> states = new HashMap<>();
            for (Message m : ns.rtnl().dump(LinkRequests.dump())) {
                LinkMessage l = LinkMessage.decode(m);
                states.put(l.name(), l.operstate());
            }
            waiting.removeIf(name -> Integer.valueOf(Nl.IF_OPER_UP).equals(states.get(name)));
            if (waiting.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                // the same message as for one interface, for the first that is not up
                awaitOperationallyUp(ns, waiting.iterator().next(), deadline, timeout);
            }
            LockSupport.parkNanos(20_000);
        }
    }

    private static void awaitOperationallyUp(Namespace ns, String ifName, long deadline, Duration timeout) {
        while (true) {
            LinkMessage l = ns.linkMessage(ifName);
            if (l.operstate() == Nl.IF_OPER_UP) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "interface " + ifName + " in namespace " + ns.name() + " is not operationally up after "
                                + timeout.toMillis() + " ms (operstate " + Nl.operstateName(l.operstate()) + "); raise "
                                + Netns4jConfig.OPERSTATE_TIMEOUT + " if the machine is very busy");
            }
            LockSupport.parkNanos(20_000);
        }
    }
}
