package io.netns4j.samples.faults;

import static io.netns4j.assertj.Assertions.assertThat;
import static io.netns4j.packet.Matchers.icmp;
import static io.netns4j.packet.Matchers.udp;
import static org.assertj.core.api.Assertions.assertThat;

import io.netns4j.Capture;
import io.netns4j.NetNs;
import io.netns4j.NetworkTest;
import io.netns4j.Topology;
import io.netns4j.annotations.NetNamespace;
import io.netns4j.annotations.Ns;
import io.netns4j.annotations.VethLink;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A one-way cut: alice's packets to bob are lost, bob's to alice arrive.
 *
 * <pre>
 *   alice 10.0.0.1 ---- bob 10.0.0.2
 * </pre>
 *
 * <p>
 * Two captures show it. Alice's shows her datagrams leaving and bob's arriving. Bob's shows alice's datagrams reaching
 * his interface: the cut drops them in bob's own input path, after the point where captures look, the way a host
 * firewall would; his programs never see them and nothing answers them. One-way cuts break request and response in both
 * directions: bob's pings reach alice, but her replies are lost.
 */
@NetworkTest
@NetNamespace("alice")
@NetNamespace("bob")
@VethLink(a = "alice", aAddress = "10.0.0.1/24", b = "bob", bAddress = "10.0.0.2/24")
class OneWayDropTest {

    @Test
    void alicesPacketsAreLostWhileBobsArrive(Topology net, @Ns("alice") NetNs alice, @Ns("bob") NetNs bob)
            throws Exception {
        net.drop("alice", "bob");

        Capture atAlice = alice.capture("eth0");
        Capture atBob = bob.capture("eth0");
        List<String> aliceGot;
        List<String> bobGot;
        try (atAlice; atBob; DatagramSocket aliceSocket = alice.datagramSocket(9000);
                DatagramSocket bobSocket = bob.datagramSocket(9000)) {
            send(bobSocket, "10.0.0.1", "from bob", 5);
            send(aliceSocket, "10.0.0.2", "from alice", 5);
            aliceGot = receiveAll(aliceSocket);
            bobGot = receiveAll(bobSocket);
        }

        assertThat(aliceGot).hasSize(5).allMatch(m -> m.startsWith("from bob"));
        assertThat(bobGot).isEmpty();

        assertThat(atAlice.packets(udp().src("10.0.0.2").dstPort(9000))).hasSize(5);
        assertThat(atAlice.packets(udp().src("10.0.0.1").dstPort(9000))).hasSize(5);
        assertThat(atBob.packets(udp().src("10.0.0.1").dstPort(9000))).as("alice's datagrams on bob's wire").hasSize(5);
        assertThat(atBob.packets(icmp().src("10.0.0.2"))).as("ICMP answers from bob").isEmpty();

        assertThat(bob.ping("10.0.0.1", 2, Duration.ofMillis(500)).received()).as("bob's pings: replies lost").isZero();
    }

    private static void send(DatagramSocket socket, String to, String text, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            byte[] b = (text + " #" + i).getBytes(StandardCharsets.UTF_8);
            socket.send(new DatagramPacket(b, b.length, InetAddress.getByName(to), 9000));
        }
    }

    /** Everything that arrives until nothing has for half a second. */
    private static List<String> receiveAll(DatagramSocket socket) throws Exception {
        List<String> got = new ArrayList<>();
        socket.setSoTimeout(500);
        byte[] buf = new byte[100];
        while (true) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (SocketTimeoutException e) {
                return got;
            }
            got.add(new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8));
        }
    }
}
