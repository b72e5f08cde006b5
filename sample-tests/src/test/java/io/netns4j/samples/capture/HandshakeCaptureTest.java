package io.netns4j.samples.capture;

import static io.netns4j.assertj.Assertions.assertThat;
import static io.netns4j.packet.Matchers.matching;
import static io.netns4j.packet.Matchers.tcp;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.netns4j.Capture;
import io.netns4j.NetNs;
import io.netns4j.NetworkTest;
import io.netns4j.annotations.NetNamespace;
import io.netns4j.annotations.Ns;
import io.netns4j.annotations.VethLink;
import io.netns4j.packet.Packet;
import io.netns4j.packet.PacketMatcher;
import io.netns4j.packet.Tcp;
import io.netns4j.packet.TcpFlag;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * The TCP three-way handshake of a real HTTP request, seen by a packet capture on the server's interface.
 *
 * <pre>
 *   client 10.0.0.1 ---- server 10.0.0.2:8080      capture on the server's eth0
 *
 *   client -> server   SYN            seq = x
 *   server -> client   SYN+ACK        seq = y, ack = x+1
 *   client -> server   ACK            seq = x+1, ack = y+1   (no data yet)
 *   client -> server   GET /hello ... (the request itself)
 * </pre>
 *
 * The scenario is the one of {@code HttpServiceTest}: the JDK's {@link HttpServer} in "server", the JDK's
 * {@link HttpClient} in "client" (see there why the server is created inside {@code server.run(...)}, the request sent
 * inside {@code client.run(...)}, and the client given an executor of the client namespace).
 *
 * <h2>Capturing</h2>
 * <ul>
 * <li>{@code server.capture("eth0")} listens when it returns: open it <em>before</em> the traffic you want to see, and
 * close it with try-with-resources. No tcpdump is involved; the frames come from an {@code AF_PACKET} ring.</li>
 * <li>{@code assertThat(capture).hasPacket(matcher).within(timeout)} waits for a matching packet. Frames reach the
 * capture a few milliseconds after they crossed the interface, so always give it a time, even for traffic that is
 * over.</li>
 * <li>{@code capture.packets(matcher)} returns the matching packets captured so far, in capture order; their index in
 * {@code capture.packets()} and their {@link Packet#timestamp()} give the order on the wire.</li>
 * <li>{@code tcp().syn()} also matches a SYN+ACK (a flag condition says nothing of the other flags): the first SYN is
 * {@code tcp().syn().withoutFlags(TcpFlag.ACK)}. The handshake's last ACK looks like any other ACK, so it is picked out
 * by its sequence numbers, with a {@link io.netns4j.packet.Matchers#matching matching(description, predicate)} matcher
 * of one's own.</li>
 * </ul>
 * If an assertion on a capture fails, the message lists the last packets seen and the path of a pcap file to open in
 * Wireshark.
 */
@NetworkTest
@NetNamespace("client")
@NetNamespace("server")
@VethLink(a = "client", aAddress = "10.0.0.1/24", b = "server", bAddress = "10.0.0.2/24")
class HandshakeCaptureTest {

    private static final Duration WAIT = Duration.ofSeconds(2);

    @Test
    void theRequestStartsWithSynSynAckAckInThatOrder(@Ns("client") NetNs client, @Ns("server") NetNs server)
            throws Exception {
        HttpServer service = server.run(() -> HttpServer.create(new InetSocketAddress("10.0.0.2", 8080), 0));
        service.createContext("/hello", HandshakeCaptureTest::hello);
        service.start();
        try (Capture capture = server.capture("eth0")) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(inside(client))
                    .connectTimeout(Duration.ofSeconds(30)).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://10.0.0.2:8080/hello"))
                    .timeout(Duration.ofSeconds(60)).build();

            HttpResponse<String> response = client.run(() -> http.send(request, BodyHandlers.ofString()));
            assertThat(response.statusCode()).isEqualTo(200);

            // 1. The client's SYN: to the service's port, without ACK.
            PacketMatcher syn = tcp().src("10.0.0.1").dst("10.0.0.2", 8080).syn().withoutFlags(TcpFlag.ACK);
            assertThat(capture).hasPacket(syn).within(WAIT);
            Packet synPacket = capture.packets(syn).get(0);
            Tcp synTcp = synPacket.tcp().orElseThrow();
            int clientPort = synTcp.srcPort();

            // 2. The server's SYN+ACK, back to the port the SYN came from, acknowledging the client's sequence number.
            PacketMatcher synAck = tcp().src("10.0.0.2", 8080).dst("10.0.0.1", clientPort).synAck();
            assertThat(capture).hasPacket(synAck).within(WAIT);
            Packet synAckPacket = capture.packets(synAck).get(0);
            Tcp synAckTcp = synAckPacket.tcp().orElseThrow();
            assertThat(synAckTcp.ackNumber()).as("the SYN+ACK acknowledges the SYN")
                    .isEqualTo(next(synTcp.sequenceNumber()));

            // 3. The client's ACK of the SYN+ACK, with no data: the handshake is complete.
            PacketMatcher handshakeAck = tcp().src("10.0.0.1", clientPort).dst("10.0.0.2", 8080).ack()
                    .withoutFlags(TcpFlag.SYN, TcpFlag.FIN, TcpFlag.RST)
                    .and(matching(
                            "seq " + next(synTcp.sequenceNumber()) + " ack " + next(synAckTcp.sequenceNumber())
                                    + " without data",
                            p -> p.tcp()
                                    .map(t -> t.sequenceNumber() == next(synTcp.sequenceNumber())
                                            && t.ackNumber() == next(synAckTcp.sequenceNumber())
                                            && t.payloadLength() == 0)
                                    .orElse(false)));
            assertThat(capture).hasPacket(handshakeAck).within(WAIT);
            Packet ackPacket = capture.packets(handshakeAck).get(0);

            // In that order on the wire: by position in the capture, and by timestamp.
            List<Packet> all = capture.packets();
            assertThat(all.indexOf(synPacket)).as("SYN before SYN+ACK").isLessThan(all.indexOf(synAckPacket));
            assertThat(all.indexOf(synAckPacket)).as("SYN+ACK before ACK").isLessThan(all.indexOf(ackPacket));
            assertThat(synPacket.timestamp()).isBeforeOrEqualTo(synAckPacket.timestamp());
            assertThat(synAckPacket.timestamp()).isBeforeOrEqualTo(ackPacket.timestamp());

            // The request itself follows the handshake on the same connection.
            assertThat(capture).hasPacket(
                    tcp().src("10.0.0.1", clientPort).dst("10.0.0.2", 8080).payloadContains("GET /hello HTTP/1.1"))
                    .within(WAIT);
            // One connection, so one handshake.
            assertThat(capture).hasPackets(tcp().dstPort(8080).syn().withoutFlags(TcpFlag.ACK)).count(1);
        } finally {
            service.stop(0);
        }
    }

    /** The sequence number after {@code seq}: a SYN counts as one byte, and numbers wrap at 2^32. */
    private static long next(long seq) {
        return (seq + 1) & 0xffff_ffffL;
    }

    /** An executor that runs each task on one of the namespace's own threads. */
    private static Executor inside(NetNs ns) {
        return task -> ns.submit(Executors.callable(task));
    }

    private static void hello(HttpExchange exchange) throws IOException {
        byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
