package io.netns4j.samples.kinds;

import static org.assertj.core.api.Assertions.assertThat;

import io.netns4j.NetNs;
import io.netns4j.NetworkTest;
import io.netns4j.PingResult;
import io.netns4j.Tun;
import io.netns4j.annotations.Dev;
import io.netns4j.annotations.NetNamespace;
import io.netns4j.annotations.Ns;
import io.netns4j.annotations.TunDevice;
import io.netns4j.packet.Icmp;
import io.netns4j.packet.LinkType;
import io.netns4j.packet.Packet;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A user-space network stack in a few lines of Java: a program on a TUN device answers ping.
 *
 * <pre>
 *   namespace "host"
 *   ping 10.66.0.2 --&gt; tun0 10.66.0.1/24 ~~~ the test's program, playing 10.66.0.2
 * </pre>
 *
 * <p>
 * The namespace routes 10.66.0.0/24 out of {@code tun0}. A TUN device has no link layer: no ARP, no Ethernet header.
 * Each echo request the namespace sends is one IPv4 packet read from the device's descriptor; the program turns it into
 * an echo reply (source and destination swapped, ICMP type 0, both checksums computed again) and writes it back, and
 * the kernel takes it as a packet that arrived on {@code tun0}. This is how VPN clients, user-space routers and
 * emulators work; here it lets a test play any remote host with any behaviour it likes.
 */
@NetworkTest
@NetNamespace("host")
@TunDevice(ns = "host", name = "tun0", address = "10.66.0.1/24")
class TunPingResponderTest {

    @Test
    void pingFromTheNamespaceIsAnsweredByTheProgram(@Ns("host") NetNs host, @Dev(ns = "host", name = "tun0") Tun tun)
            throws Exception {
        Future<Integer> responder = host.submit(() -> answerEchoRequests(tun, 3));

        PingResult ping = host.ping("10.66.0.2", 3, Duration.ofSeconds(2));

        assertThat(ping.allReceived()).as("%s", ping).isTrue();
        assertThat(responder.get(5, TimeUnit.SECONDS)).isEqualTo(3);
    }

    /** The program: answers {@code count} IPv4 echo requests, skipping anything else the kernel sends. */
    static int answerEchoRequests(Tun tun, int count) {
        int answered = 0;
        while (answered < count) {
            Optional<byte[]> packet = tun.read(Duration.ofSeconds(5));
            if (packet.isEmpty()) {
                break;
            }
            Packet p = Packet.decode(LinkType.RAW_IP, packet.get());
            boolean echoRequest = p.ip().filter(ip -> ip.version() == 4).isPresent()
                    && p.icmp().filter(Icmp::isEchoRequest).isPresent();
            if (echoRequest) {
                tun.write(echoReply(packet.get(), 0));
                answered++;
            }
        }
        return answered;
    }

    /**
     * The echo reply to the IPv4 echo request that starts at {@code offset} of {@code frame}: addresses swapped, a
     * fresh TTL, ICMP type 0, the IPv4 header and ICMP checksums computed again. Bytes before {@code offset} (a link
     * layer header) are copied as they are.
     */
    static byte[] echoReply(byte[] frame, int offset) {
        byte[] reply = frame.clone();
        int headerLength = (frame[offset] & 0x0f) * 4;
        System.arraycopy(frame, offset + 16, reply, offset + 12, 4);
        System.arraycopy(frame, offset + 12, reply, offset + 16, 4);
        reply[offset + 8] = 64;
        putChecksum(reply, offset, headerLength, offset + 10);
        int icmp = offset + headerLength;
        reply[icmp] = 0;
        putChecksum(reply, icmp, reply.length - icmp, icmp + 2);
        return reply;
    }

    /** Writes the Internet checksum (RFC 1071) of {@code length} bytes from {@code from} at {@code at}. */
    static void putChecksum(byte[] b, int from, int length, int at) {
        b[at] = 0;
        b[at + 1] = 0;
        long sum = 0;
        for (int i = 0; i < length; i += 2) {
            sum += ((b[from + i] & 0xff) << 8) | (i + 1 < length ? b[from + i + 1] & 0xff : 0);
        }
        while (sum >> 16 != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        b[at] = (byte) (~sum >> 8);
        b[at + 1] = (byte) ~sum;
    }
}
