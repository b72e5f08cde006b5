package io.netns4j.kinds;

import static io.netns4j.assertj.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netns4j.ExecResult;
import io.netns4j.NetNs;
import io.netns4j.NetworkTest;
import io.netns4j.NsProcess;
import io.netns4j.Topology;
import io.netns4j.annotations.NetNamespace;
import io.netns4j.annotations.Ns;
import io.netns4j.annotations.VethLink;
import io.netns4j.annotations.Vlan;
import io.netns4j.annotations.VlanProtocol;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * VLAN devices built through our netlink layer, checked with traffic, with {@code ip -d link} and with {@code tcpdump}
 * on the cable as independent witnesses. Skipped with the reason where the kernel has no 8021q module (this host); run
 * by {@code ci/kernel-lane}.
 *
 * <pre>
 *   left eth0.100 10.100.0.1 --+                    +-- eth0.100 10.100.0.2 right
 *                 left eth0 ===+== veth, tagged ==+=== right eth0
 * </pre>
 */
@NetworkTest
@Tag("kernel-vlan")
@NetNamespace("left")
@NetNamespace("right")
@VethLink(a = "left", aName = "eth0", b = "right", bName = "eth0")
@Vlan(ns = "left", name = "eth0.100", parent = "eth0", id = 100, address = "10.100.0.1/24")
@Vlan(ns = "right", name = "eth0.100", parent = "eth0", id = 100, address = "10.100.0.2/24")
class VlanTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void pingsAcrossTheVlan(@Ns("left") NetNs left, @Ns("right") NetNs right) {
        assertThat(left).hasInterface("eth0.100").withAddress("10.100.0.1/24");
        assertThat(left.link("eth0.100").info().up()).isTrue();
        // The kernel derives its operational state from the parent's, asynchronously (within a second).
        assertThat(left).eventually().hasInterface("eth0.100").up();
        assertThat(left.link("eth0.100").info().kind()).isEqualTo("vlan");
        assertThat(left).canPing("10.100.0.2");
        assertThat(right).canPing("10.100.0.1");
        assertThat(left.exec("ip", "-d", "-o", "link", "show", "eth0.100")).succeeded()
                .stdoutContains("vlan protocol 802.1Q id 100");
    }

    /** tcpdump on the parent (libpcap puts back the tag the kernel hands to packet sockets aside) sees the tag. */
    @Test
    void theFramesOnTheCableCarryTheTag(@Ns("left") NetNs left, @Ns("right") NetNs right) throws Exception {
        ExecResult seen = tcpdumpOne(right, "vlan 100 and icmp", () -> assertThat(left).canPing("10.100.0.2"));
        assertThat(seen.stdout()).contains("ethertype 802.1Q (0x8100)").contains("vlan 100")
                .contains("10.100.0.1 > 10.100.0.2: ICMP echo request");
    }

    /** VLANs 200 and 300 on the same cable, addresses of one subnet: they do not meet. */
    @Test
    @Vlan(ns = "left", name = "eth0.200", parent = "eth0", id = 200, address = "10.200.0.1/24")
    @Vlan(ns = "right", name = "eth0.300", parent = "eth0", id = 300, address = "10.200.0.2/24")
    void differentIdsDoNotMeet(@Ns("left") NetNs left) {
        assertThat(left).cannotPing("10.200.0.2");
        assertThat(left).canPing("10.100.0.2");
    }

    /** 802.1ad service tags (TPID 0x88a8), and 802.1Q tags inside them ("QinQ"), the inner VLAN's parent the outer. */
    @Test
    @Vlan(ns = "left", name = "s10", parent = "eth0", id = 10, protocol = VlanProtocol.IEEE_802_1AD, address = "10.10.0.1/24")
    @Vlan(ns = "right", name = "s10", parent = "eth0", id = 10, protocol = VlanProtocol.IEEE_802_1AD, address = "10.10.0.2/24")
    @Vlan(ns = "left", name = "s10.20", parent = "s10", id = 20, address = "10.20.0.1/24")
    @Vlan(ns = "right", name = "s10.20", parent = "s10", id = 20, address = "10.20.0.2/24")
    void serviceTagsAndQinQ(@Ns("left") NetNs left, @Ns("right") NetNs right) throws Exception {
        assertThat(left.exec("ip", "-d", "-o", "link", "show", "s10")).succeeded()
                .stdoutContains("vlan protocol 802.1ad id 10");
        assertThat(left).canPing("10.10.0.2");
        ExecResult seen = tcpdumpOne(right, "vlan 10 and vlan 20 and icmp",
                () -> assertThat(left).canPing("10.20.0.2"));
        assertThat(seen.stdout()).contains("ethertype 802.1Q-QinQ (0x88a8)").contains("vlan 10").contains("vlan 20")
                .contains("10.20.0.1 > 10.20.0.2: ICMP echo request");
    }

    /** The same id, one end 802.1Q, the other 802.1ad: different VLANs. */
    @Test
    @Vlan(ns = "left", name = "q30", parent = "eth0", id = 30, address = "10.30.0.1/24")
    @Vlan(ns = "right", name = "s30", parent = "eth0", id = 30, protocol = VlanProtocol.IEEE_802_1AD, address = "10.30.0.2/24")
    void theSameIdUnderAnotherProtocolDoesNotMeet(@Ns("left") NetNs left) {
        assertThat(left).cannotPing("10.30.0.2");
    }

    /** Made on its parent's namespace and moved at creation into a namespace of its own; default name. */
    @Test
    @NetNamespace("c")
    @Vlan(ns = "c", parent = "eth0", parentNs = "right", id = 40, address = "10.40.0.2/24")
    @Vlan(ns = "left", name = "eth0.40", parent = "eth0", id = 40, address = "10.40.0.1/24")
    void inAnotherNamespaceThanItsParent(@Ns("left") NetNs left, @Ns("c") NetNs c, @Ns("right") NetNs right) {
        assertThat(c).hasInterface("vlan0").withAddress("10.40.0.2/24");
        assertThat(c.link("vlan0").info().up()).isTrue();
        assertThat(right.links()).noneMatch(l -> l.name().equals("vlan0"));
        assertThat(left).canPing("10.40.0.2");
    }

    /**
     * Named as an interface of its parent's namespace ({@code eth0}): kernels before 6.14 refuse that name in the
     * request sent to the parent's namespace (EEXIST), so the device is made under a temporary name and renamed in its
     * own.
     */
    @Test
    @NetNamespace("c")
    @Vlan(ns = "c", name = "eth0", parent = "eth0", parentNs = "right", id = 50, address = "10.50.0.2/24")
    @Vlan(ns = "left", name = "eth0.50", parent = "eth0", id = 50, address = "10.50.0.1/24")
    void aNameThatTheParentsNamespaceHasToo(@Ns("left") NetNs left, @Ns("c") NetNs c, @Ns("right") NetNs right) {
        assertThat(c.link("eth0").info().kind()).isEqualTo("vlan");
        // No temporary name left behind (the guest kernel adds its fallback tunnels, tunl0 etc., to every namespace).
        assertThat(c.links()).extracting(l -> l.name()).contains("eth0").noneMatch(n -> n.startsWith("nn4jtmp"));
        assertThat(right.link("eth0").info().kind()).isEqualTo("veth");
        assertThat(c.exec("ip", "-d", "-o", "link", "show", "eth0")).succeeded()
                .stdoutContains("vlan protocol 802.1Q id 50");
        assertThat(left).canPing("10.50.0.2");
    }

    @Test
    void builtByTheBuilder() {
        try (Topology net = IpvlanTest.buildOrSkip(
                Topology.builder().namespace("l").namespace("r").veth("l", "r", v -> v.aName("eth0").bName("eth0"))
                        .vlan("l", "eth0.7", "eth0", "", 7, VlanProtocol.IEEE_802_1Q, "10.7.0.1/24")
                        .vlan("r", "eth0.7", "eth0", "", 7, VlanProtocol.IEEE_802_1Q, "10.7.0.2/24"))) {
            assertThat(net.ns("l")).canPing("10.7.0.2");
        }
    }

    /**
     * Runs {@code tcpdump} for one packet matching {@code filter} on {@code eth0} of {@code ns} while {@code traffic}
     * runs, and returns what it printed (with link-level headers).
     */
    private static ExecResult tcpdumpOne(NetNs ns, String filter, Runnable traffic) throws InterruptedException {
        try (NsProcess dump = ns.start("tcpdump", "-i", "eth0", "-nn", "-e", "-l", "-c", "1", filter)) {
            await("tcpdump listening").atMost(WAIT).until(() -> dump.stderr().contains("listening on"));
            traffic.run();
            ExecResult result = dump.waitFor(WAIT).orElseThrow(() -> new AssertionError(
                    "tcpdump saw no packet matching \"" + filter + "\"; it printed: " + dump.stderr()));
            assertThat(result.exitCode()).as("%s", result).isZero();
            return result;
        }
    }
}
