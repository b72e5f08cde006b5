package io.netns4j.kinds;

import static io.netns4j.assertj.Assertions.assertThat;
import static io.netns4j.packet.Matchers.arp;
import static io.netns4j.packet.Matchers.ethernet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netns4j.Capture;
import io.netns4j.MacvtapDevice;
import io.netns4j.NetNs;
import io.netns4j.NetworkTest;
import io.netns4j.Topology;
import io.netns4j.annotations.Dev;
import io.netns4j.annotations.MacvlanMode;
import io.netns4j.annotations.Macvtap;
import io.netns4j.annotations.NetNamespace;
import io.netns4j.annotations.Ns;
import io.netns4j.annotations.VethLink;
import io.netns4j.internal.model.Specs.NamespaceSpec;
import io.netns4j.internal.model.Specs.TopologySpec;
import io.netns4j.internal.model.Specs.VethSpec;
import io.netns4j.internal.model.Validator;
import io.netns4j.internal.model.kinds.MacvlanKind;
import io.netns4j.internal.runtime.KernelFeatures;
import io.netns4j.internal.runtime.TopologyRuntime;
import io.netns4j.internal.sys.CharDevices;
import io.netns4j.internal.sys.CharDevices.DeviceNumber;
import io.netns4j.packet.LinkType;
import io.netns4j.packet.Packet;
import io.netns4j.packet.PacketMatcher;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Macvtap devices and their character devices, opened for the test.
 *
 * <pre>
 *   wire: eth0 10.40.0.254 ==veth== host: eth0 (the parent)
 *                                         +-- mt0 in vm, mac 02:00:00:00:40:77: frames to and from the test
 * </pre>
 */
@NetworkTest
@NetNamespace("host")
@NetNamespace("wire")
@NetNamespace("vm")
@VethLink(a = "host", aName = "eth0", b = "wire", bName = "eth0", bAddress = "10.40.0.254/24")
@Macvtap(ns = "vm", name = "mt0", parent = "eth0", parentNs = "host", mac = MacvtapTest.VM_MAC)
class MacvtapTest {

    static final String VM_MAC = "02:00:00:00:40:77";
    private static final String VM_IP = "10.40.0.77";
    private static final Duration WAIT = Duration.ofSeconds(3);
    /** IEEE 802 "local experimental" EtherType: nobody else sends it. */
    private static final int EXPERIMENTAL = 0x88b5;

    @Test
    void theHandleIsTheCharacterDeviceOfTheInterface(@Dev(ns = "vm", name = "mt0") MacvtapDevice tap,
            @Ns("vm") NetNs vm) throws Exception {
        assertThat(vm.device("mt0", MacvtapDevice.class)).isSameAs(tap);
        assertThat(tap.namespace()).isEqualTo("vm");
        assertThat(tap.name()).isEqualTo("mt0");
        assertThat(tap.index()).isEqualTo(vm.link("mt0").info().index());
        assertThat(vm.link("mt0").info().kind()).isEqualTo("macvtap");
        assertThat(tap.isOpen()).isTrue();
        String major = Files.readAllLines(Path.of("/proc/devices")).stream().map(String::strip)
                .filter(l -> l.endsWith(" macvtap")).map(l -> l.split(" ")[0]).findFirst().orElseThrow();
        assertThat(tap.deviceNumber()).startsWith(major + ":");
        // As the namespace's own sysfs sees it (mounted by a witness in a private mount namespace of its own).
        assertThat(vm.exec("unshare", "--mount", "--propagation", "private", "sh", "-c",
                "mount -t sysfs sysfs /sys && cat /sys/class/macvtap/tap" + tap.index() + "/dev")).succeeded()
                        .stdoutContains(tap.deviceNumber());
        assertThat(vm.exec("ip", "-d", "-o", "link", "show", "mt0")).succeeded().stdoutContains("macvtap mode bridge");
    }

    @Test
    void aFrameWrittenLeavesThroughTheParent(@Dev(ns = "vm", name = "mt0") MacvtapDevice tap, @Ns("host") NetNs host,
            @Ns("wire") NetNs wire) {
        try (Capture parent = host.capture("eth0"); Capture far = wire.capture("eth0")) {
            tap.write(frame("ff:ff:ff:ff:ff:ff", VM_MAC, EXPERIMENTAL, "hello from the vm"));
            PacketMatcher ours = ethernet().src(VM_MAC).dst("ff:ff:ff:ff:ff:ff").etherType(EXPERIMENTAL);
            assertThat(parent).hasPacket(ours).within(WAIT);
            assertThat(far).hasPacket(ours).within(WAIT);
            Packet p = far.packets(ours).get(0);
            assertThat(new String(p.frame(), 14, 17, StandardCharsets.US_ASCII)).isEqualTo("hello from the vm");
        }
    }

    @Test
    void aByteBufferIsWrittenFromItsPositionToItsLimit(@Dev(ns = "vm", name = "mt0") MacvtapDevice tap,
            @Ns("wire") NetNs wire) {
        try (Capture far = wire.capture("eth0")) {
            byte[] f = frame("ff:ff:ff:ff:ff:ff", VM_MAC, EXPERIMENTAL, "buffered");
            ByteBuffer b = ByteBuffer.allocate(f.length + 8);
            b.position(4);
            b.put(f);
            b.flip().position(4);
            tap.write(b);
            assertThat(b.hasRemaining()).isFalse();
            assertThat(far).hasPacket(ethernet().src(VM_MAC).etherType(EXPERIMENTAL)).within(WAIT);
        }
    }

    /** A broadcast on the wire (an ARP request for the VM's address) reaches the tap: the reverse direction. */
    @Test
    void aBroadcastFromTheWireArrives(@Dev(ns = "vm", name = "mt0") MacvtapDevice tap, @Ns("wire") NetNs wire) {
        wire.ping(VM_IP, 1, Duration.ofMillis(200));
        Packet request = awaitFrame(tap, arp().request().target(VM_IP));
        assertThat(request.ethernet().orElseThrow().dst()).isEqualTo("ff:ff:ff:ff:ff:ff");
    }

    /**
     * A unicast UDP datagram for the VM's MAC: read whole, without a {@code virtio_net_hdr} in front, and with its
     * checksum complete (the sender's veth leaves it to "hardware", which the tap must not pass on).
     */
    @Test
    void aUnicastFrameArrivesWholeWithItsChecksumComplete(@Dev(ns = "vm", name = "mt0") MacvtapDevice tap,
            @Ns("wire") NetNs wire) throws Exception {
        assertThat(wire.exec("ip", "neigh", "replace", VM_IP, "lladdr", VM_MAC, "dev", "eth0")).succeeded();
        String wireMac = wire.link("eth0").info().mac();
        byte[] payload = new byte[1400];
        Arrays.fill(payload, (byte) 'x');
        try (DatagramSocket s = wire.datagramSocket(0)) {
            s.send(new DatagramPacket(payload, payload.length, new InetSocketAddress(VM_IP, 9999)));
        }
        Packet p = awaitFrame(tap, io.netns4j.packet.Matchers.udp().dstPort(9999));
        byte[] f = p.frame();
        assertThat(f).hasSize(14 + 20 + 8 + 1400);
        assertThat(p.ethernet().orElseThrow().dst()).isEqualTo(VM_MAC);
        assertThat(p.ethernet().orElseThrow().src()).isEqualTo(wireMac);
        assertThat(udpChecksumOk(f)).as("UDP checksum of %s", p).isTrue();
    }

    @Test
    void aFrameLongerThanTheBufferIsCutAndItsLengthTold(@Dev(ns = "vm", name = "mt0") MacvtapDevice tap,
            @Ns("wire") NetNs wire) throws Exception {
        assertThat(wire.exec("ip", "neigh", "replace", VM_IP, "lladdr", VM_MAC, "dev", "eth0")).succeeded();
        try (DatagramSocket s = wire.datagramSocket(0)) {
            s.send(new DatagramPacket(new byte[100], 100, new InetSocketAddress(VM_IP, 9998)));
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            ByteBuffer small = ByteBuffer.allocate(40);
            int length = tap.read(small, Duration.ofMillis(100));
            if (length == 14 + 20 + 8 + 100 && small.get(12) == 0x08 && small.get(13) == 0x00) {
                assertThat(small.position()).isEqualTo(40);
                assertThat(small.array()).startsWith(HexFormat.ofDelimiter(":").parseHex(VM_MAC));
                return;
            }
        }
        throw new AssertionError("no 142-byte IPv4 frame read within " + WAIT);
    }

    @Test
    void closeWakesABlockedReader(@Dev(ns = "vm", name = "mt0") MacvtapDevice tap) throws Exception {
        CompletableFuture<Optional<byte[]>> reader = CompletableFuture.supplyAsync(() -> {
            while (true) {
                tap.read(Duration.ofSeconds(30)); // whatever arrives, read on until closed
            }
        });
        Thread.sleep(200);
        assertThat(reader).isNotDone();
        long start = System.nanoTime();
        tap.close();
        assertThatThrownBy(() -> reader.get(2, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class).cause()
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is closed");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertThat(tap.isOpen()).isFalse();
        assertThatThrownBy(() -> tap.read(Duration.ZERO)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> tap.write(frame("ff:ff:ff:ff:ff:ff", VM_MAC, EXPERIMENTAL, "late")))
                .isInstanceOf(IllegalStateException.class);
        tap.close(); // again: nothing
    }

    /** A source-mode macvtap listing a sender that never sends: nothing arrives, and a read waits its timeout. */
    @Test
    @NetNamespace("quiet")
    @Macvtap(ns = "quiet", name = "mt1", parent = "eth0", parentNs = "host", mode = MacvlanMode.SOURCE, macaddrs = "02:00:00:00:40:99")
    void aReadWaitsItsTimeout(@Dev(ns = "quiet", name = "mt1") MacvtapDevice quiet, @Ns("wire") NetNs wire) {
        wire.ping("10.40.0.1", 1, Duration.ofMillis(100)); // a broadcast that a listed sender did not send
        long start = System.nanoTime();
        assertThat(quiet.read(Duration.ofMillis(300))).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(290));
        assertThat(quiet.read(ByteBuffer.allocate(2000), Duration.ZERO)).isZero();
    }

    /** Named as an interface of its parent's namespace: created under a temporary name, renamed, then opened. */
    @Test
    @NetNamespace("vm2")
    @Macvtap(ns = "vm2", name = "eth0", parent = "eth0", parentNs = "host", mac = "02:00:00:00:40:78")
    void aNameThatTheParentsNamespaceHasToo(@Dev(ns = "vm2", name = "eth0") MacvtapDevice tap, @Ns("vm2") NetNs vm2,
            @Ns("host") NetNs host, @Ns("wire") NetNs wire) {
        assertThat(tap.index()).isEqualTo(vm2.link("eth0").info().index());
        assertThat(host.links()).extracting(l -> l.name()).containsExactlyInAnyOrder("lo", "eth0");
        wire.ping("10.40.0.78", 1, Duration.ofMillis(100));
        assertThat(awaitFrame(tap, arp().request().target("10.40.0.78"))).isNotNull();
    }

    @Test
    void aRuntFrameIsRefused(@Dev(ns = "vm", name = "mt0") MacvtapDevice tap) {
        assertThatThrownBy(() -> tap.write(new byte[10])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least an Ethernet header, 14 bytes; this one has 10");
        assertThatThrownBy(() -> tap.read(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    /** Built by the programmatic builder, the device is handed over the same way and closed with the topology. */
    @Test
    void theBuilderHandsItOverAndTheTopologyClosesIt() {
        MacvtapDevice tap;
        try (Topology t = Topology.builder().namespace("h").namespace("w").namespace("v")
                .veth("h", "w", o -> o.aName("eth0").bName("eth0").bAddress("10.41.0.254/24"))
                .macvtap("v", "", "eth0", "h", MacvlanMode.PRIVATE).build()) {
            tap = t.ns("v").device("macvtap0", MacvtapDevice.class);
            assertThat(tap.isOpen()).isTrue();
            assertThat(t.ns("v").exec("ip", "-d", "-o", "link", "show", "macvtap0")).succeeded()
                    .stdoutContains("macvtap mode private");
        }
        assertThat(tap.isOpen()).isFalse();
    }

    /**
     * The kernel probe: the link kind, the character devices ({@code macvtap} in {@code /proc/devices}) and the mount
     * API that reaches them are all there on this kernel.
     */
    @Test
    void theKernelHasEverythingAMacvtapNeeds() {
        assertThat(KernelFeatures.missingLinkKind("macvtap")).isEmpty();
        assertThat(CharDevices.characterMajor("macvtap")).isPresent();
        assertThat(CharDevices.characterMajor("no-such-driver")).isEmpty();
        assertThat(CharDevices.unavailabilityCause()).isEmpty();
        TopologySpec spec = new TopologySpec("declared on a unit test",
                List.of(new NamespaceSpec("a", false, "a"), new NamespaceSpec("b", false, "b")),
                List.of(new VethSpec("a", "eth0", List.of(), "b", "eth0", List.of(), 0, "veth")), List.of(),
                List.of(new MacvlanKind.Spec("a", "mt0", "eth0", "", MacvlanMode.BRIDGE, "", List.of(), true, List.of(),
                        "mt0")),
                List.of());
        assertThat(TopologyRuntime.missingFeatures(Validator.validate(spec))).isEmpty();
    }

    /**
     * Device numbers are encoded as glibc's {@code makedev} does, also minors above 255 (macvtap's grow cyclically).
     */
    @Test
    void deviceNumbersAreEncodedAsMakedevDoes() {
        assertThat(DeviceNumber.parse("246:1\n").dev()).isEqualTo(0xf601L);
        assertThat(DeviceNumber.parse("246:300").dev()).isEqualTo((1L << 20) | (246 << 8) | 44);
        assertThat(DeviceNumber.parse("4097:65535").dev()).isEqualTo((1L << 44) | (1L << 8) | (0xffL << 20) | 0xff);
        assertThat(DeviceNumber.parse("246:3")).hasToString("246:3");
        assertThatThrownBy(() -> DeviceNumber.parse("246")).isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------------------------------------------------------

    static byte[] frame(String dst, String src, int etherType, String payload) {
        HexFormat mac = HexFormat.ofDelimiter(":");
        byte[] text = payload.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(Math.max(60, 14 + text.length));
        b.put(mac.parseHex(dst)).put(mac.parseHex(src)).putShort((short) etherType).put(text);
        return b.array();
    }

    /** Reads frames until one matches, for up to {@link #WAIT}; others (IPv6 multicast of the wire...) are skipped. */
    static Packet awaitFrame(MacvtapDevice tap, PacketMatcher matcher) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<String> seen = new java.util.ArrayList<>();
        while (System.nanoTime() < deadline) {
            Optional<byte[]> f = tap.read(Duration.ofMillis(100));
            if (f.isPresent()) {
                Packet p = Packet.decode(LinkType.ETHERNET, f.get());
                if (matcher.matches(p)) {
                    return p;
                }
                seen.add(p.toString());
            }
        }
        throw new AssertionError(
                "no frame matching " + matcher + " read from " + tap + " within " + WAIT + "; read: " + seen);
    }

    /** Whether the UDP checksum of an Ethernet/IPv4/UDP frame is right (or absent). */
    private static boolean udpChecksumOk(byte[] f) {
        int ip = 14;
        int ihl = (f[ip] & 0x0f) * 4;
        int udp = ip + ihl;
        int udpLength = ((f[udp + 4] & 0xff) << 8) | (f[udp + 5] & 0xff);
        if (f[udp + 6] == 0 && f[udp + 7] == 0) {
            return true;
        }
        long sum = 0;
        for (int i = 0; i < 8; i += 2) {
            sum += ((f[ip + 12 + i] & 0xff) << 8) | (f[ip + 12 + i + 1] & 0xff); // source and destination
        }
        sum += 17 + udpLength;
        for (int i = 0; i < udpLength; i += 2) {
            int hi = f[udp + i] & 0xff;
            int lo = i + 1 < udpLength ? f[udp + i + 1] & 0xff : 0;
            sum += (hi << 8) | lo;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return sum == 0xffff;
    }
}
