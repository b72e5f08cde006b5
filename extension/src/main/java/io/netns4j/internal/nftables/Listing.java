package io.netns4j.internal.nftables;

import io.netns4j.internal.netlink.Attributes;
import io.netns4j.internal.netlink.Message;
import io.netns4j.internal.netlink.MessageWriter;
import io.netns4j.internal.netlink.Nl;
import java.util.ArrayList;
import java.util.List;

/**
 * Reading a ruleset back: the dump requests {@code nft list} sends, and the kernel's answers decoded into records that
 * render as {@code nft list} prints them. For tests and for failure reports, so that what the kernel holds can be
 * compared with what was meant.
 */
public final class Listing {

    private static final int NFTA_HOOK_DEVS = 4;
    private static final int NFTA_DEVICE_NAME = 1;

    private Listing() {
    }

    /** The tables of every family. Equivalent to: {@code nft list tables} (its {@code NFT_MSG_GETTABLE} dump). */
    public static MessageWriter getTables() {
        return dump(Nft.NFT_MSG_GETTABLE, Nl.AF_UNSPEC, "nft list tables");
    }

    /**
     * The chains of every family and table; keep those wanted with {@link ChainInfo#table()}. Equivalent to: the
     * {@code NFT_MSG_GETCHAIN} dump of {@code nft list table F T}, which asks for all chains too.
     */
    public static MessageWriter getChains() {
        return dump(Nft.NFT_MSG_GETCHAIN, Nl.AF_UNSPEC, "nft list chains");
    }

    /** The rules of one table. Equivalent to: the {@code NFT_MSG_GETRULE} dump of {@code nft list table F T}. */
    public static MessageWriter getRules(Family family, String table) {
        return dump(Nft.NFT_MSG_GETRULE, family.number(), "nft list table " + family + " " + table)
                .attrString(Nft.NFTA_RULE_TABLE, table);
    }

    private static MessageWriter dump(int nftMsg, int family, String description) {
        return new MessageWriter(Nft.type(nftMsg), Nl.NLM_F_DUMP, description)
                .header(new byte[] { (byte) family, Nft.NFNETLINK_V0, 0, 0 });
    }

    private static Family familyOf(Message m) {
        return Family.of(Byte.toUnsignedInt(m.buffer().get(Nl.NLMSG_HDRLEN)));
    }

    /** Whether an answer is an nf_tables message of that {@code NFT_MSG_*} type of a family this codec knows. */
    private static boolean is(Message m, int nftMsg) {
        return m.type() == Nft.type(nftMsg) && m.length() >= Nl.NLMSG_HDRLEN + Nft.NFGENMSG_LEN && familyOf(m) != null;
    }

    /**
     * A table as the kernel lists it.
     *
     * @param use
     *            how many chains it has
     */
    public record TableInfo(Family family, String name, long handle, int flags, int use) {

        /** The {@code NFT_MSG_NEWTABLE} answers among {@code answers}, decoded. */
        public static List<TableInfo> decodeAll(List<Message> answers) {
            List<TableInfo> out = new ArrayList<>();
            for (Message m : answers) {
                if (is(m, Nft.NFT_MSG_NEWTABLE)) {
                    Attributes a = m.attributes(Nft.NFGENMSG_LEN);
                    out.add(new TableInfo(familyOf(m), a.string(Nft.NFTA_TABLE_NAME), a.be64(Nft.NFTA_TABLE_HANDLE, 0),
                            a.be32(Nft.NFTA_TABLE_FLAGS, 0), a.be32(Nft.NFTA_TABLE_USE, 0)));
                }
            }
            return out;
        }

        @Override
        public String toString() {
            return "table " + family + " " + name;
        }
    }

    /**
     * A chain as the kernel lists it: its specification (without rules) and handle.
     *
     * @param use
     *            how many rules (and jumps) refer to it
     */
    public record ChainInfo(Family family, String table, long handle, Chain chain, int use) {

        /** The {@code NFT_MSG_NEWCHAIN} answers among {@code answers}, decoded. */
        public static List<ChainInfo> decodeAll(List<Message> answers) {
            List<ChainInfo> out = new ArrayList<>();
            for (Message m : answers) {
                if (!is(m, Nft.NFT_MSG_NEWCHAIN)) {
                    continue;
                }
                Family family = familyOf(m);
                Attributes a = m.attributes(Nft.NFGENMSG_LEN);
                String name = a.string(Nft.NFTA_CHAIN_NAME);
                Chain chain;
                if (a.has(Nft.NFTA_CHAIN_HOOK)) {
                    Attributes h = a.nested(Nft.NFTA_CHAIN_HOOK);
                    String device = h.string(Nft.NFTA_HOOK_DEV);
                    if (device == null) {
                        // Kernels that hook a chain to several devices list them in NFTA_HOOK_DEVS only.
                        device = h.nested(NFTA_HOOK_DEVS).string(NFTA_DEVICE_NAME);
                    }
                    Hook hook = Hook.of(family, h.be32(Nft.NFTA_HOOK_HOOKNUM, -1));
                    String type = a.string(Nft.NFTA_CHAIN_TYPE);
                    int policy = a.be32(Nft.NFTA_CHAIN_POLICY, Nft.NF_ACCEPT);
                    chain = hook == null ? Chain.regular(name, List.of())
                            : new Chain(name, type == null ? "filter" : type, hook,
                                    family == Family.NETDEV ? device : null, h.be32(Nft.NFTA_HOOK_PRIORITY, 0),
                                    policy == Nft.NF_DROP ? Verdict.DROP : Verdict.ACCEPT, List.of());
                } else {
                    chain = Chain.regular(name, List.of());
                }
                out.add(new ChainInfo(family, a.string(Nft.NFTA_CHAIN_TABLE), a.be64(Nft.NFTA_CHAIN_HANDLE, 0), chain,
                        a.be32(Nft.NFTA_CHAIN_USE, 0)));
            }
            return out;
        }

        public String name() {
            return chain.name();
        }
    }

    /** A rule as the kernel lists it: its chain, handle and expressions (counters with their counts). */
    public record RuleInfo(Family family, String table, String chain, long handle, Rule rule) {

        /** The {@code NFT_MSG_NEWRULE} answers among {@code answers}, decoded. */
        public static List<RuleInfo> decodeAll(List<Message> answers) {
            List<RuleInfo> out = new ArrayList<>();
            for (Message m : answers) {
                if (!is(m, Nft.NFT_MSG_NEWRULE)) {
                    continue;
                }
                Attributes a = m.attributes(Nft.NFGENMSG_LEN);
                List<Expr> exprs = new ArrayList<>();
                for (Attributes elem : a.list(Nft.NFTA_RULE_EXPRESSIONS, Nft.NFTA_LIST_ELEM)) {
                    exprs.add(Expr.decode(elem));
                }
                if (exprs.isEmpty()) {
                    continue;
                }
                out.add(new RuleInfo(familyOf(m), a.string(Nft.NFTA_RULE_TABLE), a.string(Nft.NFTA_RULE_CHAIN),
                        a.be64(Nft.NFTA_RULE_HANDLE, 0), new Rule(exprs)));
            }
            return out;
        }

        @Override
        public String toString() {
            return rule.render(family) + " # handle " + handle;
        }
    }

    /**
     * One table as the kernel holds it: the table, its chains in handle order and each chain's rules in order.
     * {@link #toTable()} gives it back as the {@link Table} it equals if nothing but netns4j touched it (counters
     * aside).
     */
    public record TableListing(TableInfo info, List<ChainInfo> chains, List<RuleInfo> rules) {

        public TableListing {
            chains = List.copyOf(chains);
            rules = List.copyOf(rules);
        }

        /**
         * Assembles a table's listing from the answers of {@link Listing#getChains()} and
         * {@link Listing#getRules(Family, String)}, keeping the chains and rules of that table only.
         */
        public static TableListing of(TableInfo info, List<Message> chainAnswers, List<Message> ruleAnswers) {
            List<ChainInfo> chains = ChainInfo.decodeAll(chainAnswers).stream()
                    .filter(c -> c.family() == info.family() && info.name().equals(c.table()))
                    .sorted(java.util.Comparator.comparingLong(ChainInfo::handle)).toList();
            List<RuleInfo> rules = RuleInfo.decodeAll(ruleAnswers).stream()
                    .filter(r -> r.family() == info.family() && info.name().equals(r.table())).toList();
            return new TableListing(info, chains, rules);
        }

        /** The table with its chains and their rules. */
        public Table toTable() {
            List<Chain> out = new ArrayList<>();
            for (ChainInfo c : chains) {
                List<Rule> chainRules = rules.stream().filter(r -> r.chain().equals(c.name())).map(RuleInfo::rule)
                        .toList();
                out.add(c.chain().withRules(chainRules));
            }
            return new Table(info.family(), info.name(), out);
        }

        /** The table as {@code nft list table F T} prints it. */
        public String render() {
            return toTable().render();
        }

        @Override
        public String toString() {
            return render();
        }
    }
}
