package io.netns4j;

import static io.netns4j.packet.Matchers.icmp;
import static io.netns4j.packet.Matchers.udp;
import static org.assertj.core.api.Assertions.assertThat;

import io.netns4j.packet.LinkType;
import io.netns4j.packet.Packet;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureTest {

    private Topology net;

    @BeforeEach
    void build() {
        net = Topology.builder().namespace("client").namespace("server")
                .veth("client", "10.0.0.1/24", "server", "10.0.0.2/24").build();
    }

    @AfterEach
    void tearDown() {
        net.close();
    }

    @Test
    void seesEveryEchoRequestAndReplyOnTheInterface() throws Exception {
        // Closed by hand to read what it holds afterwards; the topology's teardown would close it too.
        Capture capture = net.ns("server").capture("eth0");
        assertThat(capture.linkType()).isEqualTo(LinkType.ETHERNET);
        assertThat(net.ns("client").ping("10.0.0.2").received()).isEqualTo(3);
        assertThat(capture.awaitPacket(icmp().echoReply().dst("10.0.0.1"), Duration.ofSeconds(2))).isPresent();
        capture.close();
        assertThat(capture.packets(icmp().echoRequest())).hasSize(3);
        assertThat(capture.packets(icmp().echoReply())).hasSize(3);
        assertThat(capture.dropped()).isZero();
    }

    @Test
    void listensBeforeItReturns() throws Exception {
        // The datagram is sent right after capture() returns: it must be there.
        for (int i = 0; i < 20; i++) {
            try (Capture capture = net.ns("server").capture("eth0");
                    DatagramSocket s = net.ns("client").datagramSocket(0)) {
                byte[] data = ("probe " + i).getBytes();
                s.send(new DatagramPacket(data, data.length, new InetSocketAddress("10.0.0.2", 9999)));
                assertThat(capture.awaitPacket(udp().dstPort(9999), Duration.ofSeconds(2))).as("datagram %d", i)
                        .isPresent();
            }
        }
    }

    @Test
    void capturesEveryInterfaceInCookedForm() throws Exception {
        try (Capture capture = net.ns("client").capture()) {
            assertThat(capture.linkType()).isEqualTo(LinkType.LINUX_SLL);
            net.ns("client").ping("10.0.0.2", 1, Duration.ofSeconds(1));
            net.ns("client").ping("127.0.0.1", 1, Duration.ofSeconds(1));
            Packet onEth0 = capture.awaitPacket(icmp().echoRequest().dst("10.0.0.2"), Duration.ofSeconds(2))
                    .orElseThrow();
            Packet onLo = capture.awaitPacket(icmp().echoRequest().dst("127.0.0.1"), Duration.ofSeconds(2))
                    .orElseThrow();
            assertThat(onEth0.interfaceName()).hasValue("eth0");
            assertThat(onLo.interfaceName()).hasValue("lo");
        }
    }

    @Test
    void writesAPcapThatTsharkReadsBack(@TempDir Path dir) throws Exception {
        Path pcap = dir.resolve("ping.pcap");
        Capture capture = net.ns("server").capture("eth0");
        net.ns("client").ping("10.0.0.2");
        capture.awaitPacket(icmp().echoReply().dst("10.0.0.1"), Duration.ofSeconds(2));
        capture.close();
        capture.writePcap(pcap);
        List<Packet> packets = capture.packets();
        Process p = new ProcessBuilder("tshark", "-r", pcap.toString(), "-T", "fields", "-e", "frame.number", "-e",
                "ip.src", "-e", "icmp.type").start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).isZero();
        List<String> lines = out.lines().toList();
        assertThat(lines).hasSize(packets.size());
        assertThat(lines.stream().map(l -> l.substring(l.indexOf('\t') + 1))).contains("10.0.0.1\t8", "10.0.0.2\t0");
        assertThat(Files.size(pcap)).isGreaterThan(24);
    }

    @Test
    void closeHandsOverWhatTheKernelCapturedBeforeIt() throws Exception {
        // A packet socket sees a frame before the IP layer delivers it: once the datagram is received, the capture's
        // ring holds it, in a block the kernel hands over only when its timeout expires. Closed at once, the capture
        // must still have it.
        try (DatagramSocket rx = net.ns("server").datagramSocket(9998);
                DatagramSocket tx = net.ns("client").datagramSocket(0)) {
            rx.setSoTimeout(5000);
            for (int i = 0; i < 20; i++) {
                Capture capture = net.ns("server").capture("eth0");
                byte[] data = ("datagram " + i).getBytes();
                tx.send(new DatagramPacket(data, data.length, new InetSocketAddress("10.0.0.2", 9998)));
                rx.receive(new DatagramPacket(new byte[64], 64));
                capture.close();
                assertThat(capture.packets(udp().dstPort(9998))).as("datagram %d", i).hasSize(1);
            }
        }
    }

    @Test
    void closeDoesNotWaitForTrafficThatGoesOn() throws Exception {
        // A datagram every millisecond while the capture closes: close waits for what the kernel had captured when it
        // was called, not for what keeps coming (that would hold it until its 2 s bound).
        try (DatagramSocket tx = net.ns("client").datagramSocket(0)) {
            java.util.concurrent.Future<?> sender = net.ns("client").submit(() -> {
                byte[] data = "flow".getBytes();
                while (!Thread.currentThread().isInterrupted()) {
                    tx.send(new DatagramPacket(data, data.length, new InetSocketAddress("10.0.0.2", 9997)));
                    Thread.sleep(1);
                }
                return null;
            });
            try {
                Capture capture = net.ns("server").capture("eth0");
                assertThat(capture.awaitPacket(udp().dstPort(9997), Duration.ofSeconds(2))).isPresent();
                long start = System.nanoTime();
                capture.close();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
            } finally {
                sender.cancel(true);
            }
        }
    }

    @Test
    void closeIsPromptAndTheCaptureDoesNotKeepTheNamespace() throws Exception {
        Capture capture = net.ns("server").capture("eth0");
        long start = System.nanoTime();
        capture.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertThat(capture.isOpen()).isFalse();
    }
}
