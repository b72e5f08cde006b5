package io.netns4j.leaks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netns4j.Cut;
import io.netns4j.NetNs;
import io.netns4j.Topology;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Building and tearing down a topology (veth pair, bridge, router, routes, a rejecting partition, an impairment with
 * loss and a rate) never changes the host's root namespace: {@code ip -j link}, {@code ip -j addr},
 * {@code ip -j route}, {@code ip -j -6 route}, {@code nft list ruleset} and {@code tc qdisc show} print the same bytes
 * before, during and after (but for the counters, lifetimes and timers that move by themselves), the sysctls the
 * library writes inside its namespaces read the same in the root namespace, and nothing of the topology is mounted
 * under {@code /run/netns} (or anywhere else).
 *
 * <p>
 * {@code ip} is the independent witness, run with {@link ProcessBuilder} from the test's own thread, which is in the
 * root namespace.
 */
class HostUntouchedTest {

    private static final List<List<String>> WITNESSES = List.of(List.of("ip", "-j", "link", "show"),
            List.of("ip", "-j", "addr", "show"), List.of("ip", "-j", "route", "show"),
            List.of("ip", "-j", "-6", "route", "show"), List.of("nft", "list", "ruleset"),
            List.of("tc", "qdisc", "show"));

    /** Every sysctl the library writes inside its namespaces (namespace setup, reject-mode cuts). */
    private static final List<String> SYSCTLS = List.of("net/ipv4/ping_group_range", "net/ipv4/ip_forward",
            "net/ipv6/conf/all/forwarding", "net/ipv4/icmp_ratelimit", "net/ipv6/icmp/ratelimit",
            "net/ipv4/icmp_msgs_per_sec", "net/ipv4/icmp_msgs_burst");

    @Test
    void buildingAndTearingDownLeavesTheRootNamespaceByteIdentical() throws Exception {
        assertThat(PinnedNamespaceTest.currentNamespace()).as("the test thread is in the root namespace")
                .isEqualTo(Proc.rootInode());
        Map<String, String> before = witness();
        Set<String> runNetnsBefore = runNetns();
        Set<String> inodes = new TreeSet<>();
        try (Topology net = Topology.builder().namespace("a").router("r").namespace("b")
                .veth("a", "r", v -> v.aName("eth0").aAddress("10.1.0.1/24").bName("up0").bAddress("10.1.0.254/24"))
                .bridge("lan", o -> o.namedPort("r", "down0", "10.2.0.254/24").namedPort("b", "eth0", "10.2.0.1/24"))
                .route("a", "10.2.0.0/24", "10.1.0.254").route("b", "10.1.0.0/24", "10.2.0.254").build()) {
            for (NetNs ns : net.namespaces()) {
                inodes.add(ns.run(PinnedNamespaceTest::currentNamespace));
            }
            inodes.addAll(Proc.namespacesHeldBy(ProcessHandle.current().pid()));
            inodes.remove(Proc.rootInode());
            assertThat(net.ns("a").ping("10.2.0.1").allReceived()).as("a reaches b through r and the bridge").isTrue();
            net.partition(List.of(Set.of("a"), Set.of("b")), Cut.Mode.REJECT);
            net.link("r", "up0").impair().loss(10).rate(10_000).apply();
            assertThat(net.ns("a").ping("10.2.0.1", 1, Duration.ofMillis(300)).allReceived()).as("a cut from b")
                    .isFalse();
            assertThat(witness()).as("root namespace while the topology lives").isEqualTo(before);
            assertThat(mountsOf(inodes)).as("mounts of the topology's namespaces while it lives").isEmpty();
        }
        await("root namespace as before").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(witness()).isEqualTo(before));
        assertThat(mountsOf(inodes)).as("mounts of the topology's namespaces after teardown").isEmpty();
        Set<String> runNetnsAfter = runNetns();
        Set<String> added = new TreeSet<>(runNetnsAfter);
        added.removeAll(runNetnsBefore);
        Set<String> removed = new TreeSet<>(runNetnsBefore);
        removed.removeAll(runNetnsAfter);
        // /run/netns is shared with whatever else runs on the machine: an entry of ours would be a mount of one of our
        // namespaces (caught above); other differences are reported.
        if (!added.isEmpty() || !removed.isEmpty()) {
            System.out.printf("[HostUntouchedTest] /run/netns changed meanwhile (not by this topology): +%s -%s%n",
                    added, removed);
        }
        assertThat(added.stream().filter(e -> inodes.contains(nsOfEntry(e)))).as("/run/netns entries of ours")
                .isEmpty();
    }

    private static Map<String, String> witness() throws IOException, InterruptedException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : SYSCTLS) {
            // one read with room to spare: a sysctl answers a read that starts past 0 with end-of-file
            try (java.io.InputStream in = Files.newInputStream(Path.of("/proc/sys", key))) {
                byte[] buf = new byte[4096];
                int n = in.read(buf);
                out.put("/proc/sys/" + key, n <= 0 ? "" : new String(buf, 0, n, StandardCharsets.US_ASCII));
            }
        }
        for (List<String> cmd : WITNESSES) {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            // counters of the host's own rules, lifetimes of addresses and expiry timers of routes (DHCP, SLAAC,
            // learnt PMTU) move by themselves
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                    .replaceAll("counter packets \\d+ bytes \\d+", "counter")
                    .replaceAll("\"(valid_life_time|preferred_life_time|expires)\":\\d+", "\"$1\":_");
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("%s finished", cmd).isTrue();
            assertThat(p.exitValue()).as("%s exit status; output %s", cmd, text).isZero();
            out.put(String.join(" ", cmd), text);
        }
        return out;
    }

    private static Set<String> runNetns() {
        Set<String> out = new TreeSet<>();
        for (Path p : Proc.list(Path.of("/run/netns"))) {
            out.add(p.getFileName().toString());
        }
        return out;
    }

    /** The namespace that {@code /run/netns/<entry>} is a mount of, as {@code net:[N]}, or "" if none. */
    private static String nsOfEntry(String entry) {
        try {
            Object ino = Files.getAttribute(Path.of("/run/netns", entry), "unix:ino");
            return "net:[" + ino + "]";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** Lines of {@code /proc/self/mountinfo} that mount one of {@code inodes}, anywhere. */
    private static List<String> mountsOf(Set<String> inodes) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            if (inodes.stream().anyMatch(line::contains)) {
                out.add(line);
            }
        }
        return out;
    }
}
