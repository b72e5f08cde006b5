package io.netns4j.samples.kinds;

import static io.netns4j.assertj.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.netns4j.NetNs;
import io.netns4j.NetworkTest;
import io.netns4j.annotations.Bridge;
import io.netns4j.annotations.BridgePort;
import io.netns4j.annotations.Macvlan;
import io.netns4j.annotations.MacvlanMode;
import io.netns4j.annotations.NetNamespace;
import io.netns4j.annotations.Ns;
import org.junit.jupiter.api.Test;

/**
 * The macvlan modes side by side on one parent: which siblings reach each other, and how.
 *
 * <pre>
 *   switch: bridge "sw" --port0-- host: eth0  (the parent of six macvlans, no address of its own)
 *                                  +-- eth0 of b1 10.50.0.11, b2 10.50.0.12   mode BRIDGE
 *                                  +-- eth0 of p1 10.50.0.21, p2 10.50.0.22   mode PRIVATE
 *                                  +-- eth0 of v1 10.50.0.31, v2 10.50.0.32   mode VEPA
 *                      --port1-- outside: eth0 10.50.0.254
 *                      --port2-- host: eth1   (the parent of one macvlan alone)
 *                                  +-- eth0 of vm 10.50.0.40                  mode PASSTHRU
 * </pre>
 *
 * Each macvlan is a network card of its own (its own MAC address, its own namespace, named {@code eth0} there) on the
 * same cable: host's {@code eth0}, plugged into the switch. The mode decides what happens between siblings:
 * <ul>
 * <li>{@link MacvlanMode#BRIDGE}: siblings in bridge mode talk directly, inside the kernel, without the switch;
 * <li>{@link MacvlanMode#VEPA}: every frame goes out to the switch, so siblings talk only if the switch sends frames
 * back out of the port they came in on: a bridge port in hairpin mode, as an 802.1Qbg switch would;
 * <li>{@link MacvlanMode#PRIVATE}: like VEPA, but frames of siblings are dropped even when the switch sends them back;
 * <li>{@link MacvlanMode#PASSTHRU}: one device takes the whole parent, with the parent's MAC address (as a VM given a
 * network card of its own).
 * </ul>
 * Every mode reaches the world beyond the parent.
 *
 * <h2>Hairpin</h2> The switch's port towards host is put in hairpin mode with iproute2's {@code bridge} command, run
 * inside the switch's namespace ({@code bridge link set dev port0 hairpin on}); the switch-side ends of
 * {@code @BridgePort}s are named {@code port0}, {@code port1}... in declaration order.
 */
@NetworkTest
@NetNamespace("switch")
@NetNamespace("outside")
@NetNamespace("host")
@NetNamespace("b1")
@NetNamespace("b2")
@NetNamespace("p1")
@NetNamespace("p2")
@NetNamespace("v1")
@NetNamespace("v2")
@NetNamespace("vm")
@Bridge(name = "sw", namespace = "switch", ports = { @BridgePort(ns = "host", name = "eth0"),
        @BridgePort(ns = "outside", name = "eth0", address = "10.50.0.254/24"),
        @BridgePort(ns = "host", name = "eth1") })
@Macvlan(ns = "b1", name = "eth0", parent = "eth0", parentNs = "host", address = "10.50.0.11/24")
@Macvlan(ns = "b2", name = "eth0", parent = "eth0", parentNs = "host", address = "10.50.0.12/24")
@Macvlan(ns = "p1", name = "eth0", parent = "eth0", parentNs = "host", mode = MacvlanMode.PRIVATE, address = "10.50.0.21/24")
@Macvlan(ns = "p2", name = "eth0", parent = "eth0", parentNs = "host", mode = MacvlanMode.PRIVATE, address = "10.50.0.22/24")
@Macvlan(ns = "v1", name = "eth0", parent = "eth0", parentNs = "host", mode = MacvlanMode.VEPA, address = "10.50.0.31/24")
@Macvlan(ns = "v2", name = "eth0", parent = "eth0", parentNs = "host", mode = MacvlanMode.VEPA, address = "10.50.0.32/24")
@Macvlan(ns = "vm", name = "eth0", parent = "eth1", parentNs = "host", mode = MacvlanMode.PASSTHRU, address = "10.50.0.40/24")
class MacvlanModesTest {

    @Test
    void bridgeSiblingsReachEachOtherDirectly(@Ns("b1") NetNs b1, @Ns("b2") NetNs b2) {
        assertThat(b1).canPing("10.50.0.12");
        assertThat(b2).canPing("10.50.0.11");
    }

    @Test
    void vepaSiblingsReachEachOtherOnlyThroughAHairpinSwitch(@Ns("v1") NetNs v1, @Ns("switch") NetNs sw) {
        assertThat(v1).cannotPing("10.50.0.32");

        assertThat(sw.exec("bridge", "link", "set", "dev", "port0", "hairpin", "on")).succeeded();

        // v1's address resolution of 10.50.0.32 failed a moment ago: the first echo may wait for its next try.
        assertThat(v1).eventually().canPing("10.50.0.32");
    }

    @Test
    void privateSiblingsNeverReachEachOtherEvenThroughAHairpinSwitch(@Ns("p1") NetNs p1, @Ns("switch") NetNs sw) {
        assertThat(sw.exec("bridge", "link", "set", "dev", "port0", "hairpin", "on")).succeeded();

        assertThat(p1).cannotPing("10.50.0.22");
    }

    @Test
    void everyModeReachesTheWorldOutside(@Ns("b1") NetNs b1, @Ns("p1") NetNs p1, @Ns("v1") NetNs v1,
            @Ns("vm") NetNs vm) {
        assertThat(b1).canPing("10.50.0.254");
        assertThat(p1).canPing("10.50.0.254");
        assertThat(v1).canPing("10.50.0.254");
        assertThat(vm).canPing("10.50.0.254");
    }

    @Test
    void passthruTakesTheWholeParentWithItsMacAddress(@Ns("vm") NetNs vm, @Ns("host") NetNs host) {
        assertThat(vm.link("eth0").info().mac()).isEqualTo(host.link("eth1").info().mac());
        assertThat(vm).canPing("10.50.0.254");
    }
}
