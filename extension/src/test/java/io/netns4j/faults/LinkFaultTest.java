package io.netns4j.faults;

import static io.netns4j.assertj.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netns4j.Link;
import io.netns4j.NetNs;
import io.netns4j.PingResult;
import io.netns4j.Topology;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Link-level faults: a pulled cable (down/up) and an MTU change, seen from both ends, with {@code ip} as witness. */
@DisplayName("link faults")
class LinkFaultTest {

    private Topology net;
    private NetNs a;
    private NetNs b;

    @BeforeEach
    void build() {
        net = Topology.builder().namespace("a").namespace("b").veth("a", "10.4.0.1/24", "b", "10.4.0.2/24").build();
        a = net.ns("a");
        b = net.ns("b");
    }

    @AfterEach
    void close() {
        net.close();
    }

    @Test
    @DisplayName("down() on one end: the peer loses its carrier and traffic stops; up() brings both back")
    void cablePulled() {
        Link end = a.link("eth0");
        end.down();
        assertThat(end.info().up()).isFalse();
        await().atMost(Duration.ofSeconds(2)).untilAsserted(
                () -> assertThat(b.exec("ip", "-o", "link", "show", "dev", "eth0").stdout()).contains("NO-CARRIER"));
        // The operational state follows the carrier a moment later (the kernel's link-watch work).
        await().atMost(Duration.ofSeconds(2)).until(() -> !b.link("eth0").info().isOperationallyUp());
        PingResult lost = b.ping("10.4.0.1", 2, Duration.ofMillis(300));
        assertThat(lost.received()).isZero();
        end.up();
        assertThat(b).eventually().canPing("10.4.0.1");
        await().atMost(Duration.ofSeconds(2)).until(() -> b.link("eth0").info().isOperationallyUp());
    }

    @Test
    @DisplayName("setMtu(): the kernel reports the new MTU and large datagrams leave fragmented")
    void mtu() throws Exception {
        a.link("eth0").setMtu(1280);
        assertThat(a.link("eth0").info().mtu()).isEqualTo(1280);
        assertThat(a.exec("ip", "-o", "link", "show", "dev", "eth0").stdout()).contains("mtu 1280");
        io.netns4j.Capture capture = b.capture("eth0");
        try (capture; var rx = b.datagramSocket(7300); var tx = a.datagramSocket(0)) {
            byte[] big = new byte[2000];
            tx.send(new java.net.DatagramPacket(big, big.length, java.net.InetAddress.getByName("10.4.0.2"), 7300));
            rx.setSoTimeout(2000);
            java.net.DatagramPacket got = new java.net.DatagramPacket(new byte[4000], 4000);
            rx.receive(got);
            assertThat(got.getLength()).isEqualTo(2000);
        }
        assertThat(capture.packets()).filteredOn(p -> p.originalLength() > 1000).isNotEmpty()
                .allSatisfy(p -> assertThat(p.originalLength()).isLessThanOrEqualTo(1280 + 14));
    }
}
