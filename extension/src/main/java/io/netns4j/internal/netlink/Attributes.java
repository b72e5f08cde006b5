package io.netns4j.internal.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The attributes of a netlink message or of a nested attribute, by type. Parsing never throws: an attribute whose
 * length runs past the end ends the list, as the kernel's own parser does.
 */
public final class Attributes {

    private final Map<Integer, ByteBuffer> byType = new HashMap<>();

    private Attributes() {
    }

    /** Parses the attributes in {@code buf} from {@code offset} to {@code end}. */
    public static Attributes parse(ByteBuffer buf, int offset, int end) {
        Attributes a = new Attributes();
        int pos = offset;
        while (pos + 4 <= end) {
            int len = Short.toUnsignedInt(buf.getShort(pos));
            int type = Short.toUnsignedInt(buf.getShort(pos + 2)) & Nl.NLA_TYPE_MASK;
            if (len < 4 || pos + len > end) {
                break;
            }
            ByteBuffer payload = buf.duplicate().order(ByteOrder.LITTLE_ENDIAN);
            payload.limit(pos + len).position(pos + 4);
            a.byType.put(type, payload.slice().order(ByteOrder.LITTLE_ENDIAN));
            pos += (len + 3) & ~3;
        }
        return a;
    }

    public boolean has(int type) {
        return byType.containsKey(type);
    }

    /** The payload of an attribute, or null. */
    public ByteBuffer get(int type) {
        ByteBuffer b = byType.get(type);
        return b == null ? null : b.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    public byte[] bytes(int type) {
        ByteBuffer b = get(type);
        if (b == null) {
            return null;
        }
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    /** A NUL-terminated string attribute, or null. */
    public String string(int type) {
        byte[] b = bytes(type);
        if (b == null) {
            return null;
        }
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }

    /** A 32-bit attribute in host order, or {@code absent}. */
    public int u32(int type, int absent) {
        ByteBuffer b = get(type);
        return b == null || b.remaining() < 4 ? absent : b.getInt(0);
    }

    /** A 32-bit attribute in network byte order ({@code NLA_BE32}, as nf_tables sends integers), or {@code absent}. */
    public int be32(int type, int absent) {
        ByteBuffer b = get(type);
        return b == null || b.remaining() < 4 ? absent : b.order(ByteOrder.BIG_ENDIAN).getInt(0);
    }

    /** A 64-bit attribute in network byte order ({@code NLA_BE64}), or {@code absent}. */
    public long be64(int type, long absent) {
        ByteBuffer b = get(type);
        return b == null || b.remaining() < 8 ? absent : b.order(ByteOrder.BIG_ENDIAN).getLong(0);
    }

    /**
     * The elements of a list attribute in their order: each attribute of type {@code elementType} nested in the
     * attribute {@code type} (e.g. the {@code NFTA_LIST_ELEM}s of {@code NFTA_RULE_EXPRESSIONS}), parsed; empty if the
     * list is absent. {@link #nested(int)} cannot serve here, as it keeps one attribute per type.
     */
    public List<Attributes> list(int type, int elementType) {
        ByteBuffer b = get(type);
        List<Attributes> out = new ArrayList<>();
        if (b == null) {
            return out;
        }
        int end = b.limit();
        int pos = 0;
        while (pos + 4 <= end) {
            int len = Short.toUnsignedInt(b.getShort(pos));
            int t = Short.toUnsignedInt(b.getShort(pos + 2)) & Nl.NLA_TYPE_MASK;
            if (len < 4 || pos + len > end) {
                break;
            }
            if (t == elementType) {
                out.add(parse(b, pos + 4, pos + len));
            }
            pos += (len + 3) & ~3;
        }
        return out;
    }

    /** An 8-bit attribute, or {@code absent}. */
    public int u8(int type, int absent) {
        ByteBuffer b = get(type);
        return b == null || b.remaining() < 1 ? absent : Byte.toUnsignedInt(b.get(0));
    }

    /** The attributes nested in an attribute; empty if it is absent. */
    public Attributes nested(int type) {
        ByteBuffer b = get(type);
        return b == null ? new Attributes() : parse(b, 0, b.limit());
    }
}
