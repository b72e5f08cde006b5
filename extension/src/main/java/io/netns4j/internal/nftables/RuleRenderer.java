package io.netns4j.internal.nftables;

import io.netns4j.internal.netlink.Addresses;
import io.netns4j.internal.nftables.Expr.Bitwise;
import io.netns4j.internal.nftables.Expr.Byteorder;
import io.netns4j.internal.nftables.Expr.Cmp;
import io.netns4j.internal.nftables.Expr.CmpOp;
import io.netns4j.internal.nftables.Expr.Counter;
import io.netns4j.internal.nftables.Expr.Immediate;
import io.netns4j.internal.nftables.Expr.Meta;
import io.netns4j.internal.nftables.Expr.Numgen;
import io.netns4j.internal.nftables.Expr.Payload;
import io.netns4j.internal.nftables.Expr.Reject;
import io.netns4j.internal.nftables.Expr.Unknown;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Writes a rule's expressions back as {@code nft} statements, the way {@code nft list} does for the shapes netns4j
 * uses: a load followed by a {@code cmp} becomes {@code ip saddr 10.0.0.1}; {@code cmp gte} then {@code cmp lte} on the
 * same register becomes a range; a {@code bitwise} mask then {@code cmp} becomes {@code tcp flags & rst == rst}; a
 * protocol test that a later field of that header implies ({@code meta nfproto ipv4} before {@code ip saddr},
 * {@code meta l4proto ipv6-icmp} before {@code icmpv6 type}, {@code meta l4proto tcp} before {@code ip saddr ... tcp
 * flags}) is left out, as {@code nft} leaves it out. Anything else is still rendered, less prettily ({@code @nh,96,32},
 * {@code reg 1}, {@code [lookup]}).
 */
final class RuleRenderer {

    /** How a loaded value prints. */
    private enum Kind {
        IPV4, IPV6, NFPROTO, L4PROTO, ETHERTYPE, ICMP_TYPE, ICMPV6_TYPE, TCP_FLAGS, BE_INT, HOST_INT, IFNAME, HEX
    }

    /**
     * What a register holds: how it prints, the header protocol it was read from (null for metadata), and the mask a
     * {@code bitwise} applied to it (null if none).
     */
    private record Operand(String text, Kind kind, String protocol, byte[] mask) {

        Operand(String text, Kind kind, String protocol) {
            this(text, kind, protocol, null);
        }
    }

    /** A statement, and the protocol it is a dependency test for (left out if the next header field implies it). */
    private record Statement(String text, String dependencyOf, String protocol) {
    }

    private static final Map<Integer, String> L4 = Map.ofEntries(Map.entry(1, "icmp"), Map.entry(2, "igmp"),
            Map.entry(6, "tcp"), Map.entry(17, "udp"), Map.entry(33, "dccp"), Map.entry(47, "gre"),
            Map.entry(50, "esp"), Map.entry(51, "ah"), Map.entry(58, "ipv6-icmp"), Map.entry(132, "sctp"),
            Map.entry(136, "udplite"));
    /**
     * The header {@code nft} reads for each layer-4 protocol, i.e. what a {@code meta l4proto} test is a dependency of.
     */
    private static final Map<Integer, String> L4_HEADER = Map.of(1, "icmp", 6, "tcp", 17, "udp", 58, "icmpv6", 132,
            "sctp", 33, "dccp");
    private static final Map<Integer, String> ICMPV6_TYPES = Map.ofEntries(Map.entry(1, "destination-unreachable"),
            Map.entry(2, "packet-too-big"), Map.entry(3, "time-exceeded"), Map.entry(4, "parameter-problem"),
            Map.entry(128, "echo-request"), Map.entry(129, "echo-reply"), Map.entry(133, "nd-router-solicit"),
            Map.entry(134, "nd-router-advert"), Map.entry(135, "nd-neighbor-solicit"),
            Map.entry(136, "nd-neighbor-advert"), Map.entry(137, "nd-redirect"));
    /** The TCP flags, bit 0 ({@code fin}) to bit 7 ({@code cwr}). */
    private static final String[] TCP_FLAGS = { "fin", "syn", "rst", "psh", "ack", "urg", "ecn", "cwr" };
    private static final Map<Integer, String> ICMP_TYPES = Map.of(0, "echo-reply", 3, "destination-unreachable", 5,
            "redirect", 8, "echo-request", 11, "time-exceeded", 12, "parameter-problem");

    private RuleRenderer() {
    }

    static String render(Family family, List<Expr> expressions) {
        Map<Integer, Operand> regs = new HashMap<>();
        List<Statement> out = new ArrayList<>();
        int l3 = family == Family.IP ? 2 : family == Family.IP6 ? 10 : 0;
        int l4 = -1;
        for (int i = 0; i < expressions.size(); i++) {
            Expr e = expressions.get(i);
            if (e instanceof Meta m) {
                regs.put(m.dreg(), meta(m));
            } else if (e instanceof Payload p) {
                regs.put(p.dreg(), payload(p, l3, l4));
            } else if (e instanceof Numgen n) {
                regs.put(n.dreg(),
                        new Operand(
                                "numgen " + n.typeName() + " mod " + Integer.toUnsignedString(n.modulus())
                                        + (n.offset() != 0 ? " offset " + Integer.toUnsignedString(n.offset()) : ""),
                                Kind.HOST_INT, null));
            } else if (e instanceof Bitwise b) {
                Operand src = regs.get(b.sreg());
                if (src != null && src.mask == null && isZero(b.xor())) {
                    regs.put(b.dreg(), new Operand(src.text, src.kind, src.protocol, b.mask()));
                } else {
                    regs.remove(b.dreg());
                    out.add(new Statement("[bitwise]", null, null));
                }
            } else if (e instanceof Byteorder b) {
                Operand src = regs.get(b.sreg());
                if (src != null && b.op() == Nft.NFT_BYTEORDER_HTON && src.kind == Kind.HOST_INT) {
                    regs.put(b.dreg(), new Operand(src.text, Kind.BE_INT, src.protocol));
                } else if (src != null && b.op() == Nft.NFT_BYTEORDER_NTOH) {
                    regs.put(b.dreg(), new Operand(src.text, Kind.HOST_INT, src.protocol));
                } else {
                    out.add(new Statement("[byteorder]", null, null));
                }
            } else if (e instanceof Cmp c) {
                Operand lhs = regs.getOrDefault(c.sreg(), new Operand("reg " + c.sreg(), Kind.HEX, null));
                if (c.op() == CmpOp.GTE && i + 1 < expressions.size() && expressions.get(i + 1) instanceof Cmp next
                        && next.op() == CmpOp.LTE && next.sreg() == c.sreg()) {
                    out.add(new Statement(
                            lhs.text + " " + number(lhs.kind, c.data()) + "-" + number(lhs.kind, next.data()), null,
                            lhs.protocol));
                    i++;
                    continue;
                }
                String value = value(lhs.kind, c.data(), l3);
                String text = lhs.mask != null ? masked(lhs, c, l3)
                        : lhs.text + " " + (c.op() == CmpOp.EQ ? "" : c.op().symbol() + " ") + value;
                String dependencyOf = null;
                if (c.op() == CmpOp.EQ && c.data().length >= 1 && lhs.mask == null) {
                    int v = c.data()[0] & 0xff;
                    if (lhs.kind == Kind.NFPROTO) {
                        l3 = v;
                        dependencyOf = v == 2 ? "ip" : v == 10 ? "ip6" : null;
                    } else if (lhs.kind == Kind.L4PROTO) {
                        l4 = v;
                        dependencyOf = L4_HEADER.get(v);
                    } else if (lhs.kind == Kind.ETHERTYPE && c.data().length == 2) {
                        int type = ByteBuffer.wrap(c.data()).getShort() & 0xffff;
                        l3 = type == 0x0800 ? 2 : type == 0x86dd ? 10 : l3;
                        dependencyOf = type == 0x0800 ? "ip" : type == 0x86dd ? "ip6" : null;
                    }
                }
                out.add(new Statement(text, dependencyOf, lhs.protocol));
            } else if (e instanceof Counter k) {
                out.add(new Statement("counter packets " + k.packets() + " bytes " + k.bytes(), null, null));
            } else if (e instanceof Immediate im) {
                out.add(new Statement(im.dreg() == Nft.NFT_REG_VERDICT ? im.verdict().render()
                        : "reg " + im.dreg() + " " + im.verdict().render(), null, null));
            } else if (e instanceof Reject r) {
                out.add(new Statement(reject(r, l3), null, null));
            } else if (e instanceof Unknown u) {
                out.add(new Statement("[" + u.name() + "]", null, null));
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < out.size(); i++) {
            Statement s = out.get(i);
            if (s.dependencyOf != null && impliedByNextHeader(out, i, s.dependencyOf)) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(s.text);
        }
        return sb.toString();
    }

    /**
     * Whether a later statement reads the header {@code protocol}: {@code nft} leaves out a protocol test when a field
     * of that header follows, even past fields of other headers ({@code meta l4proto tcp ip saddr 10.0.0.1 tcp flags}).
     */
    private static boolean impliedByNextHeader(List<Statement> out, int from, String protocol) {
        for (int j = from + 1; j < out.size(); j++) {
            if (protocol.equals(out.get(j).protocol)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A {@code cmp} of a masked register, as {@code nft} prints it: {@code tcp flags & rst == rst}; for TCP flags also
     * {@code tcp flags ! rst} (a one-bit mask, compared with 0) and {@code tcp flags syn / fin,syn,rst,ack} (a mask of
     * several flags).
     */
    private static String masked(Operand lhs, Cmp c, int l3) {
        byte[] mask = lhs.mask;
        byte[] data = c.data();
        if (lhs.kind == Kind.TCP_FLAGS && mask.length == 1 && data.length == 1 && c.op() == CmpOp.EQ) {
            int m = mask[0] & 0xff;
            if (Integer.bitCount(m) > 1) {
                return lhs.text + " " + flagList(data[0] & 0xff) + " / " + flagList(m);
            }
            if (data[0] == 0) {
                return lhs.text + " ! " + flagList(m);
            }
        }
        return lhs.text + " & " + value(lhs.kind, mask, l3) + " " + c.op().symbol() + " " + value(lhs.kind, data, l3);
    }

    private static String flagList(int bits) {
        StringBuilder sb = new StringBuilder();
        for (int bit = 0; bit < TCP_FLAGS.length; bit++) {
            if ((bits & 1 << bit) != 0) {
                sb.append(sb.length() > 0 ? "," : "").append(TCP_FLAGS[bit]);
            }
        }
        return sb.length() > 0 ? sb.toString() : "0x0";
    }

    private static boolean isZero(byte[] data) {
        for (byte b : data) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static Operand meta(Meta m) {
        return switch (m.key()) {
        case Nft.NFT_META_NFPROTO -> new Operand("meta nfproto", Kind.NFPROTO, null);
        case Nft.NFT_META_L4PROTO -> new Operand("meta l4proto", Kind.L4PROTO, null);
        case Nft.NFT_META_PROTOCOL -> new Operand("meta protocol", Kind.ETHERTYPE, null);
        case Nft.NFT_META_IIFNAME -> new Operand("iifname", Kind.IFNAME, null);
        case Nft.NFT_META_OIFNAME -> new Operand("oifname", Kind.IFNAME, null);
        default -> new Operand("meta " + m.keyName(), Kind.HEX, null);
        };
    }

    private static Operand payload(Payload p, int l3, int l4) {
        int base = p.base();
        int off = p.offset();
        int len = p.length();
        if (base == Nft.NFT_PAYLOAD_NETWORK_HEADER && l3 == 2) {
            if (off == 12 && len == 4) {
                return new Operand("ip saddr", Kind.IPV4, "ip");
            }
            if (off == 16 && len == 4) {
                return new Operand("ip daddr", Kind.IPV4, "ip");
            }
            if (off == 9 && len == 1) {
                return new Operand("ip protocol", Kind.L4PROTO, "ip");
            }
        }
        if (base == Nft.NFT_PAYLOAD_NETWORK_HEADER && l3 == 10) {
            if (off == 8 && len == 16) {
                return new Operand("ip6 saddr", Kind.IPV6, "ip6");
            }
            if (off == 24 && len == 16) {
                return new Operand("ip6 daddr", Kind.IPV6, "ip6");
            }
            if (off == 6 && len == 1) {
                return new Operand("ip6 nexthdr", Kind.L4PROTO, "ip6");
            }
        }
        if (base == Nft.NFT_PAYLOAD_TRANSPORT_HEADER) {
            String header = L4_HEADER.get(l4);
            if ((l4 == 58 || l4 == 1) && off == 0 && len == 1) {
                return new Operand(header + " type", l4 == 58 ? Kind.ICMPV6_TYPE : Kind.ICMP_TYPE, header);
            }
            if ((l4 == 58 || l4 == 1) && off == 1 && len == 1) {
                return new Operand(header + " code", Kind.BE_INT, header);
            }
            if (l4 == 6 && off == 13 && len == 1) {
                return new Operand("tcp flags", Kind.TCP_FLAGS, "tcp");
            }
            if (len == 2 && (off == 0 || off == 2)) {
                String h = header == null || l4 == 58 || l4 == 1 ? "th" : header;
                return new Operand(h + (off == 0 ? " sport" : " dport"), Kind.BE_INT, h);
            }
        }
        String b = switch (base) {
        case Nft.NFT_PAYLOAD_LL_HEADER -> "ll";
        case Nft.NFT_PAYLOAD_NETWORK_HEADER -> "nh";
        case Nft.NFT_PAYLOAD_TRANSPORT_HEADER -> "th";
        default -> "base" + base;
        };
        return new Operand("@" + b + "," + off * 8 + "," + len * 8, Kind.HEX, "@" + b);
    }

    private static String number(Kind kind, byte[] data) {
        if (kind == Kind.HOST_INT) {
            return Long.toString(hostInt(data));
        }
        if (kind == Kind.HEX) {
            return "0x" + HexFormat.of().formatHex(data);
        }
        return Long.toString(beInt(data));
    }

    private static String value(Kind kind, byte[] data, int l3) {
        try {
            return switch (kind) {
            case IPV4, IPV6 -> data.length == (kind == Kind.IPV4 ? 4 : 16)
                    ? Addresses.format(InetAddress.getByAddress(data)) : "0x" + HexFormat.of().formatHex(data);
            case NFPROTO -> data.length == 1 && data[0] == 2 ? "ipv4"
                    : data.length == 1 && data[0] == 10 ? "ipv6" : Long.toString(beInt(data));
            case L4PROTO -> data.length == 1 ? L4.getOrDefault(data[0] & 0xff, Integer.toString(data[0] & 0xff))
                    : Long.toString(beInt(data));
            case ETHERTYPE -> {
                long t = beInt(data);
                yield t == 0x0800 ? "ip" : t == 0x86dd ? "ip6" : t == 0x0806 ? "arp" : String.format("0x%04x", t);
            }
            case ICMPV6_TYPE -> ICMPV6_TYPES.getOrDefault((int) beInt(data), Long.toString(beInt(data)));
            case ICMP_TYPE -> ICMP_TYPES.getOrDefault((int) beInt(data), Long.toString(beInt(data)));
            case TCP_FLAGS -> data.length == 1 && Integer.bitCount(data[0] & 0xff) == 1
                    ? TCP_FLAGS[Integer.numberOfTrailingZeros(data[0] & 0xff)] : "0x" + Long.toHexString(beInt(data));
            case IFNAME -> "\"" + new String(data, StandardCharsets.UTF_8).replace("\0", "") + "\"";
            case BE_INT, HOST_INT, HEX -> number(kind, data);
            };
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long beInt(byte[] data) {
        long v = 0;
        for (int i = 0; i < Math.min(data.length, 8); i++) {
            v = v << 8 | (data[i] & 0xff);
        }
        return v;
    }

    private static long hostInt(byte[] data) {
        byte[] padded = java.util.Arrays.copyOf(data, 8);
        return ByteBuffer.wrap(padded).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    private static String reject(Reject r, int l3) {
        return switch (r.type()) {
        case Nft.NFT_REJECT_TCP_RST -> "reject with tcp reset";
        case Nft.NFT_REJECT_ICMPX_UNREACH -> "reject with icmpx " + switch (r.code()) {
        case Nft.NFT_REJECT_ICMPX_NO_ROUTE -> "no-route";
        case Nft.NFT_REJECT_ICMPX_PORT_UNREACH -> "port-unreachable";
        case Nft.NFT_REJECT_ICMPX_HOST_UNREACH -> "host-unreachable";
        case Nft.NFT_REJECT_ICMPX_ADMIN_PROHIBITED -> "admin-prohibited";
        default -> Integer.toString(r.code());
        };
        case Nft.NFT_REJECT_ICMP_UNREACH -> l3 == 10 ? "reject with icmpv6 " + switch (r.code()) {
        case 0 -> "no-route";
        case 1 -> "admin-prohibited";
        case 3 -> "addr-unreachable";
        case 4 -> "port-unreachable";
        default -> Integer.toString(r.code());
        } : "reject with icmp " + switch (r.code()) {
        case 0 -> "net-unreachable";
        case 1 -> "host-unreachable";
        case 3 -> "port-unreachable";
        case 13 -> "admin-prohibited";
        default -> Integer.toString(r.code());
        };
        default -> "reject type " + r.type() + " code " + r.code();
        };
    }
}
