package io.netns4j.samples.kinds;

import static org.assertj.core.api.Assertions.assertThat;

import io.netns4j.LinkInfo;
import io.netns4j.NetNs;
import io.netns4j.NetworkTest;
import io.netns4j.Tap;
import io.netns4j.annotations.Dev;
import io.netns4j.annotations.NetNamespace;
import io.netns4j.annotations.Ns;
import io.netns4j.annotations.TapDevice;
import io.netns4j.packet.LinkType;
import io.netns4j.packet.Packet;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A TAP device is a network cable whose far end is a program: a virtual machine's monitor, a VPN daemon, or a test. Its
 * carrier is that program: until one opens the device, the device is {@code NO-CARRIER}, however up it is.
 *
 * <pre>
 *   namespace "vm"
 *   tap0 10.77.0.1/24  ~~~ descriptor of /dev/net/tun ~~~  (nobody, then the test)
 * </pre>
 *
 * <p>
 * {@code @TapDevice} creates the device inside namespace {@code vm} (the library opens {@code /dev/net/tun} on a thread
 * inside it: a TAP lands in the namespace of the thread that opened it, never in the host's), gives it its address and
 * brings it up. With {@code attached = false} it then lets go of the descriptor, as a VM that is not started yet would:
 * the device stays (it is persistent), administratively up, without carrier, operationally {@code DOWN}.
 * {@link Tap#attach()} opens it again, as the VM starting would: the carrier comes, the device is operationally
 * {@code UP}, and the frames the namespace sends out of it reach the reader.
 */
@NetworkTest
@NetNamespace("vm")
@TapDevice(ns = "vm", name = "tap0", address = "10.77.0.1/24", attached = false)
class TapCarrierTest {

    @Test
    void isDownWithoutCarrierUntilAReaderAttachesAndUpAfter(@Ns("vm") NetNs vm, @Dev(ns = "vm", name = "tap0") Tap tap)
            throws Exception {
        LinkInfo before = tap.link().info();
        assertThat(before.up()).as("administratively up").isTrue();
        assertThat(before.operState()).isEqualTo("DOWN");
        assertThat(tap.carrier()).isFalse();
        assertThat(vm.exec("ip", "link", "show", "tap0").stdout()).contains("NO-CARRIER", "state DOWN");
        assertThat(vm.exec("ip", "-o", "addr", "show", "tap0").stdout()).contains("inet 10.77.0.1/24");

        tap.attach();

        LinkInfo after = tap.link().info();
        assertThat(after.operState()).isEqualTo("UP");
        assertThat(tap.carrier()).isTrue();
        assertThat(vm.exec("ip", "link", "show", "tap0").stdout()).contains("LOWER_UP", "state UP")
                .doesNotContain("NO-CARRIER");

        // And the reader gets what the namespace sends: the ARP request for a neighbour on the cable.
        try (DatagramSocket socket = vm.datagramSocket(0)) {
            socket.send(new DatagramPacket(new byte[] { 1 }, 1, new InetSocketAddress("10.77.0.2", 9)));
        }
        assertThat(firstArpRequest(tap).arp().orElseThrow().targetIp().getHostAddress()).isEqualTo("10.77.0.2");
    }

    @Test
    void losesTheCarrierAgainWhenTheReaderLetsGo(@Ns("vm") NetNs vm, @Dev(ns = "vm", name = "tap0") Tap tap) {
        tap.attach();
        assertThat(tap.link().info().operState()).isEqualTo("UP");

        tap.detach();

        assertThat(tap.carrier()).isFalse();
        assertThat(tap.link().info().operState()).isEqualTo("DOWN");
        assertThat(vm.exec("ip", "link", "show", "tap0").stdout()).contains("NO-CARRIER");
    }

    private static Packet firstArpRequest(Tap tap) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            // The kernel's own IPv6 chatter (router solicitations, MLD reports) comes out of the device too.
            Optional<byte[]> frame = tap.read(Duration.ofMillis(200));
            if (frame.isPresent()) {
                Packet p = Packet.decode(LinkType.ETHERNET, frame.get());
                if (p.arp().isPresent()) {
                    return p;
                }
            }
        }
        throw new AssertionError("no ARP request came out of " + tap + " within 5 s");
    }
}
