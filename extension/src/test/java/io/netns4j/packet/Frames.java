package io.netns4j.packet;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.util.HexFormat;

/**
 * Frames built by hand, byte by byte, for the protocols this kernel cannot produce (ipip, sit, GRE, VLAN) and for
 * corner cases. Each method returns the bytes of one header followed by its payload; lengths and the IPv4 header
 * checksum are computed, transport checksums are left 0 (tshark does not check them by default).
 */
final class Frames {

    static final String MAC_A = "02:00:00:00:00:01";
    static final String MAC_B = "02:00:00:00:00:02";

    private Frames() {
    }

    /** A byte sink with big-endian writers. */
    static final class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes u8(int v) {
            out.write(v);
            return this;
        }

        Bytes u16(int v) {
            return u8(v >>> 8).u8(v);
        }

        Bytes u32(long v) {
            return u16((int) (v >>> 16)).u16((int) v);
        }

        Bytes bytes(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        Bytes mac(String mac) {
            return bytes(HexFormat.ofDelimiter(":").parseHex(mac));
        }

        Bytes ip(String address) {
            return bytes(Addresses.parseLiteral(address).getAddress());
        }

        int size() {
            return out.size();
        }

        byte[] toArray() {
            return out.toByteArray();
        }
    }

    static byte[] concat(byte[]... parts) {
        Bytes b = new Bytes();
        for (byte[] p : parts) {
            b.bytes(p);
        }
        return b.toArray();
    }

    static byte[] text(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    static byte[] ethernet(String dst, String src, int etherType, byte[] payload) {
        return new Bytes().mac(dst).mac(src).u16(etherType).bytes(payload).toArray();
    }

    /** A 4-byte VLAN tag followed by {@code etherType} and the payload: put it after an Ethernet header. */
    static byte[] vlanTag(int priority, boolean dei, int id, int etherType, byte[] payload) {
        return new Bytes().u16((priority << 13) | (dei ? 0x1000 : 0) | id).u16(etherType).bytes(payload).toArray();
    }

    static byte[] arp(int opcode, String senderMac, String senderIp, String targetMac, String targetIp) {
        return new Bytes().u16(1).u16(0x0800).u8(6).u8(4).u16(opcode).mac(senderMac).ip(senderIp).mac(targetMac)
                .ip(targetIp).toArray();
    }

    static byte[] ipv4(String src, String dst, int protocol, byte[] payload) {
        return ipv4(src, dst, protocol, 64, 0x1234, 0x4000, payload);
    }

    /** An IPv4 header without options; {@code flagsAndOffset} is the raw 16-bit field (0x4000 is DF). */
    static byte[] ipv4(String src, String dst, int protocol, int ttl, int id, int flagsAndOffset, byte[] payload) {
        byte[] h = new Bytes().u8(0x45).u8(0).u16(20 + payload.length).u16(id).u16(flagsAndOffset).u8(ttl).u8(protocol)
                .u16(0).ip(src).ip(dst).toArray();
        int sum = 0;
        for (int i = 0; i < 20; i += 2) {
            sum += ((h[i] & 0xff) << 8) | (h[i + 1] & 0xff);
        }
        while (sum >> 16 != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        int checksum = ~sum & 0xffff;
        h[10] = (byte) (checksum >> 8);
        h[11] = (byte) checksum;
        return concat(h, payload);
    }

    static byte[] ipv6(String src, String dst, int nextHeader, byte[] payload) {
        return new Bytes().u32(0x60000000L).u16(payload.length).u8(nextHeader).u8(64).ip(src).ip(dst).bytes(payload)
                .toArray();
    }

    /** A generic IPv6 extension header (hop-by-hop, routing, destination options), padded to 8-byte units. */
    static byte[] ipv6Extension(int nextHeader, byte[] body) {
        int total = (2 + body.length + 7) / 8 * 8;
        Bytes b = new Bytes().u8(nextHeader).u8(total / 8 - 1).bytes(body);
        while (b.size() < total) {
            b.u8(0);
        }
        return b.toArray();
    }

    static byte[] ipv6Fragment(int nextHeader, int offsetBytes, boolean more, long identification, byte[] payload) {
        return new Bytes().u8(nextHeader).u8(0).u16(offsetBytes | (more ? 1 : 0)).u32(identification).bytes(payload)
                .toArray();
    }

    static byte[] udp(int srcPort, int dstPort, byte[] payload) {
        return new Bytes().u16(srcPort).u16(dstPort).u16(8 + payload.length).u16(0).bytes(payload).toArray();
    }

    static byte[] tcp(int srcPort, int dstPort, long seq, long ack, int flags, int window, byte[] payload) {
        return new Bytes().u16(srcPort).u16(dstPort).u32(seq).u32(ack).u16((5 << 12) | flags).u16(window).u16(0).u16(0)
                .bytes(payload).toArray();
    }

    /** An ICMP or ICMPv6 message: type, code, a zero checksum, the 4 bytes {@code rest}, then {@code body}. */
    static byte[] icmp(int type, int code, long rest, byte[] body) {
        return new Bytes().u8(type).u8(code).u16(0).u32(rest).bytes(body).toArray();
    }

    static byte[] icmpEcho(int type, int id, int seq, byte[] data) {
        return icmp(type, 0, ((long) id << 16) | seq, data);
    }

    /**
     * A GRE header: the C, K and S bits follow from which of {@code checksum}, {@code key} and {@code sequence} are
     * given ({@code null} for absent).
     */
    static byte[] gre(int protocolType, Integer checksum, Long key, Long sequence, byte[] payload) {
        int flags = (checksum != null ? 0x8000 : 0) | (key != null ? 0x2000 : 0) | (sequence != null ? 0x1000 : 0);
        Bytes b = new Bytes().u16(flags).u16(protocolType);
        if (checksum != null) {
            b.u16(checksum).u16(0);
        }
        if (key != null) {
            b.u32(key);
        }
        if (sequence != null) {
            b.u32(sequence);
        }
        return b.bytes(payload).toArray();
    }

    static byte[] vxlan(int vni, byte[] innerFrame) {
        return new Bytes().u8(0x08).u8(0).u16(0).u32((long) vni << 8).bytes(innerFrame).toArray();
    }

    static InetAddress ip(String literal) {
        return Addresses.parseLiteral(literal);
    }
}
