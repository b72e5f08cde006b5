package io.netns4j.internal.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netns4j.KernelFeatureMissingException;
import io.netns4j.Topology;
import io.netns4j.TopologyBuildException;
import io.netns4j.TopologyBuilder;
import io.netns4j.TopologyDefinitionException;
import io.netns4j.TopologyDefinitionException.Problem;
import io.netns4j.TunTap;
import io.netns4j.annotations.Bridge;
import io.netns4j.annotations.BridgePort;
import io.netns4j.annotations.IpvlanFlag;
import io.netns4j.annotations.IpvlanMode;
import io.netns4j.annotations.MacvlanMode;
import io.netns4j.annotations.NetNamespace;
import io.netns4j.annotations.Route;
import io.netns4j.annotations.VethLink;
import io.netns4j.annotations.VlanProtocol;
import io.netns4j.internal.model.Validator;
import io.netns4j.internal.runtime.TopologyRuntime;
import io.netns4j.testsupport.Leftovers;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Random declarations, through both doors a user has: {@link Topology#builder()} and the annotations (instances made
 * with {@link Proxy}, read by the same {@link AnnotationReader} code the extension uses, validated and built as the
 * extension does). Names empty, too long, non-ASCII, with slashes and spaces, duplicated; addresses malformed, IPv4 and
 * IPv6, prefixes out of range, network and broadcast addresses, Unicode digits, host names; references to unknown
 * namespaces and devices, self-links; every device kind with its attributes in and out of range.
 *
 * <p>
 * Every input must either build (the topology is then closed) or fail with one of the documented exceptions: a
 * {@link NullPointerException} naming the builder method and the argument, at the call that passes a null;
 * {@link TopologyDefinitionException} whose every problem names the declaration, the attribute and the value,
 * {@link TopologyBuildException} (the kernel refused a step) or {@link KernelFeatureMissingException} (a kind this
 * kernel lacks). Nothing may be left in the kernel.
 *
 * <p>
 * Seeded: the seed is printed and {@code -Dnetns4j.fuzzSeed=N} replays a run; each failing case prints its own seed
 * too. {@code -Dnetns4j.fuzzCases=N} sets the number of cases per door (default {@value #DEFAULT_CASES}).
 */
class InputFuzzTest {

    private static final int DEFAULT_CASES = 2_500;

    /** How the case ended, for the figures. */
    private final Map<String, Integer> outcomes = new TreeMap<>();
    private final Map<String, Integer> refusals = new TreeMap<>();
    private final List<String> failures = new ArrayList<>();
    private Leftovers.Snapshot before;

    @Test
    void everyInputBuildsOrFailsWithADocumentedException() {
        long seed = Long.getLong("netns4j.fuzzSeed", System.nanoTime());
        int cases = Integer.getInteger("netns4j.fuzzCases", DEFAULT_CASES);
        System.out.printf("[InputFuzzTest] seed %d (replay: -Dnetns4j.fuzzSeed=%d), %d cases per door%n", seed, seed,
                cases);
        Random master = new Random(seed);
        before = Leftovers.snapshot();
        long t0 = System.nanoTime();
        for (int i = 1; i <= cases; i++) {
            long builderSeed = master.nextLong();
            run("builder", i, builderSeed, () -> viaBuilder(new Gen(new Random(builderSeed))));
            long annotationSeed = master.nextLong();
            run("annotations", i, annotationSeed, () -> viaAnnotations(new Gen(new Random(annotationSeed))));
            if (i % 250 == 0) {
                assertNothingLeft(before, "after case " + i + " of seed " + seed);
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        assertNothingLeft(before, "after the last case of seed " + seed);
        System.out.printf("[InputFuzzTest] %d cases in %.1f s (seed %d): %s%n", 2 * cases, secs, seed, outcomes);
        System.out.printf("[InputFuzzTest] kernel refusals (TopologyBuildException), by message: %s%n", refusals);
        assertThat(failures).as("inputs that threw an undocumented exception or an unclear message (seed %d)", seed)
                .isEmpty();
        assertThat(outcomes.getOrDefault("builder: built", 0) + outcomes.getOrDefault("annotations: built", 0))
                .as("cases that built (a fuzz that never builds tests nothing but the validator)")
                .isGreaterThan(cases / 50);
    }

    /** A declared case: what it declares, for failure messages, the namespaces it declares, and how to build it. */
    private record Case(String description, List<String> namespaces, Supplier<Topology> build) {
    }

    private void run(String door, int index, long caseSeed, Supplier<Case> generate) {
        Case c;
        try {
            c = generate.get();
        } catch (NullPointerException e) {
            // documented: a null argument fails at the call that passes it, naming the method and the argument
            String m = String.valueOf(e.getMessage());
            if (door.equals("builder") && m.contains("(...): argument ")
                    && (m.contains(" is null") || m.contains(" has a null at index "))) {
                outcomes.merge(door + ": NullPointerException naming a null argument", 1, Integer::sum);
            } else {
                record(door, index, caseSeed, "<while declaring>", e);
            }
            return;
        } catch (RuntimeException e) {
            record(door, index, caseSeed, "<while declaring>", e);
            return;
        }
        try (Topology net = c.build().get()) {
            assertThat(net.namespaces()).as("the namespaces of a built topology").map(io.netns4j.NetNs::name)
                    .containsExactlyElementsOf(c.namespaces());
            outcomes.merge(door + ": built", 1, Integer::sum);
        } catch (TopologyDefinitionException e) {
            outcomes.merge(door + ": TopologyDefinitionException", 1, Integer::sum);
            List<String> unclear = new ArrayList<>();
            if (e.problems().isEmpty()) {
                unclear.add("no problem listed");
            }
            for (Problem p : e.problems()) {
                if (blank(p.declaration()) || blank(p.attribute()) || p.value() == null || blank(p.problem())
                        || p.problem().contains("Exception") || !e.getMessage().contains(p.toString())) {
                    unclear.add(p.toString());
                }
            }
            if (!unclear.isEmpty()) {
                failures.add(door + " case " + index + " (seed " + caseSeed + "): unclear problems " + unclear
                        + "\n  input: " + c.description());
            }
        } catch (TopologyBuildException e) {
            outcomes.merge(door + ": TopologyBuildException", 1, Integer::sum);
            String refusal = firstLine(e.getMessage()).replaceAll("[0-9]+", "N");
            if (refusals.merge(refusal, 1, Integer::sum) == 1) {
                System.out.printf("[InputFuzzTest] refused by the kernel: %s case %d (seed %d): %s%n  input: %s%n",
                        door, index, caseSeed, firstLine(e.getMessage()), c.description());
            }
            if (blank(e.getMessage())) {
                failures.add(door + " case " + index + " (seed " + caseSeed + "): TopologyBuildException without a"
                        + " message\n  input: " + c.description());
            }
            // a build that failed half-way must have removed what it made
            assertNothingLeft(before,
                    "after the refused build of " + door + " case " + index + " (seed " + caseSeed + ")");
        } catch (KernelFeatureMissingException e) {
            outcomes.merge(door + ": KernelFeatureMissingException", 1, Integer::sum);
        } catch (RuntimeException | Error e) {
            record(door, index, caseSeed, c.description(), e);
        }
    }

    private void record(String door, int index, long caseSeed, String description, Throwable e) {
        outcomes.merge(door + ": undocumented " + e.getClass().getSimpleName(), 1, Integer::sum);
        java.io.StringWriter trace = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(trace));
        failures.add(door + " case " + index + " (seed " + caseSeed + "): " + e + "\n  input: " + description + "\n"
                + trace.toString().lines().limit(12).collect(Collectors.joining("\n")));
    }

    /**
     * No namespace still held by this JVM, no link added to or gone from the root namespace. (Processes in namespaces
     * are not looked at: the fuzz starts none, and other programs on the machine may run some in theirs.)
     */
    private static void assertNothingLeft(Leftovers.Snapshot before, String when) {
        await("nothing left in the kernel " + when).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(Leftovers.newSince(before))
                        .filteredOn(l -> !l.startsWith("process in a namespace: ")).isEmpty());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The builder

    private static Case viaBuilder(Gen g) {
        TopologyBuilder b = Topology.builder();
        List<String> calls = new ArrayList<>();
        List<String> declaredNamespaces = new ArrayList<>();
        int namespaces = 1 + g.r.nextInt(4);
        for (int i = 0; i < namespaces; i++) {
            String name = g.declaredNs(i);
            declaredNamespaces.add(name);
            if (g.r.nextInt(6) == 0) {
                calls.add("router(" + q(name) + ")");
                b.router(name);
            } else {
                calls.add("namespace(" + q(name) + ")");
                b.namespace(name);
            }
        }
        int declarations = g.r.nextInt(5);
        for (int i = 0; i < declarations; i++) {
            switch (g.r.nextInt(12)) {
            case 0, 1, 2 -> {
                String a = g.ns();
                String z = g.r.nextInt(12) == 0 ? a : g.ns();
                String aName = g.ifnameOrEmpty();
                String bName = g.ifnameOrEmpty();
                String[] aAddr = g.addresses();
                String[] bAddr = g.addresses();
                int mtu = g.mtu();
                calls.add("veth(" + q(a) + ", " + q(z) + ", aName " + q(aName) + ", bName " + q(bName) + ", "
                        + Arrays.toString(aAddr) + ", " + Arrays.toString(bAddr) + ", mtu " + mtu + ")");
                b.veth(a, z, v -> v.aName(aName).bName(bName).aAddress(aAddr).bAddress(bAddr).mtu(mtu));
            }
            case 3, 4 -> {
                String name = g.ifname();
                String in = g.r.nextBoolean() ? "" : g.ns();
                String[] addr = g.r.nextInt(3) == 0 ? g.addresses() : new String[0];
                int ports = g.r.nextInt(4);
                List<String[]> portArgs = new ArrayList<>();
                for (int p = 0; p < ports; p++) {
                    String[] args = new String[] { g.ns(), g.ifnameOrEmpty() };
                    portArgs.add(args);
                }
                List<String[]> portAddrs = new ArrayList<>();
                for (int p = 0; p < ports; p++) {
                    portAddrs.add(g.addresses());
                }
                calls.add("bridge(" + q(name) + ", namespace " + q(in) + ", " + Arrays.toString(addr) + ", ports "
                        + portArgs.stream().map(Arrays::toString).toList() + " "
                        + portAddrs.stream().map(Arrays::toString).toList() + ")");
                b.bridge(name, o -> {
                    o.namespace(in).address(addr);
                    for (int p = 0; p < ports; p++) {
                        if ("".equals(portArgs.get(p)[1])) {
                            o.port(portArgs.get(p)[0], portAddrs.get(p));
                        } else {
                            o.namedPort(portArgs.get(p)[0], portArgs.get(p)[1], portAddrs.get(p));
                        }
                    }
                });
            }
            case 5 -> {
                String ns = g.ns();
                String to = g.cidr();
                String via = g.r.nextBoolean() ? "" : g.host();
                String dev = g.r.nextBoolean() ? "" : g.ifname();
                calls.add("route(" + q(ns) + ", " + q(to) + ", " + q(via) + ", " + q(dev) + ")");
                b.route(ns, to, via, dev);
            }
            case 6 -> {
                String ns = g.ns();
                String name = g.ifnameOrEmpty();
                TunTap.Options o = TunTap.Options.defaults().queues(g.queues()).packetInfo(g.r.nextBoolean())
                        .persistent(g.r.nextInt(4) == 0).attached(g.r.nextInt(4) != 0).owner(g.id()).group(g.id());
                String[] addr = g.addresses();
                if (g.r.nextBoolean()) {
                    calls.add("tap(" + q(ns) + ", " + q(name) + ", " + o + ", " + Arrays.toString(addr) + ")");
                    b.tap(ns, name, o, addr);
                } else {
                    o = o.peer(g.r.nextBoolean() ? "" : g.host());
                    calls.add("tun(" + q(ns) + ", " + q(name) + ", " + o + ", " + Arrays.toString(addr) + ")");
                    b.tun(ns, name, o, addr);
                }
            }
            case 7 -> {
                String ns = g.ns();
                String name = g.ifnameOrEmpty();
                String parent = g.ifname();
                String parentNs = g.r.nextBoolean() ? "" : g.ns();
                MacvlanMode mode = g.choice(MacvlanMode.values());
                String mac = g.mac();
                List<String> macaddrs = g.r.nextInt(4) == 0 ? Arrays.asList(g.mac()) : List.of();
                List<String> addr = Arrays.asList(g.addresses());
                boolean tap = g.r.nextInt(3) == 0;
                calls.add((tap ? "macvtap(" : "macvlan(") + q(ns) + ", " + q(name) + ", " + q(parent) + ", "
                        + q(parentNs) + ", " + mode + ", " + q(mac) + ", " + macaddrs + ", " + addr + ")");
                if (tap) {
                    b.macvtap(ns, name, parent, parentNs, mode, mac, macaddrs, addr);
                } else {
                    b.macvlan(ns, name, parent, parentNs, mode, mac, macaddrs, addr);
                }
            }
            case 8 -> {
                String ns = g.ns();
                String name = g.ifnameOrEmpty();
                String parent = g.ifname();
                String parentNs = g.r.nextBoolean() ? "" : g.ns();
                String[] addr = g.addresses();
                switch (g.r.nextInt(4)) {
                case 0 -> {
                    calls.add("dummy(" + q(ns) + ", " + q(name) + ", " + Arrays.toString(addr) + ")");
                    b.dummy(ns, name, addr);
                }
                case 1 -> {
                    IpvlanMode mode = g.choice(IpvlanMode.values());
                    IpvlanFlag flag = g.choice(IpvlanFlag.values());
                    calls.add("ipvlan(" + q(ns) + ", " + q(name) + ", " + q(parent) + ", " + q(parentNs) + ", " + mode
                            + ", " + flag + ", " + Arrays.toString(addr) + ")");
                    b.ipvlan(ns, name, parent, parentNs, mode, flag, addr);
                }
                case 2 -> {
                    IpvlanMode mode = g.choice(IpvlanMode.values());
                    IpvlanFlag flag = g.choice(IpvlanFlag.values());
                    calls.add("ipvtap(" + q(ns) + ", " + q(name) + ", " + q(parent) + ", " + q(parentNs) + ", " + mode
                            + ", " + flag + ", " + Arrays.toString(addr) + ")");
                    b.ipvtap(ns, name, parent, parentNs, mode, flag, addr);
                }
                default -> {
                    int id = g.vlanId();
                    VlanProtocol protocol = g.choice(VlanProtocol.values());
                    calls.add("vlan(" + q(ns) + ", " + q(name) + ", " + q(parent) + ", " + q(parentNs) + ", " + id
                            + ", " + protocol + ", " + Arrays.toString(addr) + ")");
                    b.vlan(ns, name, parent, parentNs, id, protocol, addr);
                }
                }
            }
            default -> {
                String ns = g.ns();
                String name = g.ifnameOrEmpty();
                Map<String, Object> options = tunnelOptions(g);
                String kind = g.pick(new String[] { "vxlan", "vxlan", "ipip", "gre", "sit" });
                calls.add(kind + "(" + q(ns) + ", " + q(name) + ", " + options + ")");
                java.util.function.Consumer<TopologyBuilder.TunnelOptions> apply = t -> applyTunnel(t, options);
                switch (kind) {
                case "vxlan" -> b.vxlan(ns, name, apply);
                case "ipip" -> b.ipip(ns, name, apply);
                case "gre" -> b.gre(ns, name, apply);
                default -> b.sit(ns, name, apply);
                }
            }
            }
        }
        return new Case("Topology.builder()." + String.join(".", calls), declaredNamespaces, b::build);
    }

    private static Map<String, Object> tunnelOptions(Gen g) {
        Map<String, Object> o = new LinkedHashMap<>();
        if (g.r.nextBoolean()) {
            o.put("vni", g.pick(new Integer[] { 0, 1, 42, 16_777_215, 16_777_216, -1 }));
        }
        if (g.r.nextInt(3) != 0) {
            o.put("local", g.host());
        }
        if (g.r.nextInt(3) != 0) {
            o.put("remote", g.host());
        }
        if (g.r.nextInt(5) == 0) {
            o.put("group", g.pick(new String[] { "239.1.1.1", "ff05::100", "10.0.0.1", "" }));
        }
        if (g.r.nextInt(4) == 0) {
            o.put("dev", g.ifname());
        }
        if (g.r.nextInt(4) == 0) {
            o.put("ttl", g.pick(new Integer[] { 0, 1, 64, 255, 256, -1 }));
        }
        if (g.r.nextInt(5) == 0) {
            o.put("tos", g.pick(new Integer[] { 0, 1, 0x10, 255, 256, -1 }));
        }
        if (g.r.nextInt(5) == 0) {
            o.put("port", g.pick(new Integer[] { 4789, 0, 1, 65535, 65536, -1 }));
        }
        if (g.r.nextInt(5) == 0) {
            o.put("pmtudisc", g.r.nextBoolean());
        }
        if (g.r.nextInt(5) == 0) {
            o.put("key", g.pick(new Long[] { 0L, 1L, 4_294_967_295L, 4_294_967_296L, -2L }));
        }
        if (g.r.nextInt(4) == 0) {
            o.put("peer", g.host());
        }
        if (g.r.nextInt(6) == 0) {
            o.put("tap", true);
        }
        if (g.r.nextBoolean()) {
            o.put("address", g.addresses());
        }
        return o;
    }

    private static void applyTunnel(TopologyBuilder.TunnelOptions t, Map<String, Object> options) {
        options.forEach((k, v) -> {
            switch (k) {
            case "vni" -> t.vni((Integer) v);
            case "local" -> t.local((String) v);
            case "remote" -> t.remote((String) v);
            case "group" -> t.group((String) v);
            case "dev" -> t.dev((String) v);
            case "ttl" -> t.ttl((Integer) v);
            case "tos" -> t.tos((Integer) v);
            case "port" -> t.port((Integer) v);
            case "pmtudisc" -> t.pmtudisc((Boolean) v);
            case "key" -> t.key((Long) v);
            case "peer" -> t.peer((String) v);
            case "tap" -> t.tap();
            case "address" -> t.address((String[]) v);
            default -> throw new IllegalStateException(k);
            }
        });
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The annotations

    private static final List<Class<? extends Annotation>> TOPOLOGY_ANNOTATIONS = topologyAnnotations();

    private static List<Class<? extends Annotation>> topologyAnnotations() {
        List<Class<? extends Annotation>> out = new ArrayList<>(
                List.of(VethLink.class, VethLink.class, Bridge.class, Route.class));
        for (DeviceKind<?> kind : DeviceKind.ALL) {
            out.add(kind.annotation());
        }
        return out;
    }

    private static Case viaAnnotations(Gen g) {
        List<Annotation> declared = new ArrayList<>();
        List<String> declaredNamespaces = new ArrayList<>();
        int namespaces = 1 + g.r.nextInt(4);
        for (int i = 0; i < namespaces; i++) {
            String declaredName = g.declaredNs(i);
            String name = declaredName == null ? "" : declaredName;
            boolean forwarding = g.r.nextInt(6) == 0;
            declaredNamespaces.add(name);
            declared.add(annotation(NetNamespace.class, m -> m.equals("value") ? name : forwarding, g));
        }
        int declarations = g.r.nextInt(5);
        for (int i = 0; i < declarations; i++) {
            declared.add(annotation(g.pick(TOPOLOGY_ANNOTATIONS), null, g));
        }
        AnnotatedElement element = new Declarations(declared);
        return new Case(declared.toString(), declaredNamespaces,
                () -> TopologyRuntime.build(Validator.validate(AnnotationReader.read(element, "on FuzzCase")),
                        TopologyRuntime.Settings.fromSystemProperties()));
    }

    /**
     * An instance of annotation {@code type} whose attributes are drawn from {@code g} by name and type, or given by
     * {@code fixed} (when not null).
     */
    private static <A extends Annotation> A annotation(Class<A> type, Function<String, Object> fixed, Gen g) {
        Map<String, Object> values = new LinkedHashMap<>();
        // sorted: getDeclaredMethods() has no fixed order, and a replay must draw the same values
        Method[] methods = type.getDeclaredMethods();
        Arrays.sort(methods, java.util.Comparator.comparing(Method::getName));
        for (Method m : methods) {
            // an attribute with a default is left at it one time in three, as users mostly do
            boolean keepDefault = fixed == null && m.getDefaultValue() != null && g.r.nextInt(3) == 0;
            Object v = keepDefault ? m.getDefaultValue() : fixed != null ? fixed.apply(m.getName()) : g.attribute(m);
            values.put(m.getName(), v);
        }
        String text = "@" + type.getSimpleName() + values.entrySet().stream()
                .map(e -> e.getKey() + " = " + show(e.getValue())).collect(Collectors.joining(", ", "(", ")"));
        return type
                .cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, (proxy, method, args) -> {
                    return switch (method.getName()) {
                    case "annotationType" -> type;
                    case "toString" -> text;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> {
                        Object v = values.get(method.getName());
                        yield v != null && v.getClass().isArray() ? cloneArray(v) : v;
                    }
                    };
                }));
    }

    private static Object cloneArray(Object array) {
        int n = Array.getLength(array);
        Object copy = Array.newInstance(array.getClass().getComponentType(), n);
        System.arraycopy(array, 0, copy, 0, n);
        return copy;
    }

    private static String show(Object v) {
        if (v instanceof Object[] a) {
            return Arrays.stream(a).map(InputFuzzTest::show).collect(Collectors.joining(", ", "{", "}"));
        }
        return v instanceof String s ? q(s) : String.valueOf(v);
    }

    /** The declarations of one fuzz case, as a test class would carry them. */
    private record Declarations(List<Annotation> annotations) implements AnnotatedElement {

        @Override
        public <T extends Annotation> T getAnnotation(Class<T> type) {
            return annotations.stream().filter(type::isInstance).map(type::cast).findFirst().orElse(null);
        }

        @Override
        public Annotation[] getAnnotations() {
            return getDeclaredAnnotations();
        }

        @Override
        public Annotation[] getDeclaredAnnotations() {
            return annotations.toArray(Annotation[]::new);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T extends Annotation> T[] getDeclaredAnnotationsByType(Class<T> type) {
            return annotations.stream().filter(type::isInstance).map(type::cast)
                    .toArray(n -> (T[]) Array.newInstance(type, n));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Values

    /** Draws values: mostly valid ones (so that some cases build), and now and then one of the bad ones. */
    private static final class Gen {
        private static final String[] GOOD_NS = { "a", "b", "c", "client", "srv-1", "n.2" };
        private static final String[] BAD_NS = { "", " ", "a b", "a/b", "../x", "-a", ".a", "ü", "名前", "a\u0000b",
                "x".repeat(65), "a\nb", "CON", "a*" };
        private static final String[] GOOD_IF = { "eth0", "eth1", "veth-a", "br0", "x".repeat(15), "tap0", "v.1" };
        private static final String[] BAD_IF = { "", " ", "x".repeat(16), "ü".repeat(8), "a/b", "a b", ".", "..", "a:b",
                "a%d", "lo", "all", "default", "eth0\n", "\u00e9th0", "\t", "l\u00e0", "\u00a0", "a\u2003b", "a\u0000b",
                "\u0120" };
        private static final String[] BAD_CIDR = { "", "10.0.0.1", "10.0.0.1/33", "10.0.0.1/-1", "10.0.0.1/", "/24",
                "10.0.0/24", "256.1.1.1/24", "10.0.0.1/24/5", "10.0.0.0/24", "10.0.0.255/24", "fd00::1/129",
                "fd00::/64", "fe80::1/64", "::1/128", "127.0.0.2/8", "0.0.0.0/0", "224.0.0.1/24", " 10.0.0.1/24",
                "10.0.0.1/024", "10.0.0.1/+24", "abc/8", "localhost/8", "\u0661\u0660.0.0.1/24",
                "10.0.0.1/\u0662\u0664", "0x0a.0.0.1/24", "010.0.0.1/24", "fd00::1%eth0/64", "10.0.0.1 /24",
                "::ffff:10.0.0.1/120", "10.0.0.1/24 ", "1e1.0.0.1/8", "fd00::1/64/64", "[fd00::1]/64", "10.0.0.1/0",
                "255.255.255.255/32", "fd00:::1/64", "10.0.0.1/2147483648" };
        private static final String[] BAD_HOST = { "", "10.0.0", "10.0.0.1/24", "fd00::1%eth0", "localhost",
                "256.0.0.1", "::", "0.0.0.0", "\u0661.2.3.4", "1.2.3.4 ", "fe80::1" };
        private static final String[] BAD_MAC = { "zz:00:00:00:00:00", "02:00:00:00:00", "02:00:00:00:00:00:00",
                "ff:ff:ff:ff:ff:ff", "01:00:5e:00:00:01", "00:00:00:00:00:00", "02-00-00-00-00-01", "0200.0000.0001",
                "2:0:0:0:0:1", " 02:00:00:00:00:01", "02:00:00:00:00:0g" };

        final Random r;
        private final double badness;

        Gen(Random r) {
            this.r = r;
            double[] levels = { 0, 0, 0.02, 0.08, 0.25, 0.6 };
            this.badness = levels[r.nextInt(levels.length)];
        }

        boolean bad() {
            return r.nextDouble() < badness;
        }

        <T> T pick(T[] values) {
            return values[r.nextInt(values.length)];
        }

        /** One of {@code values}, or now and then null (reported by {@code build()} as "no mode"...). */
        <T> T choice(T[] values) {
            return bad() && r.nextInt(4) == 0 ? null : pick(values);
        }

        <T> T pick(List<T> values) {
            return values.get(r.nextInt(values.size()));
        }

        String declaredNs(int i) {
            if (bad()) {
                return r.nextInt(20) == 0 ? null : r.nextBoolean() ? pick(GOOD_NS) : pick(BAD_NS);
            }
            return GOOD_NS[i % 3];
        }

        String ns() {
            if (bad()) {
                return r.nextInt(20) == 0 ? null : r.nextBoolean() ? pick(GOOD_NS) : pick(BAD_NS);
            }
            return GOOD_NS[r.nextInt(3)];
        }

        String ifname() {
            if (bad()) {
                return r.nextInt(20) == 0 ? null : pick(BAD_IF);
            }
            return r.nextBoolean() ? pick(GOOD_IF) : "if" + r.nextInt(30);
        }

        String ifnameOrEmpty() {
            return r.nextBoolean() && !bad() ? "" : ifname();
        }

        String cidr() {
            if (bad()) {
                return r.nextInt(20) == 0 ? null : pick(BAD_CIDR);
            }
            return r.nextInt(4) == 0 ? "fd00:" + r.nextInt(16) + "::" + (1 + r.nextInt(200)) + "/64"
                    : "10." + r.nextInt(4) + "." + r.nextInt(4) + "." + (1 + r.nextInt(250)) + "/24";
        }

        String host() {
            if (bad()) {
                return r.nextInt(20) == 0 ? null : pick(BAD_HOST);
            }
            return r.nextInt(4) == 0 ? "fd00:" + r.nextInt(16) + "::" + (1 + r.nextInt(200))
                    : "10." + r.nextInt(4) + "." + r.nextInt(4) + "." + (1 + r.nextInt(250));
        }

        String[] addresses() {
            int n = r.nextInt(3);
            String[] out = new String[n];
            for (int i = 0; i < n; i++) {
                out[i] = cidr();
            }
            return out;
        }

        String mac() {
            if (bad()) {
                return r.nextInt(20) == 0 ? null : pick(BAD_MAC);
            }
            return r.nextBoolean() ? "" : String.format("02:00:00:00:%02x:%02x", r.nextInt(256), r.nextInt(256));
        }

        int mtu() {
            return bad() ? pick(new Integer[] { -1, 1, 67, 65536, Integer.MAX_VALUE, Integer.MIN_VALUE })
                    : pick(new Integer[] { 0, 0, 68, 1280, 1500, 9000, 65535 });
        }

        int queues() {
            return bad() ? pick(new Integer[] { 0, -1, 257, 4096, Integer.MAX_VALUE })
                    : pick(new Integer[] { 1, 2, 8 });
        }

        int id() {
            return bad() ? pick(new Integer[] { -2, Integer.MIN_VALUE, Integer.MAX_VALUE })
                    : pick(new Integer[] { -1, 0, 1000, 65534 });
        }

        int vlanId() {
            return bad() ? pick(new Integer[] { 0, -1, 4095, 4096, 65536 }) : 1 + r.nextInt(4094);
        }

        int number() {
            return bad() ? pick(new Integer[] { -1, 0, 256, 65536, 16_777_216, Integer.MAX_VALUE, Integer.MIN_VALUE })
                    : pick(new Integer[] { 0, 1, 42, 64, 4789 });
        }

        long longNumber() {
            return bad() ? pick(new Long[] { -2L, 4_294_967_296L, Long.MAX_VALUE, Long.MIN_VALUE })
                    : pick(new Long[] { -1L, 0L, 1L, 4_294_967_295L });
        }

        /** A value for annotation attribute {@code m}, by its type and name. */
        Object attribute(Method m) {
            Class<?> t = m.getReturnType();
            String n = m.getName();
            if (t == String.class) {
                return string(n);
            }
            if (t == String[].class) {
                String[] out = new String[r.nextInt(3)];
                for (int i = 0; i < out.length; i++) {
                    out[i] = n.equals("macaddrs") ? mac() : cidr();
                }
                if (Arrays.asList(out).contains(null)) {
                    return new String[0];
                }
                return out;
            }
            if (t == int.class) {
                return switch (n) {
                case "mtu" -> mtu();
                case "queues" -> queues();
                case "owner", "group" -> id();
                case "id" -> vlanId();
                default -> number();
                };
            }
            if (t == long.class) {
                return longNumber();
            }
            if (t == boolean.class) {
                return r.nextBoolean();
            }
            if (t.isEnum()) {
                return pick(t.getEnumConstants());
            }
            if (t == BridgePort[].class) {
                BridgePort[] ports = new BridgePort[r.nextInt(4)];
                for (int i = 0; i < ports.length; i++) {
                    ports[i] = annotation(BridgePort.class, null, this);
                }
                return ports;
            }
            if (t.isArray()) {
                // the repeatable annotations' containers have a value() of the annotation's own type: not an
                // attribute of a declaration
                return Array.newInstance(t.getComponentType(), 0);
            }
            throw new IllegalStateException("no generator for " + m);
        }

        /** A string attribute: annotations cannot hold null, so a "bad null" becomes an empty string. */
        private String string(String n) {
            String v = switch (n) {
            case "ns", "a", "b", "namespace", "parentNs" -> n.equals("namespace") || n.equals("parentNs")
                    ? (r.nextBoolean() ? "" : ns()) : ns();
            case "name", "parent", "dev", "aName", "bName" -> n.equals("parent") ? ifname() : ifnameOrEmpty();
            case "to" -> cidr();
            case "via", "local", "remote", "peer", "group" -> r.nextInt(3) == 0 ? "" : host();
            case "mac" -> mac();
            default -> r.nextBoolean() ? "" : ifname();
            };
            return v == null ? "" : v;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String firstLine(String s) {
        return s == null ? "null" : s.lines().findFirst().orElse("");
    }

    private static String q(String s) {
        return s == null ? "null" : "\"" + s.replace("\n", "\\n").replace("\u0000", "\\0") + "\"";
    }
}
