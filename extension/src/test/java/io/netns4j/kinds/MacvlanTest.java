package io.netns4j.kinds;

import static io.netns4j.assertj.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.netns4j.NetNs;
import io.netns4j.NetworkTest;
import io.netns4j.Topology;
import io.netns4j.annotations.Bridge;
import io.netns4j.annotations.BridgePort;
import io.netns4j.annotations.Macvlan;
import io.netns4j.annotations.MacvlanMode;
import io.netns4j.annotations.NetNamespace;
import io.netns4j.annotations.Ns;
import io.netns4j.annotations.VethLink;
import io.netns4j.testsupport.Leftovers;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Macvlan devices built through our netlink layer, each straight into its namespace on a parent of another (or of its
 * own), in every mode.
 *
 * <pre>
 *   wire: eth0 10.20.0.254 ==veth== host: eth0 (no address)  the parent
 *                                         +-- mv0 in a     10.20.0.1, fd00:20::1  mac 02:00:00:00:20:01
 *                                         +-- macvlan0 in b  10.20.0.2, fd00:20::2
 *                                         +-- mv1 in host  10.20.0.3  (next to its parent)
 * </pre>
 */
@NetworkTest
@NetNamespace("host")
@NetNamespace("wire")
@NetNamespace("a")
@NetNamespace("b")
@VethLink(a = "host", aName = "eth0", b = "wire", bName = "eth0", bAddress = "10.20.0.254/24")
@Macvlan(ns = "a", name = "mv0", parent = "eth0", parentNs = "host", mac = "02:00:00:00:20:01", address = {
        "10.20.0.1/24", "fd00:20::1/64" })
@Macvlan(ns = "b", parent = "eth0", parentNs = "host", address = { "10.20.0.2/24", "fd00:20::2/64" })
@Macvlan(ns = "host", name = "mv1", parent = "eth0", address = "10.20.0.3/24")
class MacvlanTest {

    @Test
    void eachDeviceIsInItsNamespaceWithItsNameAddressModeAndMac(@Ns("a") NetNs a, @Ns("b") NetNs b,
            @Ns("host") NetNs host) {
        assertThat(a).hasInterface("mv0").withAddress("10.20.0.1/24").up();
        assertThat(b).hasInterface("macvlan0").withAddress("10.20.0.2/24").up();
        assertThat(host).hasInterface("mv1").withAddress("10.20.0.3/24").up();
        assertThat(a.link("mv0").info().kind()).isEqualTo("macvlan");
        assertThat(a.link("mv0").info().mac()).isEqualTo("02:00:00:00:20:01");
        assertThat(a.exec("ip", "-d", "-o", "link", "show", "mv0")).succeeded().stdoutContains("macvlan mode bridge");
        // Straight into its namespace: the parent's namespace holds only its own devices.
        assertThat(host.links()).extracting(l -> l.name()).containsExactlyInAnyOrder("lo", "eth0", "mv1");
    }

    @Test
    void bridgeSiblingsReachEachOtherAndTheWire(@Ns("a") NetNs a, @Ns("b") NetNs b, @Ns("host") NetNs host) {
        assertThat(a).canPing("10.20.0.2").canPing("10.20.0.3").canPing("10.20.0.254").canPing("fd00:20::2");
        assertThat(b).canPing("10.20.0.1");
        assertThat(host).canPing("10.20.0.1");
    }

    /**
     * Source mode: the device receives the frames of the listed senders only. {@code sender} and {@code other} sit on
     * the far end of the wire, as macvlans of {@code wire}'s eth0; only {@code sender} is listed.
     */
    @Test
    @NetNamespace("src")
    @NetNamespace("sender")
    @NetNamespace("other")
    @Macvlan(ns = "src", name = "src0", parent = "eth0", parentNs = "host", mode = MacvlanMode.SOURCE, macaddrs = {
            "02:00:00:00:20:5b", "02:00:00:00:20:5c" }, address = "10.20.0.50/24")
    @Macvlan(ns = "sender", name = "mv0", parent = "eth0", parentNs = "wire", mac = "02:00:00:00:20:5b", address = "10.20.0.51/24")
    @Macvlan(ns = "other", name = "mv0", parent = "eth0", parentNs = "wire", address = "10.20.0.52/24")
    void sourceModeHearsOnlyItsSenders(@Ns("src") NetNs src, @Ns("sender") NetNs sender, @Ns("other") NetNs other) {
        assertThat(src.exec("ip", "-d", "-o", "link", "show", "src0")).succeeded().stdoutContains("macvlan mode source")
                .stdoutContains("remotes (2)");
        assertThat(sender).canPing("10.20.0.50");
        assertThat(other).cannotPing("10.20.0.50");
    }

    /**
     * Passthru: alone on its parent, the device takes the parent's MAC address and all its traffic; here on a second
     * veth of {@code host}, towards {@code wire}.
     */
    @Test
    @VethLink(a = "host", aName = "eth1", b = "wire", bName = "eth1", bAddress = "10.21.0.254/24")
    @NetNamespace("pt")
    @Macvlan(ns = "pt", name = "pt0", parent = "eth1", parentNs = "host", mode = MacvlanMode.PASSTHRU, address = "10.21.0.1/24")
    void passthruTakesItsParentsMac(@Ns("pt") NetNs pt, @Ns("host") NetNs host) {
        assertThat(pt.link("pt0").info().mac()).isEqualTo(host.link("eth1").info().mac());
        assertThat(pt.exec("ip", "-d", "-o", "link", "show", "pt0")).succeeded()
                .stdoutContains("macvlan mode passthru");
        assertThat(pt).canPing("10.21.0.254");
    }

    /**
     * Named as its parent's namespace names one of its own ({@code eth0}): kernels before 6.14 refuse that name in the
     * request sent to the parent's namespace, so the device is made under a temporary name and renamed in its own.
     */
    @Test
    @NetNamespace("c")
    @Macvlan(ns = "c", name = "eth0", parent = "eth0", parentNs = "host", mode = MacvlanMode.PRIVATE, address = "10.20.0.9/24")
    void aNameThatTheParentsNamespaceHasToo(@Ns("c") NetNs c, @Ns("host") NetNs host) {
        assertThat(c.link("eth0").info().kind()).isEqualTo("macvlan");
        assertThat(c.links()).extracting(l -> l.name()).containsExactlyInAnyOrder("lo", "eth0");
        assertThat(host.links()).extracting(l -> l.name()).containsExactlyInAnyOrder("lo", "eth0", "mv1");
        assertThat(c.exec("ip", "-d", "-o", "link", "show", "eth0")).succeeded().stdoutContains("macvlan mode private");
        assertThat(c).canPing("10.20.0.254");
    }

    /** On a bridge as parent: the macvlans reach each other and, through the bridge's port, the outside. */
    @Test
    @NetNamespace("outside")
    @Bridge(name = "br0", namespace = "host", ports = @BridgePort(ns = "outside", address = "10.23.0.254/24"))
    @NetNamespace("c")
    @Macvlan(ns = "a", name = "mv9", parent = "br0", parentNs = "host", address = "10.23.0.1/24")
    @Macvlan(ns = "c", name = "mv9", parent = "br0", parentNs = "host", mode = MacvlanMode.VEPA, address = "10.23.0.3/24")
    void onABridge(@Ns("a") NetNs a, @Ns("c") NetNs c) {
        assertThat(a).canPing("10.23.0.254");
        assertThat(c).canPing("10.23.0.254");
        assertThat(a.exec("ip", "-d", "-o", "link", "show", "mv9")).succeeded().stdoutContains("macvlan mode bridge");
    }

    /** The programmatic builder makes the same devices, and closing the topology leaves nothing behind. */
    @Test
    void theBuilderMakesThemToo() {
        Leftovers.Snapshot before = Leftovers.snapshot();
        try (Topology t = Topology.builder().namespace("lan").namespace("x").namespace("y")
                .veth("lan", "x", v -> v.aName("eth0").bName("eth0"))
                .macvlan("x", "mv0", "eth0", "", MacvlanMode.BRIDGE, "10.22.0.1/24").macvlan("y", "mv0", "eth0", "x",
                        MacvlanMode.VEPA, "02:00:00:00:22:02", List.of(), List.of("10.22.0.2/24"))
                .build()) {
            assertThat(t.ns("y").link("mv0").info().mac()).isEqualTo("02:00:00:00:22:02");
            assertThat(t.ns("y").exec("ip", "-d", "-o", "link", "show", "mv0")).succeeded()
                    .stdoutContains("macvlan mode vepa");
            // A vepa device next to a bridge-mode sibling, with nothing reflecting on the wire: no way between them.
            assertThat(t.ns("y")).cannotPing("10.22.0.1");
        }
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(Leftovers.newSince(before)).isEmpty());
    }
}
