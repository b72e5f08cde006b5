package io.netns4j.internal.nftables;

import io.netns4j.internal.netlink.Nl;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Names the attribute at an offset of an nf_tables message, for errors: nf_tables rarely writes words in its extended
 * ACK, but points at the attribute it refuses ({@code NLMSGERR_ATTR_OFFS}).
 */
final class AttributeNames {

    private static final String[] TABLE = { null, "NFTA_TABLE_NAME", "NFTA_TABLE_FLAGS", "NFTA_TABLE_USE",
            "NFTA_TABLE_HANDLE", "NFTA_TABLE_PAD", "NFTA_TABLE_USERDATA", "NFTA_TABLE_OWNER" };
    private static final String[] CHAIN = { null, "NFTA_CHAIN_TABLE", "NFTA_CHAIN_HANDLE", "NFTA_CHAIN_NAME",
            "NFTA_CHAIN_HOOK", "NFTA_CHAIN_POLICY", "NFTA_CHAIN_USE", "NFTA_CHAIN_TYPE", "NFTA_CHAIN_COUNTERS",
            "NFTA_CHAIN_PAD", "NFTA_CHAIN_FLAGS", "NFTA_CHAIN_ID", "NFTA_CHAIN_USERDATA" };
    private static final String[] HOOK = { null, "NFTA_HOOK_HOOKNUM", "NFTA_HOOK_PRIORITY", "NFTA_HOOK_DEV",
            "NFTA_HOOK_DEVS" };
    private static final String[] RULE = { null, "NFTA_RULE_TABLE", "NFTA_RULE_CHAIN", "NFTA_RULE_HANDLE",
            "NFTA_RULE_EXPRESSIONS", "NFTA_RULE_COMPAT", "NFTA_RULE_POSITION", "NFTA_RULE_USERDATA", "NFTA_RULE_PAD",
            "NFTA_RULE_ID", "NFTA_RULE_POSITION_ID", "NFTA_RULE_CHAIN_ID" };

    private AttributeNames() {
    }

    /** The path of names to the attribute that starts at, or contains, {@code offset}; null if none does. */
    static String at(byte[] message, int offset) {
        ByteBuffer b = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN);
        if (message.length < Nl.NLMSG_HDRLEN + Nft.NFGENMSG_LEN) {
            return null;
        }
        int type = Short.toUnsignedInt(b.getShort(4));
        String[] names = switch (type & 0xff) {
        case Nft.NFT_MSG_NEWTABLE, Nft.NFT_MSG_DELTABLE, Nft.NFT_MSG_GETTABLE -> TABLE;
        case Nft.NFT_MSG_NEWCHAIN, Nft.NFT_MSG_DELCHAIN, Nft.NFT_MSG_GETCHAIN -> CHAIN;
        case Nft.NFT_MSG_NEWRULE, Nft.NFT_MSG_DELRULE, Nft.NFT_MSG_GETRULE -> RULE;
        default -> new String[0];
        };
        int pos = Nl.NLMSG_HDRLEN + Nft.NFGENMSG_LEN;
        int end = Math.min(b.getInt(0), message.length);
        while (pos + 4 <= end) {
            int len = Short.toUnsignedInt(b.getShort(pos));
            int attr = Short.toUnsignedInt(b.getShort(pos + 2)) & Nl.NLA_TYPE_MASK;
            if (len < 4 || pos + len > end) {
                return null;
            }
            if (offset >= pos && offset < pos + len) {
                String name = name(names, attr);
                if (offset == pos) {
                    return name;
                }
                if (names == CHAIN && attr == Nft.NFTA_CHAIN_HOOK) {
                    return inner(b, pos + 4, pos + len, offset, name, HOOK);
                }
                if (names == RULE && attr == Nft.NFTA_RULE_EXPRESSIONS) {
                    return expression(b, pos + 4, pos + len, offset, name);
                }
                return name;
            }
            pos += (len + 3) & ~3;
        }
        return null;
    }

    private static String name(String[] names, int attr) {
        return attr < names.length && names[attr] != null ? names[attr] : "attribute " + attr;
    }

    private static String inner(ByteBuffer b, int from, int end, int offset, String outer, String[] names) {
        int pos = from;
        while (pos + 4 <= end) {
            int len = Short.toUnsignedInt(b.getShort(pos));
            int attr = Short.toUnsignedInt(b.getShort(pos + 2)) & Nl.NLA_TYPE_MASK;
            if (len < 4 || pos + len > end) {
                break;
            }
            if (offset >= pos && offset < pos + len) {
                return outer + " > " + name(names, attr);
            }
            pos += (len + 3) & ~3;
        }
        return outer;
    }

    /** Inside {@code NFTA_RULE_EXPRESSIONS}: which expression (counted from 1) and which of its data attributes. */
    private static String expression(ByteBuffer b, int from, int end, int offset, String outer) {
        int pos = from;
        int n = 0;
        while (pos + 4 <= end) {
            int len = Short.toUnsignedInt(b.getShort(pos));
            if (len < 4 || pos + len > end) {
                break;
            }
            n++;
            if (offset >= pos && offset < pos + len) {
                String exprName = "?";
                String where = "";
                int p = pos + 4;
                while (p + 4 <= pos + len) {
                    int l = Short.toUnsignedInt(b.getShort(p));
                    int t = Short.toUnsignedInt(b.getShort(p + 2)) & Nl.NLA_TYPE_MASK;
                    if (l < 4 || p + l > pos + len) {
                        break;
                    }
                    if (t == Nft.NFTA_EXPR_NAME) {
                        byte[] s = new byte[Math.max(0, l - 5)];
                        b.get(p + 4, s);
                        exprName = new String(s, StandardCharsets.UTF_8);
                    } else if (t == Nft.NFTA_EXPR_DATA && offset >= p + 4 && offset < p + l) {
                        where = " > data " + inner(b, p + 4, p + l, offset, "", new String[0]).replace(" > ", "");
                    }
                    p += (l + 3) & ~3;
                }
                return outer + " > expression " + n + " (" + exprName + ")" + where;
            }
            pos += (len + 3) & ~3;
        }
        return outer;
    }
}
