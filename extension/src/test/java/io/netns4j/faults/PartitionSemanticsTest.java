package io.netns4j.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.netns4j.Cut;
import io.netns4j.NetNs;
import io.netns4j.Topology;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Checks every cell of the semantics table of {@link Topology#partition} (who receives from whom) with real traffic:
 * five hosts, four on one bridge (in a switch namespace of its own) and one behind a router, and, for each operation, a
 * UDP datagram over IPv4 and over IPv6 from every host to every other. A cell passes only if exactly the datagrams the
 * table allows arrive.
 */
@DisplayName("partition semantics, cell by cell, with real traffic")
class PartitionSemanticsTest {

    private static final List<String> HOSTS = List.of("a", "b", "c", "d", "e");
    private static final int PORT = 7900;

    private static Topology net;
    private static final Map<String, DatagramChannel> SOCKETS = new LinkedHashMap<>();
    private static final Map<String, List<String>> ADDRESSES = new LinkedHashMap<>();

    @BeforeAll
    static void build() throws Exception {
        // a..d on bridge br0 in "sw" (10.7.0.0/24, fd07::/64); e behind router "r" (10.8.0.0/24, fd08::/64).
        net = Topology.builder().namespace("sw").namespace("a").namespace("b").namespace("c").namespace("d").router("r")
                .namespace("e")
                .bridge("br0",
                        br -> br.namespace("sw").port("a", "10.7.0.1/24", "fd07::1/64")
                                .port("b", "10.7.0.2/24", "fd07::2/64").port("c", "10.7.0.3/24", "fd07::3/64")
                                .port("d", "10.7.0.4/24", "fd07::4/64").port("r", "10.7.0.254/24", "fd07::fe/64"))
                .veth("r", "e", v -> v.aAddress("10.8.0.254/24", "fd08::fe/64").bAddress("10.8.0.5/24", "fd08::5/64"))
                .route("e", "default", "10.8.0.254").route("e", "default", "fd08::fe")
                .route("a", "10.8.0.0/24", "10.7.0.254").route("a", "fd08::/64", "fd07::fe")
                .route("b", "10.8.0.0/24", "10.7.0.254").route("b", "fd08::/64", "fd07::fe")
                .route("c", "10.8.0.0/24", "10.7.0.254").route("c", "fd08::/64", "fd07::fe")
                .route("d", "10.8.0.0/24", "10.7.0.254").route("d", "fd08::/64", "fd07::fe").build();
        for (int i = 0; i < 4; i++) {
            ADDRESSES.put(HOSTS.get(i), List.of("10.7.0." + (i + 1), "fd07::" + (i + 1)));
        }
        ADDRESSES.put("e", List.of("10.8.0.5", "fd08::5"));
        for (String h : HOSTS) {
            NetNs ns = net.ns(h);
            SOCKETS.put(h, ns.run(() -> {
                DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET6);
                ch.bind(new InetSocketAddress("::", PORT));
                ch.configureBlocking(false);
                return ch;
            }));
        }
    }

    @AfterAll
    static void tearDown() throws IOException {
        for (DatagramChannel ch : SOCKETS.values()) {
            ch.close();
        }
        if (net != null) {
            net.close();
        }
    }

    @AfterEach
    void heal() {
        net.heal();
    }

    /**
     * Sends one datagram per family from every host to every other; returns the cells that arrived as
     * {@code "from>to/4"} and {@code "from>to/6"}.
     */
    private static Set<String> exchange(Set<String> expected) throws Exception {
        drain();
        for (String from : HOSTS) {
            for (String to : HOSTS) {
                if (from.equals(to)) {
                    continue;
                }
                List<String> dst = ADDRESSES.get(to);
                for (int f = 0; f < 2; f++) {
                    String tag = from + ">" + to + "/" + (f == 0 ? "4" : "6");
                    InetSocketAddress target = new InetSocketAddress(dst.get(f), PORT);
                    SOCKETS.get(from).send(ByteBuffer.wrap(tag.getBytes(StandardCharsets.US_ASCII)), target);
                }
            }
        }
        Set<String> got = new TreeSet<>();
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < deadline && !got.containsAll(expected)) {
            got.addAll(drain());
            Thread.sleep(5);
        }
        // Blocked datagrams would arrive as fast as allowed ones; give stragglers a moment more.
        Thread.sleep(100);
        got.addAll(drain());
        return got;
    }

    private static Set<String> drain() throws IOException {
        Set<String> got = new TreeSet<>();
        ByteBuffer buf = ByteBuffer.allocate(64);
        for (Map.Entry<String, DatagramChannel> e : SOCKETS.entrySet()) {
            while (e.getValue().receive(buf.clear()) != null) {
                String tag = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII);
                assertThat(tag).as("datagram received by %s", e.getKey())
                        .endsWith(">" + e.getKey() + tag.substring(tag.indexOf('/')));
                got.add(tag);
            }
        }
        return got;
    }

    /** Every cell the given predicate allows (from, to), for both families. */
    private static Set<String> allowed(java.util.function.BiPredicate<String, String> passes) {
        Set<String> out = new TreeSet<>();
        for (String from : HOSTS) {
            for (String to : HOSTS) {
                if (!from.equals(to) && passes.test(from, to)) {
                    out.add(from + ">" + to + "/4");
                    out.add(from + ">" + to + "/6");
                }
            }
        }
        return out;
    }

    private static void check(Supplier<Cut> operation, java.util.function.BiPredicate<String, String> passes)
            throws Exception {
        Set<String> expected = allowed(passes);
        Cut cut = operation.get();
        List<String> wrong = new ArrayList<>();
        for (String from : HOSTS) {
            for (String to : HOSTS) {
                if (!from.equals(to)) {
                    assertThat(cut.blocks(from, to)).as("%s blocks %s -> %s", cut, from, to)
                            .isEqualTo(!passes.test(from, to));
                }
            }
        }
        Set<String> got = exchange(expected);
        for (String cell : allowed((f, t) -> true)) {
            if (expected.contains(cell) != got.contains(cell)) {
                wrong.add(cell
                        + (expected.contains(cell) ? " should arrive but was lost" : " should be lost but arrived"));
            }
        }
        assertThat(wrong).as("cells that disagree with the table under %s", cut).isEmpty();
    }

    @Test
    @DisplayName("no cut: every host receives from every other")
    void baseline() throws Exception {
        Set<String> all = allowed((f, t) -> true);
        assertThat(exchange(all)).isEqualTo(all);
    }

    @Test
    @DisplayName("partition({a, b}, {c, e}): lost across groups, received within; d (in no group) untouched")
    void partition() throws Exception {
        Set<String> g1 = Set.of("a", "b");
        Set<String> g2 = Set.of("c", "e");
        check(() -> net.partition(g1, g2),
                (f, t) -> !((g1.contains(f) && g2.contains(t)) || (g2.contains(f) && g1.contains(t))));
    }

    @Test
    @DisplayName("isolate(b): b neither sends to nor receives from anyone; the others talk, e through the router")
    void isolate() throws Exception {
        check(() -> net.isolate("b"), (f, t) -> !f.equals("b") && !t.equals("b"));
    }

    @Test
    @DisplayName("drop(a, c): a to c lost, c to a received, everything else received")
    void drop() throws Exception {
        check(() -> net.drop("a", "c"), (f, t) -> !(f.equals("a") && t.equals("c")));
    }

    @Test
    @DisplayName("bridge(a..e): c reaches and hears both halves, which are cut from each other")
    void bridge() throws Exception {
        Set<String> left = Set.of("a", "b");
        Set<String> right = Set.of("d", "e");
        check(() -> net.bridge(HOSTS),
                (f, t) -> !((left.contains(f) && right.contains(t)) || (right.contains(f) && left.contains(t))));
    }

    @Test
    @DisplayName("majoritiesRing(a..e): each hears only its ring neighbours; one-way where windows differ")
    void majoritiesRing() throws Exception {
        check(() -> net.majoritiesRing(HOSTS), (f, t) -> {
            int d = Math.floorMod(HOSTS.indexOf(f) - HOSTS.indexOf(t), HOSTS.size());
            return d <= 1 || d == HOSTS.size() - 1;
        });
    }

    @Test
    @DisplayName("cuts add up, and closing one mends only it; heal() mends the rest")
    void cutsAddUp() throws Exception {
        Cut one = net.drop("a", "b");
        Cut two = net.drop("b", "a");
        assertThat(exchange(allowed((f, t) -> true))).doesNotContain("a>b/4", "b>a/4", "a>b/6", "b>a/6");
        one.close();
        assertThat(one.isOpen()).isFalse();
        assertThat(net.cuts()).containsExactly(two);
        Set<String> got = exchange(allowed((f, t) -> !(f.equals("b") && t.equals("a"))));
        assertThat(got).contains("a>b/4", "a>b/6").doesNotContain("b>a/4", "b>a/6");
        net.heal();
        assertThat(two.isOpen()).isFalse();
        assertThat(net.cuts()).isEmpty();
        Set<String> all = allowed((f, t) -> true);
        assertThat(exchange(all)).isEqualTo(all);
    }
}
