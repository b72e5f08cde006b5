package io.netns4j.assertj;

import static io.netns4j.assertj.Assertions.assertThat;
import static io.netns4j.packet.Matchers.incoming;
import static io.netns4j.packet.Matchers.tcp;
import static io.netns4j.packet.Matchers.udp;
import static java.lang.String.format;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netns4j.Capture;
import io.netns4j.NetNs;
import io.netns4j.Topology;
import io.netns4j.internal.runtime.FailureArtifacts;
import io.netns4j.packet.PacketMatcher;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CaptureAssert} on a real capture of real datagrams, every failure message checked whole.
 *
 * <p>
 * A failure lists the last packets captured, so the capture must hold nothing but the test's own traffic: it runs on
 * {@code lo} of a namespace, where only the test sends, from a fixed port to a fixed port. (A veth end carries IPv6
 * router solicitations, MLD reports and ARP whenever the kernel chooses, and would make the list vary.) On {@code lo}
 * each datagram is captured twice, as sent and as received; {@link #ONE_WAY} counts it once. The pcap a failure writes
 * goes to the test's {@link TempDir}, named by {@link FailureArtifacts} after the capture.
 */
@DisplayName("CaptureAssert")
class CaptureAssertTest {

    private static final int FROM = 40001;
    private static final int TO = 40002;
    private static final String SEEN = "127.0.0.1.40001 > 127.0.0.1.40002: UDP len 5";
    /** The test's datagrams, as received: once each. */
    private static final PacketMatcher ONE_WAY = udp().dstPort(TO).and(incoming());

    private static Topology net;
    private static NetNs client;

    @TempDir
    Path reports;

    private DatagramSocket sender;
    private DatagramSocket receiver;
    private Capture capture;

    @BeforeAll
    static void build() {
        net = Topology.builder().namespace("client").build();
        client = net.ns("client");
    }

    @AfterAll
    static void tearDown() {
        if (net != null) {
            net.close();
        }
    }

    @BeforeEach
    void open() throws IOException {
        FailureArtifacts.setCurrentTest(reports);
        sender = client.datagramSocket(FROM);
        receiver = client.datagramSocket(TO);
        capture = client.capture("lo");
    }

    @AfterEach
    void close() {
        FailureArtifacts.setCurrentTest(null);
        capture.close();
        sender.close();
        receiver.close();
    }

    /** Sends {@code n} datagrams of 5 bytes and waits until the capture holds them, both ways. */
    private void send(int n) throws IOException {
        int before = capture.packets().size();
        byte[] data = "hello".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < n; i++) {
            sender.send(new DatagramPacket(data, data.length, new InetSocketAddress("127.0.0.1", TO)));
        }
        await("the capture to hold the datagrams").atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(5))
                .until(() -> capture.packets().size() == before + 2 * n);
    }

    /** Where a failure keeps the capture's packets. */
    private Path pcap() {
        return reports.resolve("client-lo-" + Integer.toHexString(System.identityHashCode(capture)) + ".pcap");
    }

    private static String lines(int n) {
        return String.join(format("%n"), java.util.Collections.nCopies(n, "  " + SEEN));
    }

    // ---- hasPacket(...).within(...)

    @Test
    void hasPacketPassesWhenAMatchingPacketComesDuringTheWait() throws Exception {
        Thread later = new Thread(() -> {
            try {
                Thread.sleep(200);
                send(1);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        later.start();
        try {
            assertThat(capture).hasPacket(udp().dstPort(TO)).within(Duration.ofSeconds(2));
        } finally {
            later.join();
        }
    }

    @Test
    void hasPacketFailsListingWhatWasSeen() throws Exception {
        send(1);
        assertThatThrownBy(() -> assertThat(capture).hasPacket(tcp().dstPort(TO)).within(Duration.ofMillis(200)))
                .isInstanceOf(AssertionError.class)
                .hasMessage(format(
                        "%nExpecting capture on lo in namespace client%nto have a packet matching:%n"
                                + "  tcp dst port 40002%nwithin 200 ms, but none of its 2 packets did.%n"
                                + "Last packets seen (2 of 2):%n%s%nDropped by the kernel: 0%npcap: %s",
                        lines(2), pcap()));
        org.assertj.core.api.Assertions.assertThat(pcap()).isRegularFile();
    }

    @Test
    void hasPacketFailsOnAnEmptyCapture() {
        assertThatThrownBy(() -> assertThat(capture).hasPacket(udp()).within(Duration.ofMillis(100)))
                .isInstanceOf(AssertionError.class)
                .hasMessage(format("%nExpecting capture on lo in namespace client%nto have a packet matching:%n"
                        + "  udp%nwithin 100 ms, but none of its 0 packets did.%n"
                        + "Last packets seen (0 of 0):%n  (none)%nDropped by the kernel: 0%npcap: %s", pcap()));
    }

    @Test
    void aFailurePointsAtTheTestNotAtTheAssertClasses() {
        assertThatThrownBy(() -> assertThat(capture).hasPacket(udp()).within(Duration.ofMillis(10)))
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(e.getStackTrace()[0].getClassName())
                        .isEqualTo(CaptureAssertTest.class.getName()));
    }

    // ---- hasNoPacket(...).during(...)

    @Test
    void hasNoPacketPassesWhenNoMatchingPacketComes() throws Exception {
        send(1);
        assertThat(capture).hasNoPacket(tcp()).during(Duration.ofMillis(200));
    }

    @Test
    void hasNoPacketFailsNamingThePacketSeen() throws Exception {
        send(1);
        assertThatThrownBy(() -> assertThat(capture).hasNoPacket(udp().dstPort(TO)).during(Duration.ofMillis(200)))
                .isInstanceOf(AssertionError.class)
                .hasMessage(format(
                        "%nExpecting capture on lo in namespace client%nto have no packet matching:%n"
                                + "  udp dst port 40002%nduring 200 ms, but it saw:%n  %s%n"
                                + "Last packets seen (2 of 2):%n%s%nDropped by the kernel: 0%npcap: %s",
                        SEEN, lines(2), pcap()));
    }

    // ---- hasPackets(...).count(n) / .atLeast(n)

    @Test
    void countPassesOnTheExactNumber() throws Exception {
        send(3);
        assertThat(capture).hasPackets(ONE_WAY).count(3).hasPackets(udp().dstPort(TO)).count(6).hasPackets(tcp())
                .count(0);
    }

    @Test
    void countFailsWhenThereAreMore() throws Exception {
        send(3);
        assertThatThrownBy(() -> assertThat(capture).hasPackets(ONE_WAY).count(2)).isInstanceOf(AssertionError.class)
                .hasMessage(format(
                        "%nExpecting capture on lo in namespace client%nto have 2 packets matching:%n"
                                + "  (udp dst port 40002) and (incoming)%nbut it has 3.%n"
                                + "Last packets seen (5 of 6):%n%s%nDropped by the kernel: 0%npcap: %s",
                        lines(5), pcap()));
    }

    @Test
    void atLeastPassesOnThatNumberOrMore() throws Exception {
        send(3);
        assertThat(capture).hasPackets(ONE_WAY).atLeast(3).hasPackets(ONE_WAY).atLeast(2);
    }

    @Test
    void atLeastFailsWhenFewerComeWithinTheWait() throws Exception {
        // waits CaptureAssert.COUNT_WAIT (2 s) for the second datagram
        send(1);
        assertThatThrownBy(() -> assertThat(capture).hasPackets(ONE_WAY).atLeast(2)).isInstanceOf(AssertionError.class)
                .hasMessage(format(
                        "%nExpecting capture on lo in namespace client%nto have at least 2 packets matching:%n"
                                + "  (udp dst port 40002) and (incoming)%nbut it has 1.%n"
                                + "Last packets seen (2 of 2):%n%s%nDropped by the kernel: 0%npcap: %s",
                        lines(2), pcap()));
        org.assertj.core.api.Assertions.assertThat(Files.size(pcap())).as("pcap size").isGreaterThan(24);
    }
}
