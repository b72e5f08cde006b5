package io.netns4j.kinds;

import static io.netns4j.assertj.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.netns4j.KernelFeatureMissingException;
import io.netns4j.NetNs;
import io.netns4j.Netns4jConfig;
import io.netns4j.NetworkTest;
import io.netns4j.Topology;
import io.netns4j.TopologyBuilder;
import io.netns4j.annotations.Ipvlan;
import io.netns4j.annotations.IpvlanFlag;
import io.netns4j.annotations.IpvlanMode;
import io.netns4j.annotations.NetNamespace;
import io.netns4j.annotations.Ns;
import io.netns4j.annotations.Route;
import io.netns4j.annotations.VethLink;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * ipvlan devices built through our netlink layer, each created in the parent's namespace straight into its own, and
 * checked with traffic and with {@code ip -d link} as an independent witness. Skipped with the reason where the kernel
 * has no ipvlan driver (this host); run by {@code ci/kernel-lane}.
 *
 * <pre>
 *   peer eth0 10.0.0.2 ---- eth0 10.0.0.1 host
 *                            |  (parent of the ipvlans)
 *                            +-- ipv0 in c1
 *                            +-- ipv0 in c2
 * </pre>
 *
 * All ipvlans of one parent share its mode and flag (the kernel applies the last one given to all), so each test
 * declares its own.
 */
@NetworkTest
@Tag("kernel-ipvlan")
@NetNamespace("host")
@NetNamespace("peer")
@NetNamespace("c1")
@NetNamespace("c2")
@VethLink(a = "host", aName = "eth0", aAddress = "10.0.0.1/24", b = "peer", bName = "eth0", bAddress = "10.0.0.2/24")
class IpvlanTest {

    @Test
    @Ipvlan(ns = "c1", name = "ipv0", parent = "eth0", parentNs = "host", mode = IpvlanMode.L2, address = "10.0.0.11/24")
    @Ipvlan(ns = "c2", name = "ipv0", parent = "eth0", parentNs = "host", mode = IpvlanMode.L2, address = "10.0.0.12/24")
    void l2SiblingsShareTheParentsMacAnswerArpAndReachEachOther(@Ns("host") NetNs host, @Ns("peer") NetNs peer,
            @Ns("c1") NetNs c1, @Ns("c2") NetNs c2) {
        // Administratively up; its operational state stays UNKNOWN (ipvlan does not report one).
        assertThat(c1).hasInterface("ipv0").withAddress("10.0.0.11/24");
        assertThat(c1.link("ipv0").info().up()).isTrue();
        String parentMac = host.link("eth0").info().mac();
        assertThat(c1.link("ipv0").info().mac()).isEqualTo(parentMac);
        assertThat(c2.link("ipv0").info().mac()).isEqualTo(parentMac);
        assertThat(c1.link("ipv0").info().kind()).isEqualTo("ipvlan");

        assertThat(peer).canPing("10.0.0.11");
        assertThat(peer).canPing("10.0.0.12");
        assertThat(c1).canPing("10.0.0.12");

        assertThat(c1.exec("ip", "-d", "-o", "link", "show", "ipv0")).succeeded().stdoutContains("ipvlan")
                .stdoutContains("mode l2 bridge");
    }

    /** L3: the device does no ARP, so a neighbour on the parent's link cannot resolve its address. */
    @Test
    @Ipvlan(ns = "c1", name = "ipv0", parent = "eth0", parentNs = "host", mode = IpvlanMode.L3, address = "10.0.0.13/24")
    void l3PassesNoArp(@Ns("peer") NetNs peer, @Ns("c1") NetNs c1) {
        assertThat(c1.exec("ip", "-d", "-o", "link", "show", "ipv0")).succeeded().stdoutContains("NOARP")
                .stdoutContains("mode l3 bridge");
        assertThat(peer).cannotPing("10.0.0.13");
    }

    /**
     * L3: the device is reached by routing, through the parent's address; the parent's namespace routes the answers
     * (ipvlan looks its routes up there), without forwarding.
     */
    @Test
    @Ipvlan(ns = "c1", name = "ipv0", parent = "eth0", parentNs = "host", mode = IpvlanMode.L3, address = "10.9.0.11/24")
    @Route(ns = "peer", to = "10.9.0.0/24", via = "10.0.0.1")
    @Route(ns = "c1", to = "default", dev = "ipv0")
    void l3IsReachedByRouting(@Ns("peer") NetNs peer) {
        assertThat(peer).canPing("10.9.0.11");
    }

    @Test
    @Ipvlan(ns = "c1", name = "ipv0", parent = "eth0", parentNs = "host", mode = IpvlanMode.L3S, address = "10.9.0.11/24")
    @Route(ns = "peer", to = "10.9.0.0/24", via = "10.0.0.1")
    @Route(ns = "c1", to = "default", dev = "ipv0")
    void l3s(@Ns("peer") NetNs peer, @Ns("c1") NetNs c1) {
        assertThat(c1.exec("ip", "-d", "-o", "link", "show", "ipv0")).succeeded().stdoutContains("mode l3s bridge");
        assertThat(peer).canPing("10.9.0.11");
    }

    /** {@code private}: siblings cannot reach each other; the outside still reaches each. */
    @Test
    @Ipvlan(ns = "c1", name = "ipv0", parent = "eth0", parentNs = "host", mode = IpvlanMode.L2, flag = IpvlanFlag.PRIVATE, address = "10.0.0.11/24")
    @Ipvlan(ns = "c2", name = "ipv0", parent = "eth0", parentNs = "host", mode = IpvlanMode.L2, flag = IpvlanFlag.PRIVATE, address = "10.0.0.12/24")
    void privateSiblingsDoNotMeet(@Ns("peer") NetNs peer, @Ns("c1") NetNs c1) {
        assertThat(c1.exec("ip", "-d", "-o", "link", "show", "ipv0")).succeeded().stdoutContains("mode l2 private");
        assertThat(peer).canPing("10.0.0.11");
        assertThat(peer).canPing("10.0.0.12");
        assertThat(c1).cannotPing("10.0.0.12");
    }

    /** A device in its parent's own namespace (no {@code parentNs}), default name, default mode (L3) and flag. */
    @Test
    @Ipvlan(ns = "host", parent = "eth0", address = "10.9.0.1/24")
    void inTheParentsNamespaceWithDefaults(@Ns("host") NetNs host) {
        assertThat(host).hasInterface("ipvlan0").withAddress("10.9.0.1/24");
        assertThat(host.link("ipvlan0").info().up()).isTrue();
        assertThat(host.exec("ip", "-d", "-o", "link", "show", "ipvlan0")).succeeded().stdoutContains("mode l3 bridge");
    }

    /**
     * Named as its parent's namespace names one of its own ({@code eth0}, as containers name theirs): kernels before
     * 6.14 refuse that name in the request sent to the parent's namespace (EEXIST), so the device is made under a
     * temporary name and renamed in its own.
     */
    @Test
    @Ipvlan(ns = "c1", name = "eth0", parent = "eth0", parentNs = "host", mode = IpvlanMode.L2, address = "10.0.0.11/24")
    void aNameThatTheParentsNamespaceHasToo(@Ns("c1") NetNs c1, @Ns("host") NetNs host, @Ns("peer") NetNs peer) {
        assertThat(c1.link("eth0").info().kind()).isEqualTo("ipvlan");
        // No temporary name left behind (the guest kernel adds its fallback tunnels, tunl0 etc., to every namespace).
        assertThat(c1.links()).extracting(l -> l.name()).contains("eth0").noneMatch(n -> n.startsWith("nn4jtmp"));
        assertThat(host.links()).extracting(l -> l.name()).contains("eth0").noneMatch(n -> n.startsWith("nn4jtmp"));
        assertThat(c1.exec("ip", "-d", "-o", "link", "show", "eth0")).succeeded().stdoutContains("mode l2 bridge");
        assertThat(peer).canPing("10.0.0.11");
    }

    /**
     * The same through the builder, outside JUnit's declarations; here the missing kind is the builder's exception,
     * which the test turns into the skip (or failure) that {@code @NetworkTest} gives declared topologies.
     */
    @Test
    void builtByTheBuilder() {
        try (Topology net = buildOrSkip(Topology.builder().namespace("h").namespace("p").namespace("c")
                .veth("h", "p", v -> v.aName("eth0").aAddress("10.0.0.1/24").bName("eth0").bAddress("10.0.0.2/24"))
                .ipvlan("c", "ipv0", "eth0", "h", IpvlanMode.L2, IpvlanFlag.BRIDGE, "10.0.0.11/24"))) {
            assertThat(net.ns("p")).canPing("10.0.0.11");
            assertThat(net.ns("c").link("ipv0").info().mac()).isEqualTo(net.ns("h").link("eth0").info().mac());
        }
    }

    /**
     * Builds, or skips with the reason where a kind is missing (fails instead with netns4j.missingKernelFeature=fail).
     */
    static Topology buildOrSkip(TopologyBuilder builder) {
        try {
            return builder.build();
        } catch (KernelFeatureMissingException e) {
            if ("fail".equals(System.getProperty(Netns4jConfig.MISSING_KERNEL_FEATURE))) {
                throw e;
            }
            Assumptions.abort(e.getMessage());
            throw e;
        }
    }
}
