package io.netns4j.kinds;

import static io.netns4j.assertj.Assertions.assertThat;
import static io.netns4j.kinds.TunTapFrames.ethernet;
import static io.netns4j.kinds.TunTapFrames.ipv4;
import static io.netns4j.kinds.TunTapFrames.udp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netns4j.LinkInfo;
import io.netns4j.NetNs;
import io.netns4j.NetworkTest;
import io.netns4j.Tap;
import io.netns4j.annotations.Dev;
import io.netns4j.annotations.NetNamespace;
import io.netns4j.annotations.Ns;
import io.netns4j.annotations.TapDevice;
import io.netns4j.packet.Arp;
import io.netns4j.packet.LinkType;
import io.netns4j.packet.Packet;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A TAP device declared with {@code @TapDevice}: built in its namespace with its descriptor attached, so up with
 * carrier; frames sent out of it are read from the handle, frames written to the handle arrive; a blocked read wakes
 * when the handle closes, and the device goes with it.
 */
@NetworkTest
@Tag("kernel-tun")
@NetNamespace("a")
@TapDevice(ns = "a", name = "tap0", address = "10.20.0.1/24")
class TapTest {

    private static final String PEER_MAC = "02:00:00:00:00:02";

    @Test
    void isBuiltInItsNamespaceUpWithCarrier(@Ns("a") NetNs a, @Dev(ns = "a", name = "tap0") Tap tap) {
        assertThat(tap.name()).isEqualTo("tap0");
        assertThat(tap.namespace()).isSameAs(a);
        assertThat(tap.isAttached()).isTrue();
        assertThat(tap.carrier()).isTrue();
        assertThat(tap.queues()).isEqualTo(1);
        assertThat(a).hasInterface("tap0").withAddress("10.20.0.1/24").up();
        assertThat(a.exec("ip", "-d", "link", "show", "tap0")).succeeded().stdoutContains("LOWER_UP")
                .stdoutContains("tun type tap pi off").stdoutContains("persist off");
        assertThat(a.device("tap0", Tap.class)).isSameAs(tap);
        assertThat(tap.toString()).isEqualTo("TAP tap0 in namespace a");
    }

    @Test
    void readsTheFramesTheNamespaceSendsOut(@Ns("a") NetNs a, @Dev(ns = "a", name = "tap0") Tap tap) throws Exception {
        // 10.20.0.2 has no neighbour entry: sending to it makes the kernel ask with an ARP request out of tap0.
        try (DatagramSocket s = a.datagramSocket(0)) {
            s.send(new DatagramPacket(new byte[] { 1 }, 1, new InetSocketAddress("10.20.0.2", 9)));
        }
        Packet request = readUntil(tap, p -> p.arp().isPresent());
        Arp arp = request.arp().orElseThrow();
        assertThat(arp.operation()).isEqualTo(Arp.Operation.REQUEST);
        assertThat(arp.targetIp()).isEqualTo(InetAddress.getByName("10.20.0.2"));
        assertThat(arp.senderIp()).isEqualTo(InetAddress.getByName("10.20.0.1"));
        assertThat(arp.senderMac()).isEqualTo(tap.link().info().mac());
    }

    @Test
    void framesWrittenToTheHandleArriveInTheNamespace(@Ns("a") NetNs a, @Dev(ns = "a", name = "tap0") Tap tap)
            throws Exception {
        String mac = tap.link().info().mac();
        try (DatagramSocket s = a.datagramSocket(7000)) {
            s.setSoTimeout(5000);
            tap.write(
                    ethernet(mac, PEER_MAC, 0x0800, ipv4("10.20.0.2", "10.20.0.1", 17, udp(40000, 7000, text("one")))));
            ByteBuffer direct = ByteBuffer.allocateDirect(100);
            direct.put(
                    ethernet(mac, PEER_MAC, 0x0800, ipv4("10.20.0.2", "10.20.0.1", 17, udp(40000, 7000, text("two")))))
                    .flip();
            tap.write(direct);
            assertThat(direct.hasRemaining()).isFalse();
            ByteBuffer sliced = ByteBuffer.wrap(new byte[200]).position(5).slice();
            sliced.put(ethernet(mac, PEER_MAC, 0x0800,
                    ipv4("10.20.0.2", "10.20.0.1", 17, udp(40000, 7000, text("three"))))).flip();
            tap.write(sliced);
            assertThat(sliced.hasRemaining()).isFalse();

            for (String expected : new String[] { "one", "two", "three" }) {
                DatagramPacket p = new DatagramPacket(new byte[100], 100);
                s.receive(p);
                assertThat(new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8)).isEqualTo(expected);
                assertThat(p.getAddress()).isEqualTo(InetAddress.getByName("10.20.0.2"));
            }
        }
    }

    @Test
    void aFrameTooShortForEthernetIsRefused(@Dev(ns = "a", name = "tap0") Tap tap) {
        assertThatThrownBy(() -> tap.write(new byte[10])).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A frame of TAP tap0 in namespace a is at least 14 bytes (an Ethernet header); this one has"
                        + " 10. Write the destination and source MAC addresses, the EtherType, then the payload.");
    }

    @Test
    void readsIntoAByteBufferAndTellsTheWholeLength(@Ns("a") NetNs a, @Dev(ns = "a", name = "tap0") Tap tap)
            throws Exception {
        a.exec("ip", "neigh", "replace", "10.20.0.2", "lladdr", PEER_MAC, "dev", "tap0");
        byte[] payload = new byte[300];
        try (DatagramSocket s = a.datagramSocket(0)) {
            s.send(new DatagramPacket(payload, payload.length, new InetSocketAddress("10.20.0.2", 9)));
            s.send(new DatagramPacket(payload, payload.length, new InetSocketAddress("10.20.0.2", 9)));
        }
        int whole = 14 + 20 + 8 + payload.length;
        ByteBuffer small = ByteBuffer.allocate(64);
        assertThat(readUdpInto(tap, small)).isEqualTo(whole);
        assertThat(small.position()).isEqualTo(64);

        ByteBuffer big = ByteBuffer.allocateDirect(2000);
        assertThat(readUdpInto(tap, big)).isEqualTo(whole);
        assertThat(big.position()).isEqualTo(whole);
    }

    @Test
    void aReadWithNothingToReadReturnsEmptyAfterItsTimeout(@Ns("a") NetNs a, @Dev(ns = "a", name = "tap0") Tap tap)
            throws Exception {
        // Keep the kernel's own IPv6 chatter (router solicitations, MLD reports) off the device, and drop what came.
        a.exec("sysctl", "-qw", "net.ipv6.conf.tap0.disable_ipv6=1");
        while (tap.read(Duration.ofMillis(50)).isPresent()) {
            // drain
        }
        assertThat(tap.read(Duration.ZERO)).isEmpty();
        long start = System.nanoTime();
        assertThat(tap.read(Duration.ofMillis(300))).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(290));
        assertThat(tap.read(ByteBuffer.allocate(100), Duration.ofMillis(10))).isZero();
        assertThatThrownBy(() -> tap.read(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void closingFromAnotherThreadWakesABlockedReaderAndDeletesTheDevice(@Ns("a") NetNs a,
            @Dev(ns = "a", name = "tap0") Tap tap) throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                while (true) {
                    tap.read(Duration.ofSeconds(30));
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "tap-reader");
        reader.start();
        Thread.sleep(200);
        assertThat(reader.isAlive()).isTrue();

        long start = System.nanoTime();
        tap.close();
        reader.join(5000);
        assertThat(reader.isAlive()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(failure.get()).isInstanceOf(IllegalStateException.class)
                .hasMessage("TAP tap0 in namespace a was closed while a read waited");

        assertThat(a.links()).extracting(LinkInfo::name).doesNotContain("tap0");
        assertThat(tap.isAttached()).isFalse();
        tap.close();
        assertThatThrownBy(() -> tap.read(Duration.ZERO)).isInstanceOf(IllegalStateException.class)
                .hasMessage("TAP tap0 in namespace a is closed");
        assertThatThrownBy(() -> tap.write(new byte[60])).hasMessage("TAP tap0 in namespace a is closed");
        assertThatThrownBy(tap::attach).hasMessage("TAP tap0 in namespace a is closed");
    }

    @Test
    void anInterruptedReaderStopsWaiting(@Dev(ns = "a", name = "tap0") Tap tap) throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                while (true) {
                    tap.read(Duration.ofSeconds(30));
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "tap-reader");
        reader.start();
        Thread.sleep(100);
        reader.interrupt();
        reader.join(5000);
        assertThat(reader.isAlive()).isFalse();
        assertThat(failure.get()).isInstanceOf(IllegalStateException.class)
                .hasMessage("Interrupted while reading TAP tap0 in namespace a");
        assertThat(tap.isAttached()).isTrue();
    }

    @Test
    void theCarrierCanBeSwitchedOffAndOnWhileAttached(@Ns("a") NetNs a, @Dev(ns = "a", name = "tap0") Tap tap) {
        tap.setCarrier(false);
        assertThat(tap.carrier()).isFalse();
        assertThat(a).hasInterface("tap0").down();
        assertThat(a.exec("ip", "link", "show", "tap0")).stdoutContains("NO-CARRIER");
        tap.setCarrier(true);
        assertThat(tap.carrier()).isTrue();
        assertThat(a).hasInterface("tap0").up();
    }

    private static Packet readUntil(Tap tap, Predicate<Packet> wanted) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<byte[]> frame = tap.read(Duration.ofMillis(100));
            if (frame.isPresent()) {
                Packet p = Packet.decode(LinkType.ETHERNET, frame.get());
                if (wanted.test(p)) {
                    return p;
                }
            }
        }
        throw new AssertionError("no such frame on " + tap + " within 5 s");
    }

    /** Reads frames into {@code dst} until one is a UDP datagram; returns its length. */
    private static int readUdpInto(Tap tap, ByteBuffer dst) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            int start = dst.position();
            int n = tap.read(dst, Duration.ofMillis(100));
            // EtherType IPv4 and IP protocol UDP.
            if (n > 0 && dst.get(start + 12) == 0x08 && dst.get(start + 13) == 0 && dst.get(start + 14 + 9) == 17) {
                return n;
            }
            dst.position(start);
        }
        throw new AssertionError("no UDP datagram on " + tap + " within 5 s");
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
