package io.netns4j.kinds;

import static io.netns4j.assertj.Assertions.assertThat;
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
import io.netns4j.packet.LinkType;
import io.netns4j.packet.Packet;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Carrier follows the descriptor: a TAP declared {@code attached = false} is up but {@code NO-CARRIER} until
 * {@code attach()}; {@code detach()} takes the carrier away and keeps the device; closing deletes a device unless it is
 * persistent.
 */
@NetworkTest
@Tag("kernel-tun")
@NetNamespace("a")
@TapDevice(ns = "a", name = "tap0", address = "10.22.0.1/24", attached = false)
@TapDevice(ns = "a", name = "tap1", address = "10.22.1.1/24", persistent = true)
@TapDevice(ns = "a", name = "tap2", persistent = true, owner = 4242, group = 4343)
class TapAttachTest {

    @Test
    void aDetachedTapIsUpWithoutCarrier(@Ns("a") NetNs a, @Dev(ns = "a", name = "tap0") Tap tap) {
        assertThat(tap.isAttached()).isFalse();
        assertThat(tap.carrier()).isFalse();
        assertThat(tap.link().info().up()).isTrue();
        assertThat(a).hasInterface("tap0").withAddress("10.22.0.1/24").down();
        assertThat(a.exec("ip", "-d", "link", "show", "tap0")).succeeded().stdoutContains("NO-CARRIER")
                .stdoutContains("state DOWN").stdoutContains("persist on");
        assertThatThrownBy(() -> tap.read(Duration.ZERO)).isInstanceOf(IllegalStateException.class)
                .hasMessage("TAP tap0 in namespace a is detached: call attach() first");
        assertThatThrownBy(() -> tap.setCarrier(true))
                .hasMessage("TAP tap0 in namespace a is detached: call attach() first");
    }

    @Test
    void attachingGivesItCarrierAndItsTraffic(@Ns("a") NetNs a, @Dev(ns = "a", name = "tap0") Tap tap)
            throws Exception {
        tap.attach();
        assertThat(tap.isAttached()).isTrue();
        assertThat(tap.carrier()).isTrue();
        assertThat(a).hasInterface("tap0").up();
        tap.attach();
        assertThat(tap.isAttached()).isTrue();

        try (DatagramSocket s = a.datagramSocket(0)) {
            s.send(new DatagramPacket(new byte[] { 1 }, 1, new InetSocketAddress("10.22.0.2", 9)));
        }
        assertThat(readArpRequest(tap)).isTrue();
    }

    @Test
    void detachingTakesTheCarrierAwayAndKeepsTheDevice(@Ns("a") NetNs a, @Dev(ns = "a", name = "tap1") Tap tap) {
        assertThat(a).hasInterface("tap1").up();
        tap.detach();
        assertThat(tap.isAttached()).isFalse();
        assertThat(tap.carrier()).isFalse();
        assertThat(a).hasInterface("tap1").down();
        tap.detach();
        tap.attach();
        assertThat(a).hasInterface("tap1").up();
    }

    @Test
    void detachingANonPersistentTapKeepsItToo(@Ns("a") NetNs a, @Dev(ns = "a", name = "tap0") Tap tap) {
        tap.attach();
        tap.detach();
        assertThat(a).hasInterface("tap0").down();
        tap.attach();
        assertThat(a).hasInterface("tap0").up();
        tap.close();
        assertThat(a.links()).extracting(LinkInfo::name).doesNotContain("tap0");
    }

    @Test
    void detachingWakesABlockedReader(@Dev(ns = "a", name = "tap1") Tap tap) throws Exception {
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
        tap.detach();
        reader.join(5000);
        assertThat(reader.isAlive()).isFalse();
        assertThat(failure.get()).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("TAP tap1 in namespace a ").hasMessageContaining("detached");
        // Reattached, reads wait again.
        tap.attach();
        long start = System.nanoTime();
        tap.read(Duration.ofMillis(200));
        assertThat(tap.isAttached()).isTrue();
        assertThat(System.nanoTime() - start).isPositive();
    }

    @Test
    void closingADetachedTapDeletesIt(@Ns("a") NetNs a, @Dev(ns = "a", name = "tap0") Tap tap) {
        tap.close();
        assertThat(a.links()).extracting(LinkInfo::name).doesNotContain("tap0");
    }

    @Test
    void closingAPersistentTapKeepsItWithoutCarrier(@Ns("a") NetNs a, @Dev(ns = "a", name = "tap1") Tap tap) {
        tap.close();
        assertThat(a).hasInterface("tap1").withAddress("10.22.1.1/24").down();
        assertThat(a.exec("ip", "-d", "link", "show", "tap1")).stdoutContains("NO-CARRIER")
                .stdoutContains("persist on");
    }

    @Test
    void ownerAndGroupAreSet(@Ns("a") NetNs a) {
        assertThat(a.exec("ip", "-d", "link", "show", "tap2")).succeeded().stdoutContains("user 4242")
                .stdoutContains("group 4343");
    }

    private static boolean readArpRequest(Tap tap) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<byte[]> frame = tap.read(Duration.ofMillis(100));
            if (frame.isPresent() && Packet.decode(LinkType.ETHERNET, frame.get()).arp().isPresent()) {
                return true;
            }
        }
        return false;
    }
}
