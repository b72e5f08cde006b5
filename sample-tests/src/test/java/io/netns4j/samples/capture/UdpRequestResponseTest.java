package io.netns4j.samples.capture;

import static io.netns4j.assertj.Assertions.assertThat;
import static io.netns4j.assertj.Assertions.udp;
import static io.netns4j.packet.Matchers.icmp;
import static io.netns4j.packet.Matchers.udp;
import static org.assertj.core.api.Assertions.assertThat;

import io.netns4j.Capture;
import io.netns4j.NetNs;
import io.netns4j.NetworkTest;
import io.netns4j.annotations.NetNamespace;
import io.netns4j.annotations.Ns;
import io.netns4j.annotations.VethLink;
import io.netns4j.packet.Packet;
import io.netns4j.packet.PacketMatcher;
import io.netns4j.packet.Udp;
import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A DNS-like request and response over UDP, seen by a packet capture on the client's interface.
 *
 * <pre>
 *   client 10.0.0.1:EPHEMERAL  ---- query  ---->  server 10.0.0.2:53
 *                              <--- answer -----
 * </pre>
 *
 * The "server" namespace runs a tiny responder on port 53: for each datagram it receives, it sends back one answer that
 * starts with the query's first two bytes (its transaction id, as in DNS) followed by a fixed text. The client sends a
 * query with transaction id {@code 0x2a17} from a socket of its own.
 *
 * <h2>What it shows</h2>
 * <ul>
 * <li>{@code server.datagramSocket(53)} is a UDP socket bound inside the server namespace; it can then be used from any
 * thread. The responder runs in {@code server.submit(...)}; it ends when its socket is closed, which is what
 * try-with-resources does at the end of the test.</li>
 * <li>{@code udp().dst("10.0.0.2", 53)} matches the query, {@code udp().src("10.0.0.2", 53)} the answer;
 * {@code payloadContains(...)} looks into the datagram's data, and {@link Udp#payload()} gives it whole for checks of
 * one's own.</li>
 * <li>{@code assertThat(client).canReach(udp("10.0.0.2", 53))} proves the service answers: UDP has no handshake, so
 * "reachable" means that a probe datagram got a datagram back (an ICMP port unreachable or silence would fail). Two
 * methods called {@code udp}: {@code udp()} without arguments is the packet matcher, {@code udp(host, port)} the
 * endpoint.</li>
 * </ul>
 */
@NetworkTest
@NetNamespace("client")
@NetNamespace("server")
@VethLink(a = "client", aAddress = "10.0.0.1/24", b = "server", bAddress = "10.0.0.2/24")
class UdpRequestResponseTest {

    private static final Duration WAIT = Duration.ofSeconds(2);
    private static final String QUESTION = "QUERY example.test A";
    private static final String ANSWER = "ANSWER example.test A 192.0.2.7 TTL 300";
    private static final byte[] TRANSACTION_ID = { 0x2a, 0x17 };

    @Test
    void theQueryGoesToPort53AndTheAnswerComesBack(@Ns("client") NetNs client, @Ns("server") NetNs server)
            throws Exception {
        try (DatagramSocket service = server.datagramSocket(53); DatagramSocket resolver = client.datagramSocket(0);
                Capture capture = client.capture("eth0")) {
            server.submit(() -> answerEachQuery(service));

            byte[] reply = ask(resolver, datagram(TRANSACTION_ID, QUESTION));
            assertThat(Arrays.copyOfRange(reply, 0, 2)).as("transaction id").isEqualTo(TRANSACTION_ID);
            assertThat(text(reply)).isEqualTo(ANSWER);

            int clientPort = resolver.getLocalPort();
            // The query: from the client's port to 10.0.0.2:53, carrying the question.
            PacketMatcher query = udp().src("10.0.0.1", clientPort).dst("10.0.0.2", 53);
            assertThat(capture).hasPacket(query.and(udp().payloadContains(QUESTION))).within(WAIT);
            // The answer: from 10.0.0.2:53 back to the port the query came from, carrying the answer.
            PacketMatcher answer = udp().src("10.0.0.2", 53).dst("10.0.0.1", clientPort).payloadContains(ANSWER);
            assertThat(capture).hasPacket(answer).within(WAIT);

            // Exactly one of each, the query first, with the same transaction id.
            assertThat(capture).hasPackets(query).count(1);
            assertThat(capture).hasPackets(answer).count(1);
            Packet q = capture.packets(query).get(0);
            Packet a = capture.packets(answer).get(0);
            assertThat(q.timestamp()).isBeforeOrEqualTo(a.timestamp());
            assertThat(Arrays.copyOfRange(a.udp().orElseThrow().payload(), 0, 2)).isEqualTo(TRANSACTION_ID);
            assertThat(a.udp().orElseThrow().payloadText()).endsWith(ANSWER);
            // An answered query causes no ICMP port unreachable.
            assertThat(capture).hasNoPacket(icmp().destinationUnreachable()).during(Duration.ZERO);

        }
    }

    @Test
    void theServiceIsReachableOverUdp(@Ns("client") NetNs client, @Ns("server") NetNs server) throws Exception {
        try (DatagramSocket service = server.datagramSocket(53); Capture capture = server.capture("eth0")) {
            server.submit(() -> answerEachQuery(service));

            assertThat(client).canReach(udp("10.0.0.2", 53));

            // The probe was a datagram to port 53 and got a datagram back.
            assertThat(capture).hasPacket(udp().dst("10.0.0.2", 53)).within(WAIT);
            assertThat(capture).hasPacket(udp().src("10.0.0.2", 53).payloadContains(ANSWER)).within(WAIT);
        }
        // Once the service is gone, the same port answers with ICMP port unreachable.
        assertThat(client).cannotReach(udp("10.0.0.2", 53));
    }

    /** Sends {@code request} and waits for one reply datagram. */
    private static byte[] ask(DatagramSocket socket, byte[] request) throws Exception {
        socket.setSoTimeout((int) WAIT.toMillis());
        socket.send(new DatagramPacket(request, request.length, new InetSocketAddress("10.0.0.2", 53)));
        DatagramPacket reply = new DatagramPacket(new byte[1500], 1500);
        socket.receive(reply);
        return Arrays.copyOf(reply.getData(), reply.getLength());
    }

    /**
     * The responder: answers every datagram with its first two bytes (the transaction id) and {@link #ANSWER}, until
     * the socket is closed.
     */
    private static Void answerEachQuery(DatagramSocket socket) throws Exception {
        byte[] buffer = new byte[1500];
        while (!Thread.currentThread().isInterrupted()) {
            DatagramPacket request = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(request);
            } catch (SocketException closed) {
                return null;
            }
            byte[] id = Arrays.copyOf(request.getData(), 2);
            byte[] answer = datagram(id, ANSWER);
            socket.send(new DatagramPacket(answer, answer.length, request.getSocketAddress()));
        }
        return null;
    }

    /** A transaction id followed by {@code text} in ASCII. */
    private static byte[] datagram(byte[] id, String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(id);
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** The text after the transaction id. */
    private static String text(byte[] datagram) {
        return new String(datagram, 2, datagram.length - 2, StandardCharsets.US_ASCII);
    }
}
