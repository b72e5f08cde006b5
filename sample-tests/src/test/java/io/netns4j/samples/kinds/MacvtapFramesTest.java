package io.netns4j.samples.kinds;

import static io.netns4j.assertj.Assertions.assertThat;
import static io.netns4j.packet.Matchers.arp;
import static io.netns4j.packet.Matchers.ethernet;
import static io.netns4j.packet.Matchers.icmp;
import static io.netns4j.packet.Matchers.incoming;
import static io.netns4j.packet.Matchers.outgoing;

import io.netns4j.Capture;
import io.netns4j.MacvtapDevice;
import io.netns4j.NetNs;
import io.netns4j.NetworkTest;
import io.netns4j.annotations.Dev;
import io.netns4j.annotations.Macvtap;
import io.netns4j.annotations.NetNamespace;
import io.netns4j.annotations.Ns;
import io.netns4j.annotations.VethLink;
import io.netns4j.packet.LinkType;
import io.netns4j.packet.Packet;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A macvtap device is how a VM's network card is plugged into a host: a macvlan whose frames go to a character device
 * ({@code /dev/tapN}) instead of a network stack. The test holds that character device and plays the VM.
 *
 * <pre>
 *   wire: eth0 10.60.0.254 ==veth== host: eth0 (the parent, captured)
 *                                         +-- mt0 in vm, MAC 02:00:00:00:60:01: the test reads and writes its frames
 * </pre>
 *
 * A frame written to the device leaves through the parent, as the VM's would; a frame the parent receives for the
 * device's MAC address (or a broadcast) is read from it. {@code @Dev(ns = "vm", name = "mt0") MacvtapDevice} hands the
 * opened device to the test; netns4j found it without udev and closes it at teardown.
 */
@NetworkTest
@NetNamespace("wire")
@NetNamespace("host")
@NetNamespace("vm")
@VethLink(a = "host", aName = "eth0", b = "wire", bName = "eth0", bAddress = "10.60.0.254/24")
@Macvtap(ns = "vm", name = "mt0", parent = "eth0", parentNs = "host", mac = MacvtapFramesTest.VM_MAC)
class MacvtapFramesTest {

    static final String VM_MAC = "02:00:00:00:60:01";
    static final String VM_IP = "10.60.0.1";
    private static final Duration WAIT = Duration.ofSeconds(2);
    private static final HexFormat MAC = HexFormat.ofDelimiter(":");

    @Test
    void aFrameWrittenToTheTapAppearsOnTheParent(@Dev(ns = "vm", name = "mt0") MacvtapDevice tap,
            @Ns("host") NetNs host) {
        try (Capture parent = host.capture("eth0")) {
            // A broadcast of the IEEE's "local experimental" EtherType, with a greeting as its payload.
            ByteBuffer frame = ByteBuffer.allocate(60).put(MAC.parseHex("ff:ff:ff:ff:ff:ff")).put(MAC.parseHex(VM_MAC))
                    .putShort((short) 0x88b5).put("hello from the vm".getBytes(StandardCharsets.US_ASCII)).flip();

            tap.write(frame);

            assertThat(parent).hasPacket(outgoing().and(ethernet().src(VM_MAC).etherType(0x88b5))).within(WAIT);
        }
    }

    @Test
    void aFrameOnTheParentAppearsInTheTap(@Dev(ns = "vm", name = "mt0") MacvtapDevice tap, @Ns("host") NetNs host,
            @Ns("wire") NetNs wire) {
        try (Capture parent = host.capture("eth0")) {
            wire.ping(VM_IP, 1, Duration.ofMillis(100)); // "who has 10.60.0.1?", broadcast on the wire

            assertThat(parent).hasPacket(incoming().and(arp().request().target(VM_IP))).within(WAIT);
            Packet request = readUntil(tap, p -> arp().request().target(VM_IP).matches(p));
            org.assertj.core.api.Assertions.assertThat(request.arp().orElseThrow().senderIp().getHostAddress())
                    .isEqualTo("10.60.0.254");
        }
    }

    /** The test as the VM: it answers ARP and echo requests for 10.60.0.1 itself, frame by frame. */
    @Test
    void aVmInJavaAnswersPings(@Dev(ns = "vm", name = "mt0") MacvtapDevice tap, @Ns("wire") NetNs wire)
            throws Exception {
        Thread vm = new Thread(() -> {
            try {
                while (true) {
                    Optional<byte[]> frame = tap.read(Duration.ofSeconds(5));
                    frame.flatMap(MacvtapFramesTest::answer).ifPresent(tap::write);
                }
            } catch (IllegalStateException closed) {
                // The device was closed: the VM is switched off.
            }
        }, "vm");
        vm.start();
        try {
            // The first echo also resolves the VM's address (ARP) and warms the responder up: give it time.
            assertThat(wire.ping(VM_IP, 1, Duration.ofSeconds(5))).allReceived();
            assertThat(wire).canPing(VM_IP);
        } finally {
            tap.close();
            vm.join(2000);
        }
    }

    /** The answer of a VM with address 10.60.0.1 to a frame: an ARP reply, an echo reply, or none. */
    static Optional<byte[]> answer(byte[] frame) {
        Packet p = Packet.decode(LinkType.ETHERNET, frame);
        if (arp().request().target(VM_IP).matches(p)) {
            ByteBuffer in = ByteBuffer.wrap(frame);
            byte[] askerMac = new byte[6];
            byte[] askerIp = new byte[4];
            in.position(14 + 8).get(askerMac).get(askerIp);
            ByteBuffer reply = ByteBuffer.allocate(60).put(askerMac).put(MAC.parseHex(VM_MAC)).putShort((short) 0x0806)
                    .putShort((short) 1).putShort((short) 0x0800).put((byte) 6).put((byte) 4).putShort((short) 2)
                    .put(MAC.parseHex(VM_MAC)).put(new byte[] { 10, 60, 0, 1 }).put(askerMac).put(askerIp);
            return Optional.of(reply.array());
        }
        if (icmp().echoRequest().dst(VM_IP).matches(p)) {
            byte[] reply = frame.clone();
            int ip = 14;
            int icmp = ip + (reply[ip] & 0x0f) * 4;
            int icmpLength = ((reply[ip + 2] & 0xff) << 8 | (reply[ip + 3] & 0xff)) - (icmp - ip);
            System.arraycopy(frame, 6, reply, 0, 6); // to the sender's MAC
            System.arraycopy(frame, 0, reply, 6, 6); // from ours
            System.arraycopy(frame, ip + 12, reply, ip + 16, 4); // to the sender's IP
            System.arraycopy(frame, ip + 16, reply, ip + 12, 4); // from ours (the IP header checksum stays valid)
            reply[icmp] = 0; // echo reply
            reply[icmp + 2] = 0;
            reply[icmp + 3] = 0;
            int sum = checksum(reply, icmp, icmpLength);
            reply[icmp + 2] = (byte) (sum >> 8);
            reply[icmp + 3] = (byte) sum;
            return Optional.of(reply);
        }
        return Optional.empty();
    }

    /** The Internet checksum (RFC 1071) of {@code length} bytes from {@code offset}. */
    static int checksum(byte[] b, int offset, int length) {
        long sum = 0;
        for (int i = 0; i < length; i += 2) {
            sum += ((b[offset + i] & 0xff) << 8) | (i + 1 < length ? b[offset + i + 1] & 0xff : 0);
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) ~sum & 0xffff;
    }

    /** Reads frames until one matches, for up to 2 s (the wire's IPv6 chatter arrives too). */
    static Packet readUntil(MacvtapDevice tap, java.util.function.Predicate<Packet> wanted) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Packet> p = tap.read(Duration.ofMillis(100)).map(f -> Packet.decode(LinkType.ETHERNET, f));
            if (p.isPresent() && wanted.test(p.get())) {
                return p.get();
            }
        }
        throw new AssertionError("no such frame read from " + tap + " within " + WAIT);
    }
}
