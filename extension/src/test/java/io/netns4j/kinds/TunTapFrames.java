package io.netns4j.kinds;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;

/** Frames and packets built by hand for the TUN and TAP tests, with the IPv4 header checksum computed. */
final class TunTapFrames {

    private TunTapFrames() {
    }

    static byte[] ethernet(String dst, String src, int etherType, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(HexFormat.ofDelimiter(":").parseHex(dst));
        out.writeBytes(HexFormat.ofDelimiter(":").parseHex(src));
        out.write(etherType >>> 8);
        out.write(etherType);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /** An IPv4 header without options (TTL 64, DF) and its payload. */
    static byte[] ipv4(String src, String dst, int protocol, byte[] payload) {
        byte[] p = new byte[20 + payload.length];
        p[0] = 0x45;
        p[2] = (byte) (p.length >>> 8);
        p[3] = (byte) p.length;
        p[6] = 0x40;
        p[8] = 64;
        p[9] = (byte) protocol;
        System.arraycopy(address(src), 0, p, 12, 4);
        System.arraycopy(address(dst), 0, p, 16, 4);
        int checksum = checksum(p, 0, 20);
        p[10] = (byte) (checksum >>> 8);
        p[11] = (byte) checksum;
        System.arraycopy(payload, 0, p, 20, payload.length);
        return p;
    }

    /** A UDP header with no checksum (allowed over IPv4) and its payload. */
    static byte[] udp(int srcPort, int dstPort, byte[] payload) {
        byte[] d = new byte[8 + payload.length];
        d[0] = (byte) (srcPort >>> 8);
        d[1] = (byte) srcPort;
        d[2] = (byte) (dstPort >>> 8);
        d[3] = (byte) dstPort;
        d[4] = (byte) (d.length >>> 8);
        d[5] = (byte) d.length;
        System.arraycopy(payload, 0, d, 8, payload.length);
        return d;
    }

    /** The Internet checksum (RFC 1071) of {@code length} bytes from {@code offset}. */
    static int checksum(byte[] b, int offset, int length) {
        long sum = 0;
        for (int i = 0; i < length; i += 2) {
            int hi = b[offset + i] & 0xff;
            int lo = i + 1 < length ? b[offset + i + 1] & 0xff : 0;
            sum += (hi << 8) | lo;
        }
        while (sum >> 16 != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) (~sum & 0xffff);
    }

    static byte[] address(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
