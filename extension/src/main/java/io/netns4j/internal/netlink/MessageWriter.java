package io.netns4j.internal.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes one netlink message: the {@code nlmsghdr}, a family header ({@code ifinfomsg}, {@code ifaddrmsg},
 * {@code rtmsg}), then attributes, nested ones included, each padded to 4 bytes as {@code NLA_ALIGN} requires. Header
 * fields are in host byte order (little-endian on every platform netns4j runs on); addresses are written as given, in
 * network order.
 */
public final class MessageWriter {

    private ByteBuffer buf = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);
    private final int type;
    private final int flags;
    private final String description;

    /**
     * @param type
     *            the message type, e.g. {@link Nl#RTM_NEWLINK}
     * @param flags
     *            the {@code NLM_F_*} flags; {@code NLM_F_REQUEST} is added
     * @param description
     *            what the request does, in {@code ip} command terms, for error messages
     */
    public MessageWriter(int type, int flags, String description) {
        this.type = type;
        this.flags = flags | Nl.NLM_F_REQUEST;
        this.description = description;
        buf.position(Nl.NLMSG_HDRLEN);
    }

    public int type() {
        return type;
    }

    public String description() {
        return description;
    }

    private void ensure(int more) {
        if (buf.remaining() < more + 4) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + more + 64))
                    .order(ByteOrder.LITTLE_ENDIAN);
            buf.flip();
            bigger.put(buf);
            buf = bigger;
        }
    }

    private void pad() {
        while ((buf.position() & 3) != 0) {
            buf.put((byte) 0);
        }
    }

    /** {@code struct ifinfomsg}: family, device type, index, flags, change mask (16 bytes). */
    public MessageWriter ifinfomsg(int family, int deviceType, int index, int ifFlags, int change) {
        ensure(16);
        buf.put((byte) family).put((byte) 0).putShort((short) deviceType).putInt(index).putInt(ifFlags).putInt(change);
        return this;
    }

    /** A family header given as bytes (e.g. {@code struct tcmsg}, {@code struct nfgenmsg}). */
    public MessageWriter header(byte[] familyHeader) {
        ensure(familyHeader.length + 3);
        buf.put(familyHeader);
        pad();
        return this;
    }

    /** {@code struct ifaddrmsg}: family, prefix length, flags, scope, index (8 bytes). */
    public MessageWriter ifaddrmsg(int family, int prefixLength, int addrFlags, int scope, int index) {
        ensure(8);
        buf.put((byte) family).put((byte) prefixLength).put((byte) addrFlags).put((byte) scope).putInt(index);
        return this;
    }

    /** {@code struct rtmsg} (12 bytes). */
    public MessageWriter rtmsg(int family, int dstLength, int srcLength, int tos, int table, int protocol, int scope,
            int routeType, int routeFlags) {
        ensure(12);
        buf.put((byte) family).put((byte) dstLength).put((byte) srcLength).put((byte) tos).put((byte) table)
                .put((byte) protocol).put((byte) scope).put((byte) routeType).putInt(routeFlags);
        return this;
    }

    /**
     * Raw bytes inside an open nested attribute, padded to 4 bytes: for the options that start with a struct before
     * their attributes (netem's {@code TCA_OPTIONS} is a {@code struct tc_netem_qopt} followed by attributes).
     */
    public MessageWriter bytes(byte[] raw) {
        ensure(raw.length + 3);
        buf.put(raw);
        pad();
        return this;
    }

    /** An attribute with raw bytes as its payload. */
    public MessageWriter attr(int attrType, byte[] payload) {
        ensure(4 + payload.length + 3);
        buf.putShort((short) (4 + payload.length)).putShort((short) attrType).put(payload);
        pad();
        return this;
    }

    /** Bytes that are already attributes (e.g. a decoded nest written back unchanged), padded to 4 bytes. */
    public MessageWriter raw(byte[] attributes) {
        ensure(attributes.length + 3);
        buf.put(attributes);
        pad();
        return this;
    }

    /** A 32-bit attribute in host byte order. */
    public MessageWriter attrU32(int attrType, int value) {
        ensure(8);
        buf.putShort((short) 8).putShort((short) attrType).putInt(value);
        return this;
    }

    /**
     * A 32-bit attribute in network byte order, as nf_tables carries every integer ({@code NLA_BE32}; libnftnl writes
     * them with {@code htonl}).
     */
    public MessageWriter attrBe32(int attrType, int value) {
        ensure(8);
        buf.putShort((short) 8).putShort((short) attrType).order(ByteOrder.BIG_ENDIAN).putInt(value)
                .order(ByteOrder.LITTLE_ENDIAN);
        return this;
    }

    /** A 64-bit attribute in network byte order ({@code NLA_BE64}: nf_tables handles and counters). */
    public MessageWriter attrBe64(int attrType, long value) {
        ensure(12);
        buf.putShort((short) 12).putShort((short) attrType).order(ByteOrder.BIG_ENDIAN).putLong(value)
                .order(ByteOrder.LITTLE_ENDIAN);
        return this;
    }

    /** A 64-bit attribute in host byte order (not aligned to 8 bytes, as iproute2's {@code addattr_l} writes it). */
    public MessageWriter attrU64(int attrType, long value) {
        ensure(12);
        buf.putShort((short) 12).putShort((short) attrType).putLong(value);
        return this;
    }

    /** An 8-bit attribute (padded to 4 bytes). */
    public MessageWriter attrU8(int attrType, int value) {
        return attr(attrType, new byte[] { (byte) value });
    }

    /** A NUL-terminated string attribute. */
    public MessageWriter attrString(int attrType, String value) {
        byte[] s = value.getBytes(StandardCharsets.UTF_8);
        return attr(attrType, Arrays.copyOf(s, s.length + 1));
    }

    /**
     * A string attribute without the terminating NUL, as iproute2 writes {@code IFLA_INFO_KIND}
     * ({@code addattr_l(..., strlen(kind))}); the kernel's {@code NLA_STRING} policy accepts both forms.
     */
    public MessageWriter attrStringNoNul(int attrType, String value) {
        return attr(attrType, value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Opens a nested attribute; close it with {@link #endNested(int)} passing the returned token. The
     * {@code NLA_F_NESTED} flag is not set, as iproute2 does not set it for link info either.
     */
    public int beginNested(int attrType) {
        ensure(4);
        int start = buf.position();
        buf.putShort((short) 0).putShort((short) attrType);
        return start;
    }

    /**
     * Opens a nested attribute with the {@code NLA_F_NESTED} flag in its type, as libmnl's {@code mnl_attr_nest_start}
     * writes it and nf_tables requires for expressions; close it with {@link #endNested(int)}.
     */
    public int beginFlaggedNested(int attrType) {
        return beginNested(attrType | Nl.NLA_F_NESTED);
    }

    /** Closes a nested attribute opened by {@link #beginNested(int)} or {@link #beginFlaggedNested(int)}. */
    public MessageWriter endNested(int token) {
        buf.putShort(token, (short) (buf.position() - token));
        return this;
    }

    /** The finished message with the given sequence number and port id 0 (the kernel). */
    public byte[] build(int seq) {
        int length = buf.position();
        ByteBuffer out = buf.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(0, length).putShort(4, (short) type).putShort(6, (short) flags).putInt(8, seq).putInt(12, 0);
        return Arrays.copyOf(buf.array(), length);
    }
}
