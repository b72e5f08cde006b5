package io.netns4j.internal.nftables;

import io.netns4j.internal.netlink.Attributes;
import io.netns4j.internal.netlink.MessageWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One expression of an nf_tables rule: the kernel's virtual machine runs a rule's expressions in order, loading packet
 * data into registers ({@link Meta}, {@link Payload}, {@link Numgen}), comparing or converting it ({@link Cmp},
 * {@link Bitwise}, {@link Byteorder}) and acting ({@link Counter}, {@link Immediate} verdicts, {@link Reject}).
 *
 * <p>
 * On the wire an expression is an {@code NFTA_LIST_ELEM} of {@code NFTA_RULE_EXPRESSIONS} holding
 * {@code NFTA_EXPR_NAME} and {@code NFTA_EXPR_DATA}, both nests flagged {@code NLA_F_NESTED} as libnftnl writes them;
 * integers are big-endian. Each record writes its attributes in the order libnftnl 1.2 (nftables 1.0.6) does, so that
 * the bytes equal what {@code nft} sends. {@link #debug()} prints an expression as {@code nft --debug=netlink} does.
 */
public sealed interface Expr {

    /** The expression's kernel name ({@code NFTA_EXPR_NAME}): {@code meta}, {@code cmp}... */
    String name();

    /** Writes the attributes nested in {@code NFTA_EXPR_DATA}. */
    void encodeData(MessageWriter w);

    /** The expression as {@code nft --debug=netlink} prints it: {@code [ meta load l4proto => reg 1 ]}. */
    String debug();

    /** Writes the whole {@code NFTA_LIST_ELEM} of an expression. */
    static void encode(MessageWriter w, Expr e) {
        int elem = w.beginFlaggedNested(Nft.NFTA_LIST_ELEM);
        w.attrString(Nft.NFTA_EXPR_NAME, e.name());
        int data = w.beginFlaggedNested(Nft.NFTA_EXPR_DATA);
        e.encodeData(w);
        w.endNested(data);
        w.endNested(elem);
    }

    /**
     * Decodes one {@code NFTA_LIST_ELEM}. Expressions this codec does not model, and modelled ones in forms it does not
     * model (an {@code immediate} loading a value...), come back as {@link Unknown} with their raw data.
     */
    static Expr decode(Attributes elem) {
        String name = elem.string(Nft.NFTA_EXPR_NAME);
        Attributes d = elem.nested(Nft.NFTA_EXPR_DATA);
        byte[] raw = elem.bytes(Nft.NFTA_EXPR_DATA);
        if (name == null) {
            return new Unknown("(no name)", raw);
        }
        return switch (name) {
        case "meta" -> d.has(Nft.NFTA_META_DREG)
                ? new Meta(d.be32(Nft.NFTA_META_KEY, -1), d.be32(Nft.NFTA_META_DREG, 0)) : new Unknown(name, raw);
        case "cmp" -> {
            CmpOp op = CmpOp.of(d.be32(Nft.NFTA_CMP_OP, -1));
            byte[] value = d.nested(Nft.NFTA_CMP_DATA).bytes(Nft.NFTA_DATA_VALUE);
            yield op == null || value == null ? new Unknown(name, raw)
                    : new Cmp(d.be32(Nft.NFTA_CMP_SREG, 0), op, value);
        }
        case "payload" -> d.has(Nft.NFTA_PAYLOAD_DREG) ? new Payload(d.be32(Nft.NFTA_PAYLOAD_BASE, -1),
                d.be32(Nft.NFTA_PAYLOAD_OFFSET, 0), d.be32(Nft.NFTA_PAYLOAD_LEN, 0), d.be32(Nft.NFTA_PAYLOAD_DREG, 0))
                : new Unknown(name, raw);
        case "immediate" -> {
            Attributes v = d.nested(Nft.NFTA_IMMEDIATE_DATA).nested(Nft.NFTA_DATA_VERDICT);
            int code = v.be32(Nft.NFTA_VERDICT_CODE, Integer.MIN_VALUE);
            if (code == Integer.MIN_VALUE) {
                yield new Unknown(name, raw);
            }
            String chain = v.string(Nft.NFTA_VERDICT_CHAIN);
            boolean jumps = code == Nft.NFT_JUMP || code == Nft.NFT_GOTO;
            yield jumps == (chain != null) ? new Immediate(d.be32(Nft.NFTA_IMMEDIATE_DREG, 0), new Verdict(code, chain))
                    : new Unknown(name, raw);
        }
        case "counter" -> new Counter(d.be64(Nft.NFTA_COUNTER_PACKETS, 0), d.be64(Nft.NFTA_COUNTER_BYTES, 0));
        case "reject" -> new Reject(d.be32(Nft.NFTA_REJECT_TYPE, 0), d.u8(Nft.NFTA_REJECT_ICMP_CODE, 0));
        case "numgen" -> new Numgen(d.be32(Nft.NFTA_NG_DREG, 0), d.be32(Nft.NFTA_NG_TYPE, 0),
                d.be32(Nft.NFTA_NG_MODULUS, 0), d.be32(Nft.NFTA_NG_OFFSET, 0));
        case "bitwise" -> {
            byte[] mask = d.nested(Nft.NFTA_BITWISE_MASK).bytes(Nft.NFTA_DATA_VALUE);
            byte[] xor = d.nested(Nft.NFTA_BITWISE_XOR).bytes(Nft.NFTA_DATA_VALUE);
            int len = d.be32(Nft.NFTA_BITWISE_LEN, 0);
            // shifts (NFT_BITWISE_LSHIFT/RSHIFT) carry NFTA_BITWISE_DATA instead of a mask and a xor
            yield d.be32(Nft.NFTA_BITWISE_OP, Nft.NFT_BITWISE_MASK_XOR) != Nft.NFT_BITWISE_MASK_XOR || mask == null
                    || xor == null || mask.length != len || xor.length != len ? new Unknown(name, raw)
                            : new Bitwise(d.be32(Nft.NFTA_BITWISE_SREG, 0), d.be32(Nft.NFTA_BITWISE_DREG, 0), mask,
                                    xor);
        }
        case "byteorder" -> new Byteorder(d.be32(Nft.NFTA_BYTEORDER_SREG, 0), d.be32(Nft.NFTA_BYTEORDER_DREG, 0),
                d.be32(Nft.NFTA_BYTEORDER_OP, 0), d.be32(Nft.NFTA_BYTEORDER_LEN, 0),
                d.be32(Nft.NFTA_BYTEORDER_SIZE, 0));
        default -> new Unknown(name, raw);
        };
    }

    /**
     * Data words as libnftnl prints them: the bytes read as 32-bit words in host (little-endian) order, zero-padded,
     * each {@code 0x%08x}; {@code 10.0.0.1} prints as {@code 0x0100000a}.
     */
    static String words(byte[] data) {
        byte[] padded = Arrays.copyOf(data, (data.length + 3) & ~3);
        ByteBuffer b = ByteBuffer.wrap(padded).order(ByteOrder.LITTLE_ENDIAN);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < padded.length; i += 4) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(String.format("0x%08x", b.getInt(i)));
        }
        return sb.toString();
    }

    // ---- the expressions

    /**
     * {@code meta load KEY => reg DREG}: loads packet metadata ({@code NFT_META_L4PROTO}, {@code NFT_META_NFPROTO}...).
     */
    record Meta(int key, int dreg) implements Expr {

        private static final String[] KEYS = { "len", "protocol", "priority", "mark", "iif", "oif", "iifname",
                "oifname", "iiftype", "oiftype", "skuid", "skgid", "nftrace", "rtclassid", "secmark", "nfproto",
                "l4proto", "bri_iifname", "bri_oifname", "pkttype", "cpu", "iifgroup", "oifgroup", "cgroup", "random",
                "secpath", "iifkind", "oifkind", "bri_iifpvid", "bri_iifvproto", "time", "day", "hour", "sdif",
                "sdifname" };

        /** {@code meta load KEY => reg 1}. */
        public static Meta load(int key) {
            return new Meta(key, Nft.NFT_REG_1);
        }

        /** The key's name as libnftnl prints it ({@code l4proto}), or {@code key N}. */
        public String keyName() {
            return key >= 0 && key < KEYS.length ? KEYS[key] : "key " + key;
        }

        @Override
        public String name() {
            return "meta";
        }

        @Override
        public void encodeData(MessageWriter w) {
            w.attrBe32(Nft.NFTA_META_KEY, key).attrBe32(Nft.NFTA_META_DREG, dreg);
        }

        @Override
        public String debug() {
            return "[ meta load " + keyName() + " => reg " + dreg + " ]";
        }
    }

    /** A relational operator of {@code cmp} ({@code enum nft_cmp_ops}). */
    enum CmpOp {
        EQ("eq", "=="), NEQ("neq", "!="), LT("lt", "<"), LTE("lte", "<="), GT("gt", ">"), GTE("gte", ">=");

        private final String debugName;
        private final String symbol;

        CmpOp(String debugName, String symbol) {
            this.debugName = debugName;
            this.symbol = symbol;
        }

        /** The operator as {@code nft} writes it: {@code ==}, {@code <}... */
        public String symbol() {
            return symbol;
        }

        static CmpOp of(int number) {
            return number >= 0 && number < values().length ? values()[number] : null;
        }
    }

    /** {@code cmp OP reg SREG DATA}: compares a register with a constant; the rule ends here unless it holds. */
    record Cmp(int sreg, CmpOp op, byte[] data) implements Expr {

        public Cmp {
            Objects.requireNonNull(op, "op");
            data = data.clone();
            if (data.length == 0 || data.length > 64) {
                throw new IllegalArgumentException("cmp data must be 1 to 64 bytes, not " + data.length);
            }
        }

        /** {@code cmp OP reg 1 DATA}. */
        public static Cmp reg1(CmpOp op, byte[] data) {
            return new Cmp(Nft.NFT_REG_1, op, data);
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public String name() {
            return "cmp";
        }

        @Override
        public void encodeData(MessageWriter w) {
            w.attrBe32(Nft.NFTA_CMP_SREG, sreg).attrBe32(Nft.NFTA_CMP_OP, op.ordinal());
            int nest = w.beginFlaggedNested(Nft.NFTA_CMP_DATA);
            w.attr(Nft.NFTA_DATA_VALUE, data);
            w.endNested(nest);
        }

        @Override
        public String debug() {
            return "[ cmp " + op.debugName + " reg " + sreg + " " + words(data) + " ]";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Cmp c && c.sreg == sreg && c.op == op && Arrays.equals(c.data, data);
        }

        @Override
        public int hashCode() {
            return Objects.hash(sreg, op, Arrays.hashCode(data));
        }

        @Override
        public String toString() {
            return "Cmp[sreg=" + sreg + ", op=" + op + ", data=" + HexFormat.of().formatHex(data) + "]";
        }
    }

    /**
     * {@code payload load LEN b @ BASE header + OFFSET => reg DREG}: loads bytes of a packet header
     * ({@code NFT_PAYLOAD_NETWORK_HEADER}...).
     */
    record Payload(int base, int offset, int length, int dreg) implements Expr {

        /** {@code payload load LEN b @ BASE header + OFFSET => reg 1}. */
        public static Payload load(int base, int offset, int length) {
            return new Payload(base, offset, length, Nft.NFT_REG_1);
        }

        @Override
        public String name() {
            return "payload";
        }

        @Override
        public void encodeData(MessageWriter w) {
            w.attrBe32(Nft.NFTA_PAYLOAD_DREG, dreg).attrBe32(Nft.NFTA_PAYLOAD_BASE, base)
                    .attrBe32(Nft.NFTA_PAYLOAD_OFFSET, offset).attrBe32(Nft.NFTA_PAYLOAD_LEN, length);
        }

        /** The base as libnftnl prints it: {@code link}, {@code network}, {@code transport}, {@code inner}. */
        public String baseName() {
            return switch (base) {
            case Nft.NFT_PAYLOAD_LL_HEADER -> "link";
            case Nft.NFT_PAYLOAD_NETWORK_HEADER -> "network";
            case Nft.NFT_PAYLOAD_TRANSPORT_HEADER -> "transport";
            case 3 -> "inner";
            default -> "base " + base;
            };
        }

        @Override
        public String debug() {
            return "[ payload load " + length + "b @ " + baseName() + " header + " + offset + " => reg " + dreg + " ]";
        }
    }

    /**
     * {@code bitwise reg DREG = ( reg SREG & MASK ) ^ XOR}: masks a register, as {@code tcp flags & rst} does before
     * its {@code cmp}. The operands are as long as the mask ({@code NFTA_BITWISE_LEN}).
     */
    record Bitwise(int sreg, int dreg, byte[] mask, byte[] xor) implements Expr {

        public Bitwise {
            mask = mask.clone();
            xor = xor.clone();
            if (mask.length == 0 || mask.length > 64 || xor.length != mask.length) {
                throw new IllegalArgumentException("bitwise mask and xor must be 1 to 64 bytes, of equal length, not "
                        + mask.length + " and " + xor.length);
            }
        }

        /** {@code bitwise reg 1 = ( reg 1 & MASK ) ^ 0}: keeps the bits of {@code mask}. */
        public static Bitwise andReg1(byte[] mask) {
            return new Bitwise(Nft.NFT_REG_1, Nft.NFT_REG_1, mask, new byte[mask.length]);
        }

        @Override
        public byte[] mask() {
            return mask.clone();
        }

        @Override
        public byte[] xor() {
            return xor.clone();
        }

        @Override
        public String name() {
            return "bitwise";
        }

        @Override
        public void encodeData(MessageWriter w) {
            w.attrBe32(Nft.NFTA_BITWISE_SREG, sreg).attrBe32(Nft.NFTA_BITWISE_DREG, dreg)
                    .attrBe32(Nft.NFTA_BITWISE_OP, Nft.NFT_BITWISE_MASK_XOR)
                    .attrBe32(Nft.NFTA_BITWISE_LEN, mask.length);
            int m = w.beginFlaggedNested(Nft.NFTA_BITWISE_MASK);
            w.attr(Nft.NFTA_DATA_VALUE, mask);
            w.endNested(m);
            int x = w.beginFlaggedNested(Nft.NFTA_BITWISE_XOR);
            w.attr(Nft.NFTA_DATA_VALUE, xor);
            w.endNested(x);
        }

        @Override
        public String debug() {
            return "[ bitwise reg " + dreg + " = ( reg " + sreg + " & " + words(mask) + " ) ^ " + words(xor) + " ]";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bitwise b && b.sreg == sreg && b.dreg == dreg && Arrays.equals(b.mask, mask)
                    && Arrays.equals(b.xor, xor);
        }

        @Override
        public int hashCode() {
            return Objects.hash(sreg, dreg, Arrays.hashCode(mask), Arrays.hashCode(xor));
        }

        @Override
        public String toString() {
            return "Bitwise[sreg=" + sreg + ", dreg=" + dreg + ", mask=" + HexFormat.of().formatHex(mask) + ", xor="
                    + HexFormat.of().formatHex(xor) + "]";
        }
    }

    /** {@code immediate reg DREG VERDICT}: sets the verdict (register 0). */
    record Immediate(int dreg, Verdict verdict) implements Expr {

        public Immediate {
            Objects.requireNonNull(verdict, "verdict");
        }

        /** {@code immediate reg 0 VERDICT}: the rule's verdict statement ({@code accept}, {@code drop}). */
        public static Immediate verdict(Verdict verdict) {
            return new Immediate(Nft.NFT_REG_VERDICT, verdict);
        }

        @Override
        public String name() {
            return "immediate";
        }

        @Override
        public void encodeData(MessageWriter w) {
            w.attrBe32(Nft.NFTA_IMMEDIATE_DREG, dreg);
            int data = w.beginFlaggedNested(Nft.NFTA_IMMEDIATE_DATA);
            int v = w.beginFlaggedNested(Nft.NFTA_DATA_VERDICT);
            w.attrBe32(Nft.NFTA_VERDICT_CODE, verdict.code());
            if (verdict.chain() != null) {
                w.attrString(Nft.NFTA_VERDICT_CHAIN, verdict.chain());
            }
            w.endNested(v);
            w.endNested(data);
        }

        @Override
        public String debug() {
            return "[ immediate reg " + dreg + " " + verdict.render() + " ]";
        }
    }

    /**
     * {@code counter}: counts the packets and bytes that reach it. Written with no attributes (the kernel starts at
     * zero, as {@code nft} sends it); a listing reads the kernel's counts.
     */
    record Counter(long packets, long bytes) implements Expr {

        /** A new counter, as a rule to add carries it. */
        public static final Counter NEW = new Counter(0, 0);

        @Override
        public String name() {
            return "counter";
        }

        @Override
        public void encodeData(MessageWriter w) {
            // nft sends an empty NFTA_EXPR_DATA: a counter starting at zero.
        }

        @Override
        public String debug() {
            return "[ counter pkts " + packets + " bytes " + bytes + " ]";
        }
    }

    /**
     * {@code reject type TYPE code CODE}: drops the packet and answers with an ICMP error or a TCP reset
     * ({@code enum nft_reject_types}; for {@code NFT_REJECT_ICMPX_UNREACH} the code is an {@code enum
     * nft_reject_inet_code}).
     */
    record Reject(int type, int code) implements Expr {

        /** {@code reject with tcp reset}. */
        public static final Reject TCP_RESET = new Reject(Nft.NFT_REJECT_TCP_RST, 0);
        /** {@code reject with icmpx type admin-prohibited}: the ICMP or ICMPv6 equivalent, per packet. */
        public static final Reject ICMPX_ADMIN_PROHIBITED = new Reject(Nft.NFT_REJECT_ICMPX_UNREACH,
                Nft.NFT_REJECT_ICMPX_ADMIN_PROHIBITED);

        @Override
        public String name() {
            return "reject";
        }

        @Override
        public void encodeData(MessageWriter w) {
            w.attrBe32(Nft.NFTA_REJECT_TYPE, type).attrU8(Nft.NFTA_REJECT_ICMP_CODE, code);
        }

        @Override
        public String debug() {
            return "[ reject type " + type + " code " + code + " ]";
        }
    }

    /**
     * {@code numgen reg DREG = random mod MODULUS offset OFFSET}: a random ({@code NFT_NG_RANDOM}) or incremental
     * number in {@code [offset, offset + modulus)}, in host byte order.
     */
    record Numgen(int dreg, int type, int modulus, int offset) implements Expr {

        /** {@code numgen random mod MODULUS} into register 1. */
        public static Numgen random(int modulus) {
            return new Numgen(Nft.NFT_REG_1, Nft.NFT_NG_RANDOM, modulus, 0);
        }

        /** The type as {@code nft} names it: {@code random}, {@code inc}. */
        public String typeName() {
            return switch (type) {
            case Nft.NFT_NG_RANDOM -> "random";
            case Nft.NFT_NG_INCREMENTAL -> "inc";
            default -> "type " + type;
            };
        }

        @Override
        public String name() {
            return "numgen";
        }

        @Override
        public void encodeData(MessageWriter w) {
            w.attrBe32(Nft.NFTA_NG_DREG, dreg).attrBe32(Nft.NFTA_NG_MODULUS, modulus).attrBe32(Nft.NFTA_NG_TYPE, type)
                    .attrBe32(Nft.NFTA_NG_OFFSET, offset);
        }

        @Override
        public String debug() {
            return "[ numgen reg " + dreg + " = " + typeName() + " mod " + Integer.toUnsignedString(modulus)
                    + (offset != 0 ? " offset " + Integer.toUnsignedString(offset) : "") + " ]";
        }
    }

    /**
     * {@code byteorder reg DREG = OP(reg SREG, SIZE, LEN)}: converts a register between host and network byte order.
     * {@code nft} puts one after {@code numgen} so that {@code <} compares numbers, not little-endian bytes.
     */
    record Byteorder(int sreg, int dreg, int op, int length, int size) implements Expr {

        /** {@code byteorder reg 1 = hton(reg 1, 4, 4)}: one 32-bit number to network order. */
        public static final Byteorder HTON_REG1_U32 = new Byteorder(Nft.NFT_REG_1, Nft.NFT_REG_1,
                Nft.NFT_BYTEORDER_HTON, 4, 4);

        @Override
        public String name() {
            return "byteorder";
        }

        @Override
        public void encodeData(MessageWriter w) {
            w.attrBe32(Nft.NFTA_BYTEORDER_SREG, sreg).attrBe32(Nft.NFTA_BYTEORDER_DREG, dreg)
                    .attrBe32(Nft.NFTA_BYTEORDER_OP, op).attrBe32(Nft.NFTA_BYTEORDER_LEN, length)
                    .attrBe32(Nft.NFTA_BYTEORDER_SIZE, size);
        }

        @Override
        public String debug() {
            String name = op == Nft.NFT_BYTEORDER_HTON ? "hton" : op == Nft.NFT_BYTEORDER_NTOH ? "ntoh" : "op" + op;
            return "[ byteorder reg " + dreg + " = " + name + "(reg " + sreg + ", " + size + ", " + length + ") ]";
        }
    }

    /**
     * An expression this codec does not model (a {@code lookup}, {@code ct}, {@code log}...), kept with its raw
     * {@code NFTA_EXPR_DATA} so that it can be written back unchanged.
     */
    record Unknown(String name, byte[] rawData) implements Expr {

        public Unknown {
            Objects.requireNonNull(name, "name");
            rawData = rawData == null ? new byte[0] : rawData.clone();
        }

        @Override
        public byte[] rawData() {
            return rawData.clone();
        }

        @Override
        public void encodeData(MessageWriter w) {
            w.raw(rawData);
        }

        @Override
        public String debug() {
            return "[ " + name + " ]";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Unknown u && u.name.equals(name) && Arrays.equals(u.rawData, rawData);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, Arrays.hashCode(rawData));
        }

        @Override
        public String toString() {
            return "Unknown[name=" + name + ", rawData=" + HexFormat.of().formatHex(rawData) + "]";
        }
    }
}
