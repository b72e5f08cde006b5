package io.netns4j.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netns4j.ExecResult;
import io.netns4j.NetNs;
import io.netns4j.Netns4jConfig;
import io.netns4j.Topology;
import io.netns4j.TopologyBuildException;
import io.netns4j.testsupport.Leftovers;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The warm pool ({@link Netns4jConfig#POOL}): what a build takes from it is indistinguishable from a namespace made on
 * the spot, it follows the demand, it is not used when off, and a failed build leaves nothing of it. Witnessed with
 * {@code ip}, {@code nft} and {@code sysctl} run inside the namespaces.
 */
class NamespacePoolTest {

    private String before;

    @BeforeEach
    void poolOn() {
        before = System.getProperty(Netns4jConfig.POOL);
        System.setProperty(Netns4jConfig.POOL, "on");
        NamespacePool.get().drain();
    }

    @AfterEach
    void poolAsBefore() {
        if (before == null) {
            System.clearProperty(Netns4jConfig.POOL);
        } else {
            System.setProperty(Netns4jConfig.POOL, before);
        }
        NamespacePool.get().drain();
    }

    @Test
    void aPooledNamespaceIsLikeOneMadeOnTheSpot() throws Exception {
        warm(2);
        Set<String> ready = new HashSet<>(NamespacePool.get().readyInodes());
        try (Topology pooled = twoHosts()) {
            assertThat(ready).as("the build took its namespaces from the pool").contains(inode(pooled.ns("a")),
                    inode(pooled.ns("b")));
            String fromPool = state(pooled.ns("a"));
            System.setProperty(Netns4jConfig.POOL, "off");
            try (Topology fresh = twoHosts()) {
                assertThat(ready).doesNotContain(inode(fresh.ns("a")));
                assertThat(fromPool).isEqualTo(state(fresh.ns("a")));
            }
        }
    }

    @Test
    void aForwardingNamespaceFromThePoolForwards() throws Exception {
        warm(2);
        try (Topology net = Topology.builder().router("r").namespace("h").veth("r", "10.0.0.1/24", "h", "10.0.0.2/24")
                .build()) {
            assertThat(sysctl(net.ns("r"), "net.ipv4.ip_forward")).isEqualTo("1");
            assertThat(sysctl(net.ns("r"), "net.ipv6.conf.all.forwarding")).isEqualTo("1");
            assertThat(sysctl(net.ns("h"), "net.ipv4.ip_forward")).isEqualTo("0");
        }
    }

    @Test
    void thePoolFollowsTheBiggestRecentBuild() throws Exception {
        try (Topology net = Topology.builder().namespace("a").namespace("b").namespace("c").namespace("d")
                .namespace("e").build()) {
            assertThat(net.namespaces()).hasSize(5);
        }
        await("five namespaces ready").atMost(Duration.ofSeconds(10)).until(() -> NamespacePool.get().ready() == 5);
        try (Topology net = twoHosts()) {
            assertThat(net.ns("a").ping("10.0.0.2").allReceived()).isTrue();
        }
        // the biggest of the recent builds still needs five
        await("refilled to five").atMost(Duration.ofSeconds(10)).until(() -> NamespacePool.get().ready() == 5);
    }

    @Test
    void offMeansNothingIsMadeAhead() throws Exception {
        System.setProperty(Netns4jConfig.POOL, "off");
        Leftovers.Snapshot clean = Leftovers.snapshot();
        try (Topology net = twoHosts()) {
            assertThat(net.ns("a").ping("10.0.0.2").allReceived()).isTrue();
        }
        Thread.sleep(300);
        assertThat(NamespacePool.get().ready()).isZero();
        await("nothing held").atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(
                        Leftovers.newSince(clean).stream().filter(l -> l.startsWith("namespace held")).toList())
                                .isEmpty());
    }

    @Test
    void aFailedBuildReleasesWhatItTookFromThePool() throws Exception {
        warm(2);
        Set<String> ready = new HashSet<>(NamespacePool.get().readyInodes());
        assertThatThrownBy(() -> Topology.builder().namespace("a").namespace("b")
                .veth("a", "10.0.0.1/24", "b", "10.0.0.2/24").route("a", "10.0.0.0/24", "", "eth0").build())
                        .isInstanceOf(TopologyBuildException.class).hasMessageContaining("EEXIST");
        // Inode numbers are reused at once, and the pool refills: empty it, then no namespace may be held at all.
        NamespacePool.get().drain();
        String root = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/ns/net")).toString();
        await("the taken namespaces are gone").atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            Set<String> held = heldByThisJvm();
            held.remove(root);
            assertThat(held).isEmpty();
        });
        assertThat(ready).hasSize(2);
    }

    @Test
    void badValuesAreRefusedWithTheKey() {
        System.setProperty(Netns4jConfig.POOL, "sometimes");
        assertThatThrownBy(this::twoHosts).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Configuration netns4j.pool=sometimes is not understood: use on or off");
        System.setProperty(Netns4jConfig.POOL, "on");
        System.setProperty(Netns4jConfig.POOL_SIZE, "-1");
        try {
            assertThatThrownBy(this::twoHosts).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Configuration netns4j.pool.size=-1 is not understood: use a whole number, 0 or more");
        } finally {
            System.clearProperty(Netns4jConfig.POOL_SIZE);
        }
    }

    private Topology twoHosts() {
        return Topology.builder().namespace("a").namespace("b").veth("a", "10.0.0.1/24", "b", "10.0.0.2/24").build();
    }

    /** Builds once so that the pool learns the demand, and waits until it has {@code n} ready. */
    private void warm(int n) {
        try (Topology t = twoHosts()) {
            assertThat(t.namespaces()).hasSize(2);
        }
        await("the pool has " + n + " ready").atMost(Duration.ofSeconds(10))
                .until(() -> NamespacePool.get().ready() >= n);
    }

    private static String inode(NetNs ns) throws Exception {
        return ok(ns.exec("readlink", "/proc/self/ns/net")).trim();
    }

    private static String sysctl(NetNs ns, String key) throws Exception {
        return ok(ns.exec("sysctl", "-n", key)).trim();
    }

    /**
     * What a test could notice of a namespace: its links, addresses and routes as {@code ip} shows them, its nftables
     * ruleset, its sysctls (without those the kernel randomises per namespace) and its processes other than the one
     * looking. Interface indexes and MAC addresses of the topology's veth differ between any two builds and are left
     * out, and so is the local route of its IPv6 link-local address.
     */
    private static String state(NetNs ns) throws Exception {
        String links = ok(ns.exec("ip", "-d", "-o", "link", "show", "lo"));
        String addrs = ok(ns.exec("ip", "-o", "addr", "show", "lo"));
        // The local route of the veth's IPv6 link-local address comes when its duplicate address detection ends, a
        // second or two after the link went up: whether it is there yet depends on when this runs.
        String routes = ok(ns.exec("sh", "-c", "ip route show table all; ip -6 route show table all")).lines()
                .filter(l -> !l.startsWith("local fe80::")).collect(Collectors.joining("\n"))
                .replaceAll("v0|eth0", "DEV");
        String rules = ok(ns.exec("nft", "list", "ruleset"));
        String sysctls = ok(ns.exec("sysctl", "-a")).lines().filter(l -> l.startsWith("net."))
                .filter(l -> !l.contains("stable_secret") && !l.contains("fastopen_key") && !l.contains("hash_secret")
                        && !l.contains(".eth0.") && !l.contains(".v0."))
                .collect(Collectors.toCollection(java.util.TreeSet::new)).toString();
        // read from here, after the witnesses above have ended: a shell counting itself would count its subshells
        String inode = inode(ns);
        long procs = list(java.nio.file.Path.of("/proc")).stream()
                .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).filter(p -> {
                    try {
                        return java.nio.file.Files.readSymbolicLink(p.resolve("ns/net")).toString().equals(inode);
                    } catch (java.io.IOException e) {
                        return false;
                    }
                }).count();
        return new TreeMap<>(java.util.Map.of("links", links, "addrs", addrs, "routes", routes, "nft", rules, "sysctls",
                sysctls, "processes", Long.toString(procs))).toString();
    }

    private static String ok(ExecResult r) {
        assertThat(r.exitCode()).as("%s", r).isZero();
        return r.stdout();
    }

    private static Set<String> heldByThisJvm() {
        Set<String> held = new HashSet<>();
        for (java.nio.file.Path fd : list(java.nio.file.Path.of("/proc/self/fd"))) {
            try {
                String t = java.nio.file.Files.readSymbolicLink(fd).toString();
                if (t.startsWith("net:[")) {
                    held.add(t);
                }
            } catch (java.io.IOException e) {
                // closed while we looked
            }
        }
        return held;
    }

    private static List<java.nio.file.Path> list(java.nio.file.Path dir) {
        try (var s = java.nio.file.Files.list(dir)) {
            return s.toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
