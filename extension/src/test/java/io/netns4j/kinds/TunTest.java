package io.netns4j.kinds;

import static io.netns4j.assertj.Assertions.assertThat;
import static io.netns4j.kinds.TunTapFrames.ipv4;
import static io.netns4j.kinds.TunTapFrames.udp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netns4j.LinkInfo;
import io.netns4j.NetNs;
import io.netns4j.NetworkTest;
import io.netns4j.RouteInfo;
import io.netns4j.Tun;
import io.netns4j.annotations.Dev;
import io.netns4j.annotations.NetNamespace;
import io.netns4j.annotations.Ns;
import io.netns4j.annotations.TunDevice;
import io.netns4j.packet.Ip;
import io.netns4j.packet.LinkType;
import io.netns4j.packet.Packet;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * TUN devices declared with {@code @TunDevice}: IP packets routed out of the device are read from the handle, packets
 * written to it arrive; a point-to-point peer, the packet information header, a default name.
 */
@NetworkTest
@Tag("kernel-tun")
@NetNamespace("a")
@TunDevice(ns = "a", name = "tun0", address = "10.30.0.1/24")
@TunDevice(ns = "a", name = "tun1", address = "10.31.0.1/32", peer = "10.31.0.2")
@TunDevice(ns = "a", name = "tun2", address = "10.32.0.1/24", packetInfo = true)
@TunDevice(ns = "a")
class TunTest {

    @Test
    void isBuiltInItsNamespaceUpWithCarrier(@Ns("a") NetNs a, @Dev(ns = "a", name = "tun0") Tun tun) {
        assertThat(tun.carrier()).isTrue();
        assertThat(a).hasInterface("tun0").withAddress("10.30.0.1/24").up();
        assertThat(a.exec("ip", "-d", "link", "show", "tun0")).succeeded().stdoutContains("POINTOPOINT")
                .stdoutContains("tun type tun pi off").stdoutContains("persist off");
        assertThat(tun).hasToString("TUN tun0 in namespace a");
    }

    @Test
    void aDeviceWithoutANameGetsTheFirstFreeTunName(@Ns("a") NetNs a) {
        assertThat(a.device("tun3", Tun.class).name()).isEqualTo("tun3");
        assertThat(a).hasInterface("tun3").up();
    }

    @Test
    void readsThePacketsRoutedOutOfIt(@Ns("a") NetNs a, @Dev(ns = "a", name = "tun0") Tun tun) throws Exception {
        try (DatagramSocket s = a.datagramSocket(0)) {
            s.send(new DatagramPacket(text("out"), 3, new InetSocketAddress("10.30.0.2", 9)));
        }
        Packet p = readUntil(tun, LinkType.RAW_IP, q -> q.udp().isPresent());
        Ip ip = p.ip().orElseThrow();
        assertThat(ip.src()).isEqualTo(InetAddress.getByName("10.30.0.1"));
        assertThat(ip.dst()).isEqualTo(InetAddress.getByName("10.30.0.2"));
        assertThat(p.udp().orElseThrow().dstPort()).isEqualTo(9);
    }

    @Test
    void packetsWrittenToItArriveInTheNamespace(@Ns("a") NetNs a, @Dev(ns = "a", name = "tun0") Tun tun)
            throws Exception {
        try (DatagramSocket s = a.datagramSocket(7001)) {
            s.setSoTimeout(5000);
            tun.write(ipv4("10.30.0.2", "10.30.0.1", 17, udp(40000, 7001, text("in"))));
            DatagramPacket p = new DatagramPacket(new byte[100], 100);
            s.receive(p);
            assertThat(new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8)).isEqualTo("in");
            assertThat(p.getAddress()).isEqualTo(InetAddress.getByName("10.30.0.2"));
        }
    }

    @Test
    void aPeerMakesAPointToPointLinkRoutedThroughTheDevice(@Ns("a") NetNs a, @Dev(ns = "a", name = "tun1") Tun tun)
            throws Exception {
        assertThat(a.exec("ip", "-o", "addr", "show", "dev", "tun1"))
                .stdoutContains("inet 10.31.0.1 peer 10.31.0.2/32");
        assertThat(a.routes()).extracting(RouteInfo::destination, RouteInfo::device)
                .contains(org.assertj.core.groups.Tuple.tuple("10.31.0.2/32", "tun1"));
        try (DatagramSocket s = a.datagramSocket(0)) {
            s.send(new DatagramPacket(text("p2p"), 3, new InetSocketAddress("10.31.0.2", 9)));
        }
        assertThat(readUntil(tun, LinkType.RAW_IP, q -> q.udp().isPresent()).ip().orElseThrow().dst())
                .isEqualTo(InetAddress.getByName("10.31.0.2"));
    }

    @Test
    void withPacketInformationEachPacketStartsWithFlagsAndProtocol(@Ns("a") NetNs a,
            @Dev(ns = "a", name = "tun2") Tun tun) throws Exception {
        assertThat(a.exec("ip", "-d", "link", "show", "tun2")).stdoutContains("pi on");
        try (DatagramSocket s = a.datagramSocket(7002)) {
            s.send(new DatagramPacket(text("pi"), 2, new InetSocketAddress("10.32.0.2", 9)));
            byte[] withHeader = readRawUntil(tun, f -> f.length > 4
                    && Packet.decode(LinkType.RAW_IP, Arrays.copyOfRange(f, 4, f.length)).udp().isPresent());
            // struct tun_pi: flags 0, protocol ETH_P_IP.
            assertThat(Arrays.copyOf(withHeader, 4)).containsExactly(0, 0, 0x08, 0x00);

            s.setSoTimeout(5000);
            byte[] packet = ipv4("10.32.0.2", "10.32.0.1", 17, udp(40000, 7002, text("pi in")));
            byte[] framed = new byte[4 + packet.length];
            framed[2] = 0x08;
            System.arraycopy(packet, 0, framed, 4, packet.length);
            tun.write(framed);
            DatagramPacket p = new DatagramPacket(new byte[100], 100);
            s.receive(p);
            assertThat(new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8)).isEqualTo("pi in");
        }
    }

    @Test
    void aPacketThatIsNeitherIpv4NorIpv6IsRefusedByTheKernel(@Dev(ns = "a", name = "tun0") Tun tun) {
        byte[] notIp = new byte[40];
        notIp[0] = 0x50;
        assertThatThrownBy(() -> tun.write(notIp)).isInstanceOf(UncheckedIOException.class).hasMessageStartingWith(
                "java.io.IOException: Writing a frame of 40 bytes to TUN tun0 in namespace a" + " failed: write(")
                .hasMessageEndingWith("failed: EINVAL (Invalid argument)");
        assertThatThrownBy(() -> tun.write(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void closingDeletesIt(@Ns("a") NetNs a, @Dev(ns = "a", name = "tun0") Tun tun) {
        tun.close();
        assertThat(a.links()).extracting(LinkInfo::name).doesNotContain("tun0").contains("tun1", "tun2", "tun3");
    }

    private static Packet readUntil(Tun tun, LinkType type, Predicate<Packet> wanted) {
        return Packet.decode(type, readRawUntil(tun, f -> wanted.test(Packet.decode(type, f))));
    }

    private static byte[] readRawUntil(Tun tun, Predicate<byte[]> wanted) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<byte[]> packet = tun.read(Duration.ofMillis(100));
            if (packet.isPresent() && wanted.test(packet.get())) {
                return packet.get();
            }
        }
        throw new AssertionError("no such packet on " + tun + " within 5 s");
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
