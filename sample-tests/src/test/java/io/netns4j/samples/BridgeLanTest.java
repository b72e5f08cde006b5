package io.netns4j.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.netns4j.NetNs;
import io.netns4j.NetworkTest;
import io.netns4j.PingResult;
import io.netns4j.Topology;
import io.netns4j.annotations.Bridge;
import io.netns4j.annotations.BridgePort;
import io.netns4j.annotations.NetNamespace;
import io.netns4j.annotations.TopologyScope;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Four hosts on one switched LAN.
 *
 * <pre>
 *   alice 10.0.0.1 --+
 *   bob   10.0.0.2 --+-- [ bridge "lan" ]
 *   carol 10.0.0.3 --+
 *   dave  10.0.0.4 --+
 * </pre>
 *
 * <p>
 * {@code @Bridge} without a {@code namespace} puts the bridge in a hidden namespace of its own, like a switch in a
 * closet: the tests see only the four hosts. Each {@code @BridgePort} is a veth pair whose {@code eth0} end, with the
 * port's address, lives in the host's namespace and whose other end is plugged into the bridge.
 *
 * <p>
 * The class uses {@code scope = PER_CLASS}: the LAN is built once and shared by every test of the class, which suits
 * tests that only look at it. With the default, {@code PER_METHOD}, each of the twelve parameterized pings below would
 * get a LAN of its own.
 */
@NetworkTest(scope = TopologyScope.PER_CLASS)
@NetNamespace("alice")
@NetNamespace("bob")
@NetNamespace("carol")
@NetNamespace("dave")
@Bridge(name = "lan", ports = { @BridgePort(ns = "alice", address = "10.0.0.1/24"),
        @BridgePort(ns = "bob", address = "10.0.0.2/24"), @BridgePort(ns = "carol", address = "10.0.0.3/24"),
        @BridgePort(ns = "dave", address = "10.0.0.4/24") })
class BridgeLanTest {

    private static final Map<String, String> ADDRESSES = Map.of("alice", "10.0.0.1", "bob", "10.0.0.2", "carol",
            "10.0.0.3", "dave", "10.0.0.4");

    /** Every ordered pair of distinct hosts: alice → bob, bob → alice, ... (12 pairs). */
    static Stream<Arguments> everyOrderedPair() {
        return ADDRESSES.keySet().stream().sorted().flatMap(from -> ADDRESSES.keySet().stream().sorted()
                .filter(to -> !to.equals(from)).map(to -> Arguments.of(from, to)));
    }

    @ParameterizedTest(name = "{0} pings {1}")
    @MethodSource("everyOrderedPair")
    void everyHostReachesEveryOtherHost(String from, String to, Topology lan) {
        PingResult ping = lan.ns(from).ping(ADDRESSES.get(to));

        assertThat(ping.allReceived()).as("%s", ping).isTrue();
    }

    @Test
    void theSwitchIsHiddenAndEveryHostHasOnePort(Topology lan) {
        assertThat(lan.namespaces()).extracting(NetNs::name).containsExactly("alice", "bob", "carol", "dave");

        assertThat(lan.namespaces()).allSatisfy(host -> {
            assertThat(host.link("eth0").info().isOperationallyUp()).as("eth0 of %s is up", host.name()).isTrue();
            assertThat(host.exec("ip", "-o", "-4", "addr", "show", "dev", "eth0").stdout())
                    .as("ip addr in %s", host.name()).contains("inet " + ADDRESSES.get(host.name()) + "/24");
        });
    }
}
