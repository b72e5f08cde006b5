package io.netns4j.internal.nftables;

/**
 * Constants of nf_tables over nfnetlink, as {@code linux/netfilter/nfnetlink.h}, {@code linux/netfilter/nf_tables.h}
 * and {@code linux/netfilter.h} define them. Only what the codec uses is here.
 */
public final class Nft {

    private Nft() {
    }

    // linux/netlink.h
    /** The netlink protocol of nfnetlink. */
    public static final int NETLINK_NETFILTER = 12;
    public static final int NLM_F_APPEND = 0x800;

    // linux/netfilter/nfnetlink.h
    public static final int NFNETLINK_V0 = 0;
    public static final int NFNL_SUBSYS_NFTABLES = 10;
    /** {@code NLMSG_MIN_TYPE}: opens a transaction. */
    public static final int NFNL_MSG_BATCH_BEGIN = 0x10;
    /** {@code NLMSG_MIN_TYPE + 1}: commits it. */
    public static final int NFNL_MSG_BATCH_END = 0x11;
    /** {@code sizeof(struct nfgenmsg)}: family, version, resource id (big-endian). */
    public static final int NFGENMSG_LEN = 4;

    // enum nf_tables_msg_types
    public static final int NFT_MSG_NEWTABLE = 0;
    public static final int NFT_MSG_GETTABLE = 1;
    public static final int NFT_MSG_DELTABLE = 2;
    public static final int NFT_MSG_NEWCHAIN = 3;
    public static final int NFT_MSG_GETCHAIN = 4;
    public static final int NFT_MSG_DELCHAIN = 5;
    public static final int NFT_MSG_NEWRULE = 6;
    public static final int NFT_MSG_GETRULE = 7;
    public static final int NFT_MSG_DELRULE = 8;

    // enum nft_list_attributes
    public static final int NFTA_LIST_ELEM = 1;

    // enum nft_hook_attributes
    public static final int NFTA_HOOK_HOOKNUM = 1;
    public static final int NFTA_HOOK_PRIORITY = 2;
    public static final int NFTA_HOOK_DEV = 3;

    // enum nft_table_attributes
    public static final int NFTA_TABLE_NAME = 1;
    public static final int NFTA_TABLE_FLAGS = 2;
    public static final int NFTA_TABLE_USE = 3;
    public static final int NFTA_TABLE_HANDLE = 4;
    // enum nft_table_flags
    public static final int NFT_TABLE_F_DORMANT = 0x1;
    public static final int NFT_TABLE_F_OWNER = 0x2;

    // enum nft_chain_attributes
    public static final int NFTA_CHAIN_TABLE = 1;
    public static final int NFTA_CHAIN_HANDLE = 2;
    public static final int NFTA_CHAIN_NAME = 3;
    public static final int NFTA_CHAIN_HOOK = 4;
    public static final int NFTA_CHAIN_POLICY = 5;
    public static final int NFTA_CHAIN_USE = 6;
    public static final int NFTA_CHAIN_TYPE = 7;
    public static final int NFTA_CHAIN_COUNTERS = 8;
    public static final int NFTA_CHAIN_FLAGS = 10;
    /** {@code NFT_CHAIN_MAXNAMELEN}, the terminating NUL included. */
    public static final int NFT_NAME_MAXLEN = 256;

    // enum nft_rule_attributes
    public static final int NFTA_RULE_TABLE = 1;
    public static final int NFTA_RULE_CHAIN = 2;
    public static final int NFTA_RULE_HANDLE = 3;
    public static final int NFTA_RULE_EXPRESSIONS = 4;

    // enum nft_expr_attributes
    public static final int NFTA_EXPR_NAME = 1;
    public static final int NFTA_EXPR_DATA = 2;

    // enum nft_registers
    public static final int NFT_REG_VERDICT = 0;
    public static final int NFT_REG_1 = 1;

    // enum nft_data_attributes, enum nft_verdict_attributes
    public static final int NFTA_DATA_VALUE = 1;
    public static final int NFTA_DATA_VERDICT = 2;
    public static final int NFTA_VERDICT_CODE = 1;
    public static final int NFTA_VERDICT_CHAIN = 2;

    // enum nft_immediate_attributes
    public static final int NFTA_IMMEDIATE_DREG = 1;
    public static final int NFTA_IMMEDIATE_DATA = 2;

    // enum nft_cmp_attributes, enum nft_cmp_ops
    public static final int NFTA_CMP_SREG = 1;
    public static final int NFTA_CMP_OP = 2;
    public static final int NFTA_CMP_DATA = 3;

    // enum nft_payload_attributes, enum nft_payload_bases
    public static final int NFTA_PAYLOAD_DREG = 1;
    public static final int NFTA_PAYLOAD_BASE = 2;
    public static final int NFTA_PAYLOAD_OFFSET = 3;
    public static final int NFTA_PAYLOAD_LEN = 4;
    public static final int NFT_PAYLOAD_LL_HEADER = 0;
    public static final int NFT_PAYLOAD_NETWORK_HEADER = 1;
    public static final int NFT_PAYLOAD_TRANSPORT_HEADER = 2;

    // enum nft_meta_attributes, enum nft_meta_keys
    public static final int NFTA_META_DREG = 1;
    public static final int NFTA_META_KEY = 2;
    public static final int NFT_META_PROTOCOL = 1;
    public static final int NFT_META_IIFNAME = 6;
    public static final int NFT_META_OIFNAME = 7;
    public static final int NFT_META_NFPROTO = 15;
    public static final int NFT_META_L4PROTO = 16;

    // enum nft_counter_attributes
    public static final int NFTA_COUNTER_BYTES = 1;
    public static final int NFTA_COUNTER_PACKETS = 2;

    // enum nft_reject_attributes, enum nft_reject_types, enum nft_reject_inet_code
    public static final int NFTA_REJECT_TYPE = 1;
    public static final int NFTA_REJECT_ICMP_CODE = 2;
    public static final int NFT_REJECT_ICMP_UNREACH = 0;
    public static final int NFT_REJECT_TCP_RST = 1;
    public static final int NFT_REJECT_ICMPX_UNREACH = 2;
    public static final int NFT_REJECT_ICMPX_NO_ROUTE = 0;
    public static final int NFT_REJECT_ICMPX_PORT_UNREACH = 1;
    public static final int NFT_REJECT_ICMPX_HOST_UNREACH = 2;
    public static final int NFT_REJECT_ICMPX_ADMIN_PROHIBITED = 3;

    // enum nft_bitwise_attributes, enum nft_bitwise_ops
    public static final int NFTA_BITWISE_SREG = 1;
    public static final int NFTA_BITWISE_DREG = 2;
    public static final int NFTA_BITWISE_LEN = 3;
    public static final int NFTA_BITWISE_MASK = 4;
    public static final int NFTA_BITWISE_XOR = 5;
    public static final int NFTA_BITWISE_OP = 6;
    public static final int NFT_BITWISE_MASK_XOR = 0;

    // enum nft_byteorder_attributes, enum nft_byteorder_ops
    public static final int NFTA_BYTEORDER_SREG = 1;
    public static final int NFTA_BYTEORDER_DREG = 2;
    public static final int NFTA_BYTEORDER_OP = 3;
    public static final int NFTA_BYTEORDER_LEN = 4;
    public static final int NFTA_BYTEORDER_SIZE = 5;
    public static final int NFT_BYTEORDER_NTOH = 0;
    public static final int NFT_BYTEORDER_HTON = 1;

    // enum nft_ng_attributes, enum nft_ng_types
    public static final int NFTA_NG_DREG = 1;
    public static final int NFTA_NG_MODULUS = 2;
    public static final int NFTA_NG_TYPE = 3;
    public static final int NFTA_NG_OFFSET = 4;
    public static final int NFT_NG_INCREMENTAL = 0;
    public static final int NFT_NG_RANDOM = 1;

    // linux/netfilter.h: verdicts (NF_DROP, NF_ACCEPT) and enum nft_verdicts
    public static final int NF_DROP = 0;
    public static final int NF_ACCEPT = 1;
    public static final int NFT_CONTINUE = -1;
    public static final int NFT_BREAK = -2;
    public static final int NFT_JUMP = -3;
    public static final int NFT_GOTO = -4;
    public static final int NFT_RETURN = -5;

    /** The {@code nlmsg_type} of an nf_tables message: {@code NFNL_SUBSYS_NFTABLES << 8 | NFT_MSG_*}. */
    public static int type(int nftMsg) {
        return NFNL_SUBSYS_NFTABLES << 8 | nftMsg;
    }

    /** The name of a message type, for messages: {@code 0x0a06} → {@code NFT_MSG_NEWRULE}. */
    public static String messageTypeName(int nlmsgType) {
        if (nlmsgType == NFNL_MSG_BATCH_BEGIN) {
            return "NFNL_MSG_BATCH_BEGIN";
        }
        if (nlmsgType == NFNL_MSG_BATCH_END) {
            return "NFNL_MSG_BATCH_END";
        }
        if (nlmsgType >> 8 != NFNL_SUBSYS_NFTABLES) {
            return "message type 0x" + Integer.toHexString(nlmsgType);
        }
        return switch (nlmsgType & 0xff) {
        case NFT_MSG_NEWTABLE -> "NFT_MSG_NEWTABLE";
        case NFT_MSG_GETTABLE -> "NFT_MSG_GETTABLE";
        case NFT_MSG_DELTABLE -> "NFT_MSG_DELTABLE";
        case NFT_MSG_NEWCHAIN -> "NFT_MSG_NEWCHAIN";
        case NFT_MSG_GETCHAIN -> "NFT_MSG_GETCHAIN";
        case NFT_MSG_DELCHAIN -> "NFT_MSG_DELCHAIN";
        case NFT_MSG_NEWRULE -> "NFT_MSG_NEWRULE";
        case NFT_MSG_GETRULE -> "NFT_MSG_GETRULE";
        case NFT_MSG_DELRULE -> "NFT_MSG_DELRULE";
        default -> "NFT_MSG " + (nlmsgType & 0xff);
        };
    }
}
