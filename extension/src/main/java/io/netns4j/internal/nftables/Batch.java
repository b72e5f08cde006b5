package io.netns4j.internal.nftables;

import io.netns4j.internal.netlink.Message;
import io.netns4j.internal.netlink.MessageWriter;
import io.netns4j.internal.netlink.NetlinkException;
import io.netns4j.internal.netlink.Nl;
import io.netns4j.internal.sys.Errno;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One nf_tables transaction: messages between {@code NFNL_MSG_BATCH_BEGIN} and {@code NFNL_MSG_BATCH_END}, which the
 * kernel applies all or not at all. Built like {@code nft -f FILE}: each method appends what the {@code nft} command in
 * its Javadoc sends, and {@link #encode(int)} numbers the messages consecutively, as {@code nft} does.
 *
 * <p>
 * Unlike {@code nft} 1.0.6, every message between begin and end carries {@code NLM_F_ACK}: the kernel then answers each
 * one, in order, after the commit (or the abort), and the sender knows for certain that the batch was applied. The
 * bytes are otherwise those {@code nft} sends.
 *
 * <pre>{@code
 * byte[] bytes = new Batch().replace(table).encode(seq).bytes();
 * }</pre>
 */
public final class Batch {

    /** One message of the batch, as written but not yet numbered. */
    private record Request(MessageWriter writer, String description) {
    }

    private final List<Request> requests = new ArrayList<>();
    /** The devices netdev chains attach to, each with the first chain on it (for messages). */
    private final Map<String, String> devices = new LinkedHashMap<>();

    /**
     * Replaces the table, whatever it holds now, with {@code table}: creates it if absent, deletes it with everything
     * in it, creates it again, then its chains, each followed by its rules. Equivalent to: {@code nft -f} of
     * {@code add table F N; delete table F N; add table F N; add chain ...; add rule ...}.
     */
    public Batch replace(Table table) {
        Objects.requireNonNull(table, "table");
        addTable(table.family(), table.name());
        deleteTable(table.family(), table.name());
        addTable(table.family(), table.name());
        for (Chain c : table.chains()) {
            addChain(table.family(), table.name(), c);
            for (Rule r : c.rules()) {
                addRule(table.family(), table.name(), c.name(), r);
            }
        }
        return this;
    }

    /**
     * Removes the table if it exists, and succeeds if it does not. Equivalent to: {@code nft -f} of
     * {@code add table F N; delete table F N} (a plain {@code delete table} of an absent table fails with
     * {@code ENOENT}).
     */
    public Batch remove(Family family, String table) {
        addTable(family, table);
        return deleteTable(family, table);
    }

    /**
     * Creates a table, or leaves it as it is if it exists (no {@code NLM_F_EXCL}, no {@code NLM_F_CREATE}, as
     * {@code nft} sends it). Equivalent to: {@code nft add table F N}.
     */
    public Batch addTable(Family family, String table) {
        checkName(table);
        return add(Nft.NFT_MSG_NEWTABLE, 0, family, "table " + family + " " + table,
                w -> w.attrString(Nft.NFTA_TABLE_NAME, table).attrBe32(Nft.NFTA_TABLE_FLAGS, 0));
    }

    /** Deletes a table and everything in it. Equivalent to: {@code nft delete table F N}. */
    public Batch deleteTable(Family family, String table) {
        checkName(table);
        return add(Nft.NFT_MSG_DELTABLE, 0, family, "table " + family + " " + table,
                w -> w.attrString(Nft.NFTA_TABLE_NAME, table));
    }

    /**
     * Adds a chain (without its rules). Equivalent to: {@code nft add chain F T NAME { type filter hook input priority
     * -300; policy accept; }}.
     */
    public Batch addChain(Family family, String table, Chain chain) {
        Objects.requireNonNull(chain, "chain");
        checkName(table);
        String spec = chain.isBase() ? " { " + chain.renderSpec(family) + " }" : "";
        if (chain.device() != null) {
            devices.putIfAbsent(chain.device(), "chain " + chain.name() + " of table " + family + " " + table);
        }
        return add(Nft.NFT_MSG_NEWCHAIN, Nl.NLM_F_CREATE, family,
                "chain " + chain.name() + spec + " in table " + family + " " + table, w -> {
                    w.attrString(Nft.NFTA_CHAIN_TABLE, table).attrString(Nft.NFTA_CHAIN_NAME, chain.name());
                    if (chain.isBase()) {
                        w.attrString(Nft.NFTA_CHAIN_TYPE, chain.type()).attrBe32(Nft.NFTA_CHAIN_POLICY,
                                chain.policy().code());
                        int hook = w.beginFlaggedNested(Nft.NFTA_CHAIN_HOOK);
                        w.attrBe32(Nft.NFTA_HOOK_HOOKNUM, chain.hook().number(family)).attrBe32(Nft.NFTA_HOOK_PRIORITY,
                                chain.priority());
                        if (chain.device() != null) {
                            w.attrString(Nft.NFTA_HOOK_DEV, chain.device());
                        }
                        w.endNested(hook);
                    }
                });
    }

    /**
     * Appends a rule to a chain. Equivalent to: {@code nft add rule F T CHAIN RULE}.
     */
    public Batch addRule(Family family, String table, String chain, Rule rule) {
        Objects.requireNonNull(rule, "rule");
        checkName(table);
        checkName(chain);
        return add(Nft.NFT_MSG_NEWRULE, Nl.NLM_F_CREATE | Nft.NLM_F_APPEND, family,
                rule.render(family) + " in table " + family + " " + table + " chain " + chain, w -> {
                    w.attrString(Nft.NFTA_RULE_TABLE, table).attrString(Nft.NFTA_RULE_CHAIN, chain);
                    int list = w.beginFlaggedNested(Nft.NFTA_RULE_EXPRESSIONS);
                    for (Expr e : rule.expressions()) {
                        Expr.encode(w, e);
                    }
                    w.endNested(list);
                });
    }

    private static void checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("An nf_tables table or chain name cannot be empty");
        }
    }

    private Batch add(int nftMsg, int flags, Family family, String what, Consumer<MessageWriter> attributes) {
        Objects.requireNonNull(family, "family");
        String description = Nft.messageTypeName(Nft.type(nftMsg)) + " " + what;
        MessageWriter w = new MessageWriter(Nft.type(nftMsg), flags | Nl.NLM_F_ACK, description)
                .header(nfgenmsg(family.number(), 0));
        attributes.accept(w);
        requests.add(new Request(w, description));
        return this;
    }

    /** {@code struct nfgenmsg}: family, {@code NFNETLINK_V0}, the resource id in network order. */
    private static byte[] nfgenmsg(int family, int resId) {
        return new byte[] { (byte) family, Nft.NFNETLINK_V0, (byte) (resId >> 8), (byte) resId };
    }

    /**
     * The devices the batch's chains attach to, each with the first chain that does ({@code chain ingress-eth0 of
     * table netdev netns4j}), in order. A sender should check that they exist: recent kernels (6.18 here) accept a
     * chain on a device that does not exist, and the chain then filters nothing until one of that name appears.
     */
    public Map<String, String> devices() {
        return Collections.unmodifiableMap(devices);
    }

    /** Whether the batch has no message yet. */
    public boolean isEmpty() {
        return requests.isEmpty();
    }

    /** The number of messages {@link #encode(int)} writes: the requests, plus begin and end. */
    public int size() {
        return requests.size() + 2;
    }

    /** What each request does, in order (begin and end left out): {@code NFT_MSG_NEWTABLE table inet netns4j}... */
    public List<String> descriptions() {
        return requests.stream().map(Request::description).toList();
    }

    /**
     * The batch as one datagram: {@code NFNL_MSG_BATCH_BEGIN} numbered {@code firstSeq}, the requests numbered from
     * {@code firstSeq + 1}, {@code NFNL_MSG_BATCH_END} last. Begin and end carry {@code AF_UNSPEC} and the resource id
     * {@code NFNL_SUBSYS_NFTABLES}, as {@code nft} writes them.
     *
     * @throws IllegalStateException
     *             if the batch is empty: the kernel would commit nothing
     */
    public Encoded encode(int firstSeq) {
        if (requests.isEmpty()) {
            throw new IllegalStateException("An empty batch has nothing to send");
        }
        List<byte[]> messages = new ArrayList<>();
        byte[] control = nfgenmsg(Nl.AF_UNSPEC, Nft.NFNL_SUBSYS_NFTABLES);
        messages.add(
                new MessageWriter(Nft.NFNL_MSG_BATCH_BEGIN, 0, "NFNL_MSG_BATCH_BEGIN").header(control).build(firstSeq));
        for (int i = 0; i < requests.size(); i++) {
            messages.add(requests.get(i).writer.build(firstSeq + 1 + i));
        }
        messages.add(new MessageWriter(Nft.NFNL_MSG_BATCH_END, 0, "NFNL_MSG_BATCH_END").header(control)
                .build(firstSeq + requests.size() + 1));
        List<String> descriptions = new ArrayList<>();
        descriptions.add("NFNL_MSG_BATCH_BEGIN");
        descriptions.addAll(descriptions());
        descriptions.add("NFNL_MSG_BATCH_END");
        return new Encoded(firstSeq, messages, descriptions);
    }

    /**
     * An encoded batch: its messages (begin first, end last), numbered from {@code firstSeq}, and what each does.
     */
    public static final class Encoded {

        private final int firstSeq;
        private final List<byte[]> messages;
        private final List<String> descriptions;

        private Encoded(int firstSeq, List<byte[]> messages, List<String> descriptions) {
            this.firstSeq = firstSeq;
            this.messages = messages;
            this.descriptions = descriptions;
        }

        /** The datagram: every message, each padded to 4 bytes (they are by construction). */
        public byte[] bytes() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (byte[] m : messages) {
                out.writeBytes(m);
            }
            return out.toByteArray();
        }

        public int firstSeq() {
            return firstSeq;
        }

        /** The sequence number of {@code NFNL_MSG_BATCH_END}. */
        public int lastSeq() {
            return firstSeq + messages.size() - 1;
        }

        /** Whether the kernel answers message {@code seq} (every request does; begin and end only on error). */
        public boolean awaitsAnswer(int seq) {
            return seq > firstSeq && seq < lastSeq();
        }

        /** What message {@code seq} does, e.g. {@code NFT_MSG_NEWRULE ip saddr 10.0.0.1 drop in table ...}. */
        public String description(int seq) {
            int i = seq - firstSeq;
            return i >= 0 && i < descriptions.size() ? descriptions.get(i) : "message " + seq + " (not of this batch)";
        }

        /** The bytes of message {@code seq}. */
        public byte[] message(int seq) {
            return messages.get(seq - firstSeq).clone();
        }

        /**
         * Reads the kernel's answers ({@code NLMSG_ERROR} messages: ACKs and errors) to this batch.
         *
         * @param answers
         *            every answer received, in order; those of other sequence numbers are ignored
         * @param where
         *            what the batch was sent to, for the message: {@code in namespace server}
         *
         * @throws NetlinkException
         *             naming the first message the kernel refused, its errno, the kernel's words and the attribute it
         *             points at, followed by the other refusals (usually consequences of the first); the kernel has
         *             then applied none of the batch
         * @throws IllegalStateException
         *             if a request is neither acknowledged nor refused
         */
        public void check(List<Message> answers, String where) {
            Map<Integer, Message> bySeq = new HashMap<>();
            List<Message> refusals = new ArrayList<>();
            for (Message m : answers) {
                if (!m.isError() || m.seq() < firstSeq || m.seq() > lastSeq()) {
                    continue;
                }
                bySeq.putIfAbsent(m.seq(), m);
                if (m.errorCode() != 0) {
                    refusals.add(m);
                }
            }
            if (!refusals.isEmpty()) {
                Message first = refusals.get(0);
                StringBuilder detail = new StringBuilder();
                String attribute = attributeAt(first.seq(), first.extendedAckOffset());
                if (attribute != null) {
                    detail.append("the kernel points at ").append(attribute);
                }
                if (refusals.size() > 1) {
                    if (detail.length() > 0) {
                        detail.append("; ");
                    }
                    detail.append("also refused (").append(refusals.size() - 1).append("):");
                    for (Message m : refusals.subList(1, refusals.size())) {
                        detail.append(" [").append(description(m.seq())).append(": ")
                                .append(Errno.symbol(Math.abs(m.errorCode())));
                        String a = attributeAt(m.seq(), m.extendedAckOffset());
                        if (a != null) {
                            detail.append(" at ").append(a);
                        }
                        detail.append(']');
                    }
                }
                if (detail.length() > 0) {
                    detail.append("; ");
                }
                int count = messages.size() - 2;
                detail.append("the kernel rolled the whole batch of ").append(count)
                        .append(count == 1 ? " message back" : " messages back");
                throw new NetlinkException(description(first.seq()) + " " + where, first.errorCode(),
                        first.extendedAckMessage(), detail.toString());
            }
            for (int seq = firstSeq + 1; seq < lastSeq(); seq++) {
                if (!bySeq.containsKey(seq)) {
                    throw new IllegalStateException("The kernel neither acknowledged nor refused " + description(seq)
                            + " " + where + " (sequence number " + seq + ")");
                }
            }
        }

        /**
         * The attribute at {@code offset} in message {@code seq} (as {@code NLMSGERR_ATTR_OFFS} gives it), by name:
         * {@code NFTA_CHAIN_HOOK > NFTA_HOOK_DEV}, {@code NFTA_RULE_EXPRESSIONS > expression 2 (cmp)}; null if the
         * offset is absent or points at no attribute.
         */
        public String attributeAt(int seq, int offset) {
            int i = seq - firstSeq;
            if (offset < 0 || i < 0 || i >= messages.size()) {
                return null;
            }
            return AttributeNames.at(messages.get(i), offset);
        }
    }
}
