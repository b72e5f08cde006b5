package io.netns4j.samples.kinds;

import static org.assertj.core.api.Assertions.assertThat;

import io.netns4j.NetNs;
import io.netns4j.NetworkTest;
import io.netns4j.PingResult;
import io.netns4j.Tap;
import io.netns4j.annotations.Dev;
import io.netns4j.annotations.NetNamespace;
import io.netns4j.annotations.Ns;
import io.netns4j.annotations.TapDevice;
import io.netns4j.packet.Arp;
import io.netns4j.packet.Icmp;
import io.netns4j.packet.LinkType;
import io.netns4j.packet.Packet;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A machine made of Java behind a TAP device: it answers ARP for its address, then ping.
 *
 * <pre>
 *   namespace "host"
 *   ping 10.67.0.2 --&gt; tap0 10.67.0.1/24 ~~~ the test's program: 10.67.0.2 at 02:00:00:00:67:02
 * </pre>
 *
 * <p>
 * A TAP device carries Ethernet frames. Before the namespace can send its first echo request to 10.67.0.2 it must learn
 * that address's MAC: it broadcasts an ARP request out of {@code tap0}, and the program answers with an ARP reply
 * naming its own MAC. The echo requests then come addressed to that MAC, and the program answers each with an echo
 * reply (Ethernet and IPv4 addresses swapped, ICMP type 0, checksums computed again). The namespace's neighbour table
 * ends up with the program's MAC, as {@code ip neigh} shows.
 */
@NetworkTest
@NetNamespace("host")
@TapDevice(ns = "host", name = "tap0", address = "10.67.0.1/24")
class TapPingResponderTest {

    private static final String MAC = "02:00:00:00:67:02";
    private static final String ADDRESS = "10.67.0.2";

    @Test
    void pingFromTheNamespaceIsAnsweredByTheProgram(@Ns("host") NetNs host, @Dev(ns = "host", name = "tap0") Tap tap)
            throws Exception {
        Future<Integer> machine = host.submit(() -> answerArpAndEchoRequests(tap, 3));

        PingResult ping = host.ping(ADDRESS, 3, Duration.ofSeconds(2));

        assertThat(ping.allReceived()).as("%s", ping).isTrue();
        assertThat(machine.get(5, TimeUnit.SECONDS)).isEqualTo(3);
        assertThat(host.exec("ip", "neigh", "show", ADDRESS, "dev", "tap0").stdout()).contains("lladdr " + MAC);
    }

    /** The program: answers ARP requests for its address and {@code count} echo requests to it. */
    static int answerArpAndEchoRequests(Tap tap, int count) throws Exception {
        InetAddress me = InetAddress.getByName(ADDRESS);
        int answered = 0;
        while (answered < count) {
            Optional<byte[]> frame = tap.read(Duration.ofSeconds(5));
            if (frame.isEmpty()) {
                break;
            }
            Packet p = Packet.decode(LinkType.ETHERNET, frame.get());
            Optional<Arp> arp = p.arp().filter(a -> a.operation() == Arp.Operation.REQUEST && a.targetIp().equals(me));
            if (arp.isPresent()) {
                tap.write(arpReply(arp.get()));
            } else if (p.icmp().filter(Icmp::isEchoRequest).isPresent()
                    && p.ip().filter(ip -> ip.dst().equals(me)).isPresent()) {
                byte[] reply = TunPingResponderTest.echoReply(frame.get(), 14);
                // Ethernet: back to the sender, from us.
                System.arraycopy(frame.get(), 6, reply, 0, 6);
                System.arraycopy(mac(MAC), 0, reply, 6, 6);
                tap.write(reply);
                answered++;
            }
        }
        return answered;
    }

    /** "10.67.0.2 is at 02:00:00:00:67:02", to the asker. */
    static byte[] arpReply(Arp request) {
        return ByteBuffer.allocate(42)
                // Ethernet: to the asker, from us, ARP.
                .put(mac(request.senderMac())).put(mac(MAC)).putShort((short) 0x0806)
                // ARP: Ethernet/IPv4, reply, sender (us) and target (the asker).
                .putShort((short) 1).putShort((short) 0x0800).put((byte) 6).put((byte) 4).putShort((short) 2)
                .put(mac(MAC)).put(ipv4(ADDRESS)).put(mac(request.senderMac())).put(request.senderIp().getAddress())
                .array();
    }

    private static byte[] mac(String text) {
        return HexFormat.ofDelimiter(":").parseHex(text);
    }

    private static byte[] ipv4(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
