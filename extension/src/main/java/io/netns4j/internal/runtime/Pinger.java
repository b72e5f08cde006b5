package io.netns4j.internal.runtime;

import io.netns4j.internal.netlink.Addresses;
import io.netns4j.PingResult;
import io.netns4j.internal.sys.Errno;
import io.netns4j.internal.sys.Fd;
import io.netns4j.internal.sys.Sys;
import io.netns4j.internal.sys.SyscallException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * ICMP echo over an ICMP datagram socket ({@code socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP)}): no raw socket and no
 * process. The kernel fills in the identifier and the checksum, and delivers only the replies to this socket's
 * requests.
 */
final class Pinger {

    private static final int ECHO_REQUEST_V4 = 8;
    private static final int ECHO_REPLY_V4 = 0;
    private static final int ECHO_REQUEST_V6 = 128;
    private static final int ECHO_REPLY_V6 = 129;
    private static final int PAYLOAD = 56;

    private Pinger() {
    }

    static PingResult ping(Namespace ns, String target, int count, Duration timeout) {
        InetAddress address;
        try {
            address = InetAddress.getByName(target);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(
                    "Cannot ping \"" + target + "\": not an address (" + e.getMessage() + ")", e);
        }
        boolean v6 = address instanceof Inet6Address;
        Fd socket = ns.inside(() -> Sys.socket(v6 ? Sys.AF_INET6 : Sys.AF_INET, Sys.SOCK_DGRAM,
                v6 ? Sys.IPPROTO_ICMPV6 : Sys.IPPROTO_ICMP, "ICMP echo socket in namespace " + ns.name()));
        List<Duration> rtts = new ArrayList<>();
        int sent = 0;
        String error = null;
        try {
            byte[] sockaddr = sockaddr(address);
            byte[] reply = new byte[2048];
            for (int seq = 1; seq <= count; seq++) {
                byte[] request = new byte[8 + PAYLOAD];
                ByteBuffer.wrap(request).put(0, (byte) (v6 ? ECHO_REQUEST_V6 : ECHO_REQUEST_V4)).putShort(6,
                        (short) seq);
                long start = System.nanoTime();
                try {
                    Sys.sendto(socket, request, request.length, sockaddr);
                } catch (SyscallException e) {
                    error = Errno.describe(e.errno());
                    break;
                }
                sent++;
                long deadline = start + timeout.toNanos();
                while (true) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    int n = Sys.receive(socket, reply, 0, (int) Math.max(1, left / 1_000_000));
                    if (n < 0) {
                        continue;
                    }
                    int type = n >= 8 ? reply[0] & 0xff : -1;
                    int replySeq = n >= 8 ? ((reply[6] & 0xff) << 8) | (reply[7] & 0xff) : -1;
                    if (type == (v6 ? ECHO_REPLY_V6 : ECHO_REPLY_V4) && replySeq == seq) {
                        rtts.add(Duration.ofNanos(System.nanoTime() - start));
                        break;
                    }
                }
            }
        } finally {
            socket.close();
        }
        return new PingResult(ns.name(), Addresses.format(address), sent, rtts.size(), List.copyOf(rtts), error);
    }

    private static byte[] sockaddr(InetAddress address) {
        byte[] raw = address.getAddress();
        if (address instanceof Inet6Address a6) {
            ByteBuffer b = ByteBuffer.allocate(28).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            b.putShort((short) Sys.AF_INET6).putShort((short) 0).putInt(0).put(raw).putInt(a6.getScopeId());
            return b.array();
        }
        ByteBuffer b = ByteBuffer.allocate(16).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) Sys.AF_INET).putShort((short) 0).put(raw);
        return b.array();
    }
}
