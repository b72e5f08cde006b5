package io.netns4j.samples.kinds;

import static io.netns4j.assertj.Assertions.assertThat;
import static io.netns4j.packet.Matchers.arp;
import static io.netns4j.packet.Matchers.icmp;

import io.netns4j.MacvtapDevice;
import io.netns4j.NetNs;
import io.netns4j.NetworkTest;
import io.netns4j.annotations.Dev;
import io.netns4j.annotations.IpvlanMode;
import io.netns4j.annotations.Ipvtap;
import io.netns4j.annotations.NetNamespace;
import io.netns4j.annotations.Ns;
import io.netns4j.annotations.VethLink;
import io.netns4j.packet.LinkType;
import io.netns4j.packet.Packet;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * An ipvtap device is to ipvlan what macvtap is to macvlan: the frames the parent hands to the device go to a character
 * device ({@code /dev/tapN}) instead of a network stack, for a VM, or here the test, to read and answer. As every
 * ipvlan device, it has no MAC address of its own: the parent hands it the packets for its IP addresses (and, in L2
 * mode, the link's broadcasts), and what it sends carries the parent's MAC address.
 *
 * <pre>
 *   wire: eth0 10.61.0.254 ==veth== host: eth0 (the parent)
 *                                          +-- ipvt0 in vm, 10.61.0.1, L2: a "VM" in Java behind /dev/tapN
 * </pre>
 *
 * The test plays the VM: it reads ARP and echo requests for 10.61.0.1 from the device and writes the answers, and the
 * wire's {@code ping} succeeds. {@code @Dev(ns = "vm", name = "ipvt0") MacvtapDevice} hands over the opened character
 * device (the same handle type as a macvtap's); netns4j found it without udev and closes it at teardown.
 *
 * <p>
 * Needs the kernel's ipvtap driver; without it the test is skipped with the reason (it runs in the kernel lane).
 */
@NetworkTest
@NetNamespace("wire")
@NetNamespace("host")
@NetNamespace("vm")
@VethLink(a = "host", aName = "eth0", b = "wire", bName = "eth0", bAddress = "10.61.0.254/24")
@Ipvtap(ns = "vm", name = "ipvt0", parent = "eth0", parentNs = "host", mode = IpvlanMode.L2, address = "10.61.0.1/24")
class IpvtapFramesTest {

    private static final byte[] VM_IP = { 10, 61, 0, 1 };

    @Test
    void aVmInJavaAnswersPingsThroughTheTap(@Dev(ns = "vm", name = "ipvt0") MacvtapDevice tap, @Ns("host") NetNs host,
            @Ns("wire") NetNs wire) throws Exception {
        // The VM's MAC address is the parent's: ipvlan devices share it.
        byte[] mac = java.util.HexFormat.ofDelimiter(":").parseHex(host.link("eth0").info().mac());
        Thread vm = new Thread(() -> {
            try {
                while (true) {
                    tap.read(Duration.ofSeconds(5)).flatMap(frame -> answer(frame, mac)).ifPresent(tap::write);
                }
            } catch (IllegalStateException closed) {
                // The device was closed: the VM is switched off.
            }
        }, "vm");
        vm.start();
        try {
            assertThat(wire).canPing("10.61.0.1");
        } finally {
            tap.close();
            vm.join(2000);
        }
    }

    /** The answer of a VM with address 10.61.0.1 and MAC address {@code mac} to a frame: ARP or echo reply, or none. */
    static Optional<byte[]> answer(byte[] frame, byte[] mac) {
        Packet p = Packet.decode(LinkType.ETHERNET, frame);
        if (arp().request().target("10.61.0.1").matches(p)) {
            ByteBuffer in = ByteBuffer.wrap(frame);
            byte[] askerMac = new byte[6];
            byte[] askerIp = new byte[4];
            in.position(14 + 8).get(askerMac).get(askerIp);
            ByteBuffer reply = ByteBuffer.allocate(60).put(askerMac).put(mac).putShort((short) 0x0806)
                    .putShort((short) 1).putShort((short) 0x0800).put((byte) 6).put((byte) 4).putShort((short) 2)
                    .put(mac).put(VM_IP).put(askerMac).put(askerIp);
            return Optional.of(reply.array());
        }
        if (icmp().echoRequest().dst("10.61.0.1").matches(p)) {
            byte[] reply = frame.clone();
            int ip = 14;
            int icmp = ip + (reply[ip] & 0x0f) * 4;
            int icmpLength = ((reply[ip + 2] & 0xff) << 8 | (reply[ip + 3] & 0xff)) - (icmp - ip);
            System.arraycopy(frame, 6, reply, 0, 6); // to the sender's MAC
            System.arraycopy(mac, 0, reply, 6, 6); // from ours, the parent's
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
}
