package io.netns4j.kinds;

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
import io.netns4j.packet.LinkType;
import io.netns4j.packet.Packet;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A multi-queue TAP ({@code queues = 3}): three descriptors, the kernel spreading its flows over them; each queue reads
 * and writes on its own, the device reads from all.
 */
@NetworkTest
@Tag("kernel-tun")
@NetNamespace("a")
@TapDevice(ns = "a", name = "mq0", address = "10.23.0.1/24", queues = 3)
class TapQueuesTest {

    private static final String PEER_MAC = "02:00:00:00:00:02";
    private static final int FLOWS = 48;

    @Test
    void isAMultiQueueDeviceWithOneHandlePerQueue(@Ns("a") NetNs a, @Dev(ns = "a", name = "mq0") Tap tap) {
        assertThat(tap.queues()).isEqualTo(3);
        assertThat(a.exec("ip", "-d", "link", "show", "mq0").stdout()).contains("multi_queue", "LOWER_UP");
        assertThat(tap.queue(2)).isNotNull().hasToString("queue 2 of TAP mq0 in namespace a");
        assertThatThrownBy(() -> tap.queue(3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> tap.queue(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void theKernelSpreadsFlowsOverTheQueues(@Ns("a") NetNs a, @Dev(ns = "a", name = "mq0") Tap tap) throws Exception {
        sendFlows(a);
        int[] perQueue = new int[3];
        int seen = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (seen < FLOWS && System.nanoTime() < deadline) {
            for (int q = 0; q < 3; q++) {
                Optional<byte[]> frame = tap.queue(q).read(Duration.ofMillis(20));
                if (frame.isPresent() && isUdp(frame.get())) {
                    perQueue[q]++;
                    seen++;
                }
            }
        }
        assertThat(seen).isEqualTo(FLOWS);
        // 48 flows hashed onto 3 queues: each queue gets some (all on two queues has odds of about 3 in 10^8).
        assertThat(perQueue).as("frames per queue").doesNotContain(0);
    }

    @Test
    void theDeviceReadsFromEveryQueue(@Ns("a") NetNs a, @Dev(ns = "a", name = "mq0") Tap tap) throws Exception {
        sendFlows(a);
        int seen = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (seen < FLOWS && System.nanoTime() < deadline) {
            Optional<byte[]> frame = tap.read(Duration.ofMillis(100));
            if (frame.isPresent() && isUdp(frame.get())) {
                seen++;
            }
        }
        assertThat(seen).isEqualTo(FLOWS);
    }

    @Test
    void eachQueueWritesAndClosingTheDeviceClosesThemAll(@Ns("a") NetNs a, @Dev(ns = "a", name = "mq0") Tap tap)
            throws Exception {
        String mac = tap.link().info().mac();
        try (DatagramSocket s = a.datagramSocket(7000)) {
            s.setSoTimeout(5000);
            for (int q = 0; q < 3; q++) {
                tap.queue(q).write(ethernet(mac, PEER_MAC, 0x0800, ipv4("10.23.0.2", "10.23.0.1", 17,
                        udp(40000, 7000, ("queue " + q).getBytes(StandardCharsets.UTF_8)))));
            }
            for (int q = 0; q < 3; q++) {
                DatagramPacket p = new DatagramPacket(new byte[100], 100);
                s.receive(p);
                assertThat(new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8)).startsWith("queue ");
            }
        }
        tap.close();
        assertThat(a.links()).extracting(LinkInfo::name).doesNotContain("mq0");
    }

    @Test
    void detachedAndAttachedAgainItHasAllItsQueues(@Ns("a") NetNs a, @Dev(ns = "a", name = "mq0") Tap tap) {
        tap.detach();
        assertThat(tap.carrier()).isFalse();
        tap.attach();
        assertThat(tap.carrier()).isTrue();
        assertThat(tap.queue(2).read(Duration.ZERO)).isNotNull();
        assertThat(a.exec("ip", "-d", "link", "show", "mq0").stdout()).contains("multi_queue", "LOWER_UP");
    }

    /** One datagram from each of {@link #FLOWS} source ports to a neighbour that needs no ARP. */
    private static void sendFlows(NetNs a) throws Exception {
        a.exec("ip", "neigh", "replace", "10.23.0.2", "lladdr", PEER_MAC, "dev", "mq0");
        for (int i = 0; i < FLOWS; i++) {
            try (DatagramSocket s = a.datagramSocket(0)) {
                s.send(new DatagramPacket(new byte[] { 1 }, 1, new InetSocketAddress("10.23.0.2", 9)));
            }
        }
    }

    private static boolean isUdp(byte[] frame) {
        return Packet.decode(LinkType.ETHERNET, frame).udp().isPresent();
    }
}
