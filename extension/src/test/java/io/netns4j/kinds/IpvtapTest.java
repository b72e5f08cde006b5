package io.netns4j.kinds;

import static io.netns4j.assertj.Assertions.assertThat;
import static io.netns4j.packet.Matchers.arp;
import static io.netns4j.packet.Matchers.ethernet;
import static io.netns4j.packet.Matchers.incoming;
import static org.assertj.core.api.Assertions.assertThat;

import io.netns4j.Capture;
import io.netns4j.MacvtapDevice;
import io.netns4j.NetNs;
import io.netns4j.NetworkTest;
import io.netns4j.Topology;
import io.netns4j.annotations.Dev;
import io.netns4j.annotations.IpvlanFlag;
import io.netns4j.annotations.IpvlanMode;
import io.netns4j.annotations.Ipvtap;
import io.netns4j.annotations.NetNamespace;
import io.netns4j.annotations.Ns;
import io.netns4j.annotations.VethLink;
import io.netns4j.packet.LinkType;
import io.netns4j.packet.Packet;
import io.netns4j.packet.PacketMatcher;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An ipvtap device built through our netlink layer, its character device found without udev and handed to the test as a
 * {@link MacvtapDevice}; frames go both ways through it. Skipped with the reason where the kernel has no ipvtap driver
 * (this host); run by {@code ci/kernel-lane}.
 *
 * <pre>
 *   wire: eth0 10.61.0.254 ==veth== host: eth0 (the parent)
 *                                          +-- ipvt0 in vm, 10.61.0.1, L2: the test reads and writes its frames
 * </pre>
 */
@NetworkTest
@Tag("kernel-ipvtap")
@NetNamespace("wire")
@NetNamespace("host")
@NetNamespace("vm")
@VethLink(a = "host", aName = "eth0", b = "wire", bName = "eth0", bAddress = "10.61.0.254/24")
@Ipvtap(ns = "vm", name = "ipvt0", parent = "eth0", parentNs = "host", mode = IpvlanMode.L2, address = "10.61.0.1/24")
class IpvtapTest {

    private static final Duration WAIT = Duration.ofSeconds(2);
    private static final HexFormat MAC = HexFormat.ofDelimiter(":");

    @Test
    void theHandleIsTheDevicesCharacterDevice(@Dev(ns = "vm", name = "ipvt0") MacvtapDevice tap, @Ns("vm") NetNs vm)
            throws Exception {
        assertThat(tap.name()).isEqualTo("ipvt0");
        assertThat(tap.namespace()).isEqualTo("vm");
        assertThat(tap.index()).isEqualTo(vm.link("ipvt0").info().index());
        assertThat(tap.isOpen()).isTrue();
        assertThat(vm.device("ipvt0", MacvtapDevice.class)).isSameAs(tap);
        String major = Files.readAllLines(Path.of("/proc/devices")).stream().map(String::strip)
                .filter(l -> l.endsWith(" ipvtap")).map(l -> l.split("\\s+")[0]).findFirst().orElseThrow();
        assertThat(tap.deviceNumber()).startsWith(major + ":");
        assertThat(vm.exec("ip", "-d", "-o", "link", "show", "ipvt0")).succeeded().stdoutContains("ipvtap")
                .stdoutContains("mode l2 bridge");
    }

    /** The wire's broadcast "who has 10.61.0.1?" reaches the device, and is read from its character device. */
    @Test
    void aBroadcastOnTheWireIsReadFromTheTap(@Dev(ns = "vm", name = "ipvt0") MacvtapDevice tap,
            @Ns("wire") NetNs wire) {
        wire.ping("10.61.0.1", 1, Duration.ofMillis(100));
        Packet request = readUntil(tap, arp().request().target("10.61.0.1"));
        assertThat(request.arp().orElseThrow().senderIp().getHostAddress()).isEqualTo("10.61.0.254");
    }

    /** A frame written to the character device leaves through the parent, with the parent's MAC as its source. */
    @Test
    void aFrameWrittenToTheTapLeavesThroughTheParent(@Dev(ns = "vm", name = "ipvt0") MacvtapDevice tap,
            @Ns("host") NetNs host, @Ns("wire") NetNs wire) {
        String parentMac = host.link("eth0").info().mac();
        try (Capture onWire = wire.capture("eth0")) {
            ByteBuffer frame = ByteBuffer.allocate(60).put(MAC.parseHex("ff:ff:ff:ff:ff:ff"))
                    .put(MAC.parseHex(parentMac)).putShort((short) 0x88b5).put(new byte[] { 'i', 'p', 'v', 't' })
                    .flip();
            tap.write(frame);
            assertThat(onWire).hasPacket(incoming().and(ethernet().src(parentMac).etherType(0x88b5))).within(WAIT);
        }
    }

    /** Closing the handle early makes later reads fail at once; the topology's teardown then has nothing to close. */
    @Test
    void aClosedHandleRefusesReads(@Dev(ns = "vm", name = "ipvt0") MacvtapDevice tap) {
        tap.close();
        assertThat(tap.isOpen()).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> tap.read(Duration.ofMillis(10)))
                .isInstanceOf(IllegalStateException.class);
    }

    /**
     * Named as an interface of its parent's namespace ({@code eth0}): created under a temporary name, renamed, then
     * opened (kernels before 6.14 answer EEXIST to the name in the request sent to the parent's namespace).
     */
    @Test
    @NetNamespace("vm2")
    @Ipvtap(ns = "vm2", name = "eth0", parent = "eth0", parentNs = "host", mode = IpvlanMode.L2, address = "10.61.0.2/24")
    void aNameThatTheParentsNamespaceHasToo(@Dev(ns = "vm2", name = "eth0") MacvtapDevice tap, @Ns("vm2") NetNs vm2,
            @Ns("wire") NetNs wire) {
        assertThat(tap.name()).isEqualTo("eth0");
        assertThat(tap.index()).isEqualTo(vm2.link("eth0").info().index());
        assertThat(vm2.link("eth0").info().kind()).isEqualTo("ipvtap");
        // No temporary name left behind (the guest kernel adds its fallback tunnels, tunl0 etc., to every namespace).
        assertThat(vm2.links()).extracting(l -> l.name()).contains("eth0").noneMatch(n -> n.startsWith("nn4jtmp"));
        wire.ping("10.61.0.2", 1, Duration.ofMillis(100));
        assertThat(readUntil(tap, arp().request().target("10.61.0.2"))).isNotNull();
    }

    @Test
    void builtByTheBuilder() {
        try (Topology net = IpvlanTest.buildOrSkip(Topology.builder().namespace("w").namespace("h").namespace("v")
                .veth("h", "w", o -> o.aName("eth0").bName("eth0").bAddress("10.62.0.254/24"))
                .ipvtap("v", "ipvt0", "eth0", "h", IpvlanMode.L2, IpvlanFlag.BRIDGE, "10.62.0.1/24"))) {
            MacvtapDevice tap = net.ns("v").device("ipvt0", MacvtapDevice.class);
            net.ns("w").ping("10.62.0.1", 1, Duration.ofMillis(100));
            assertThat(readUntil(tap, arp().request().target("10.62.0.1"))).isNotNull();
        }
    }

    /** Reads frames until one matches, for up to 2 s (the wire's IPv6 chatter arrives too). */
    static Packet readUntil(MacvtapDevice tap, PacketMatcher wanted) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Packet> p = tap.read(Duration.ofMillis(100)).map(f -> Packet.decode(LinkType.ETHERNET, f));
            if (p.isPresent() && wanted.matches(p.get())) {
                return p.get();
            }
        }
        throw new AssertionError("no frame matching " + wanted.description() + " read from " + tap + " within " + WAIT);
    }
}
