package io.netns4j.internal.nftables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netns4j.internal.netlink.Message;
import io.netns4j.internal.netlink.NetlinkException;
import io.netns4j.internal.netlink.Nl;
import io.netns4j.internal.sys.Errno;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Batch} byte for byte against what {@code nft} 1.0.6 sent for the same {@code nft -f} file (recorded under
 * {@code src/test/resources/nftables/}), with {@code NLM_F_ACK} added to each message as netns4j asks for it; and its
 * reading of the kernel's answers to batches sent as netns4j sends them.
 */
class BatchTest {

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static Table partition(Rule... rules) {
        return Table.of(Family.INET, Table.NETNS4J,
                Chain.filter("partition", Hook.INPUT, Chain.PRIORITY_RAW, List.of(rules)));
    }

    private static void assertEncodes(Batch batch, NftFixture fx) {
        byte[] ours = batch.encode(fx.firstSeq()).bytes();
        assertThat(NftFixture.hex(ours)).as("%s", fx).isEqualTo(NftFixture.hex(fx.requestWithAcks()));
    }

    @Test
    void partitionByDrop() {
        NftFixture fx = NftFixture.load("partition-drop");
        assertThat(fx.command).isEqualTo("nft --debug=netlink -f partition-drop.nft");
        assertEncodes(new Batch().replace(partition(Rule.neighbourDiscovery(), Rule.dropFrom(ip("10.0.0.1"), false),
                Rule.dropFrom(ip("fd00::1"), false), Rule.dropFrom(ip("fe80::1"), false))), fx);
    }

    @Test
    void partitionByDropWithCounters() {
        assertEncodes(new Batch().replace(partition(Rule.neighbourDiscovery(), Rule.dropFrom(ip("10.0.0.1"), true),
                Rule.dropFrom(ip("fe80::1"), true))), NftFixture.load("partition-counter-drop"));
    }

    @Test
    void partitionByReject() {
        assertEncodes(new Batch().replace(partition(Rule.neighbourDiscovery(), Rule.rejectTcpFrom(ip("10.0.0.1"), true),
                Rule.rejectFrom(ip("10.0.0.1"), true), Rule.rejectTcpFrom(ip("fd00::1"), true),
                Rule.rejectFrom(ip("fd00::1"), true), Rule.rejectTcpFrom(ip("10.0.0.3"), false),
                Rule.rejectFrom(ip("10.0.0.3"), false))), NftFixture.load("partition-reject"));
    }

    /** Reject mode lets the peer's answers in: its resets and "destination unreachable" errors. */
    @Test
    void partitionByRejectLettingTheAnswersThrough() {
        NftFixture fx = NftFixture.load("partition-reject-answers");
        assertThat(fx.command).isEqualTo("nft --debug=netlink -f partition-reject-answers.nft");
        assertEncodes(new Batch().replace(ListingTest.answersTable()), fx);
    }

    @Test
    void randomLossOnIngressAndEgress() {
        Table loss = Table.of(Family.NETDEV, Table.NETNS4J,
                Chain.filter("ingress-eth0", Hook.INGRESS, "eth0", Chain.PRIORITY_NETDEV,
                        List.of(Rule.randomDrop(100_000, true))),
                Chain.filter("egress-eth0", Hook.EGRESS, "eth0", Chain.PRIORITY_NETDEV,
                        List.of(Rule.randomDrop(100_000, true))));
        assertEncodes(new Batch().replace(loss), NftFixture.load("loss"));
    }

    /** The whole of a namespace's ruleset, both tables, in one transaction. */
    static Batch ruleset() {
        Table loss = Table.of(Family.NETDEV, Table.NETNS4J,
                Chain.filter("ingress-eth0", Hook.INGRESS, "eth0", Chain.PRIORITY_NETDEV,
                        List.of(Rule.randomDrop(300_000, false))),
                Chain.filter("ingress-eth1", Hook.INGRESS, "eth1", Chain.PRIORITY_NETDEV,
                        List.of(Rule.randomDrop(1, false))));
        return new Batch().replace(partition(Rule.neighbourDiscovery(), Rule.dropFrom(ip("10.0.0.1"), true)))
                .replace(loss);
    }

    @Test
    void bothTablesInOneBatch() {
        assertEncodes(ruleset(), NftFixture.load("ruleset"));
    }

    @Test
    void removeATableWhetherOrNotItExists() {
        assertEncodes(new Batch().remove(Family.INET, Table.NETNS4J), NftFixture.load("table-remove"));
    }

    @Test
    void deleteATable() {
        NftFixture fx = NftFixture.load("table-delete");
        assertThat(fx.command).isEqualTo("nft delete table inet netns4j");
        assertEncodes(new Batch().deleteTable(Family.INET, Table.NETNS4J), fx);
    }

    @Test
    void messagesAreNumberedConsecutivelyFromBegin() {
        Batch.Encoded e = ruleset().encode(41);
        List<Message> all = Message.parseAll(e.bytes(), e.bytes().length);
        assertThat(all).hasSize(ruleset().size());
        for (int i = 0; i < all.size(); i++) {
            assertThat(all.get(i).seq()).isEqualTo(41 + i);
        }
        assertThat(all.get(0).type()).isEqualTo(Nft.NFNL_MSG_BATCH_BEGIN);
        assertThat(all.get(all.size() - 1).type()).isEqualTo(Nft.NFNL_MSG_BATCH_END);
        assertThat(e.lastSeq()).isEqualTo(41 + all.size() - 1);
        assertThat(e.awaitsAnswer(41)).isFalse();
        assertThat(e.awaitsAnswer(42)).isTrue();
        assertThat(e.awaitsAnswer(e.lastSeq())).isFalse();
        assertThat(e.description(46))
                .isEqualTo("NFT_MSG_NEWRULE icmpv6 type 133-137 accept in table inet netns4j" + " chain partition");
        assertThat(e.description(45)).isEqualTo("NFT_MSG_NEWCHAIN chain partition { type filter hook input priority"
                + " raw; policy accept; } in table inet netns4j");
    }

    @Test
    void anEmptyBatchIsNotSent() {
        assertThatThrownBy(() -> new Batch().encode(1)).isInstanceOf(IllegalStateException.class)
                .hasMessage("An empty batch has nothing to send");
    }

    // ---- the kernel's answers

    /** Sent again with NLM_F_ACK on each message and sequence numbers from 1000, as netns4j sends it. */
    @Test
    void everyMessageOfACommittedBatchIsAcknowledged() {
        NftFixture fx = NftFixture.load("acked-ruleset");
        Batch.Encoded ours = ruleset().encode(1000);
        assertThat(NftFixture.hex(ours.bytes())).isEqualTo(NftFixture.hex(fx.request));
        List<Message> answers = fx.answerMessages();
        assertThat(answers).hasSize(ruleset().size() - 2).allMatch(m -> m.isError() && m.errorCode() == 0);
        ours.check(answers, "in namespace b");
    }

    @Test
    void aMissingAcknowledgementIsNoSuccess() {
        NftFixture fx = NftFixture.load("acked-ruleset");
        Batch.Encoded ours = ruleset().encode(1000);
        List<Message> allButLast = fx.answerMessages().subList(0, ruleset().size() - 3);
        assertThatThrownBy(() -> ours.check(allButLast, "in namespace b")).isInstanceOf(IllegalStateException.class)
                .hasMessage("The kernel neither acknowledged nor refused NFT_MSG_NEWRULE numgen random mod 1000000 < 1"
                        + " drop in table netdev netns4j chain ingress-eth1 in namespace b (sequence number 1013)");
    }

    @Test
    void aRefusalNamesTheMessageAndTheAttributeTheKernelPointsAt() {
        NftFixture fx = NftFixture.load("acked-error-delete-absent-table");
        Batch.Encoded ours = new Batch().deleteTable(Family.INET, Table.NETNS4J).encode(1000);
        assertThat(NftFixture.hex(ours.bytes())).isEqualTo(NftFixture.hex(fx.request));
        Message answer = fx.answerMessages().get(0);
        assertThat(answer.flags() & Nl.NLM_F_CAPPED).isNotZero();
        assertThat(answer.extendedAckOffset()).isEqualTo(20);
        assertThatThrownBy(() -> ours.check(fx.answerMessages(), "in namespace b"))
                .isInstanceOfSatisfying(NetlinkException.class, e -> assertThat(e.is(Errno.ENOENT)).isTrue())
                .hasMessage("NFT_MSG_DELTABLE table inet netns4j in namespace b failed: ENOENT (No such file or"
                        + " directory); the kernel points at NFTA_TABLE_NAME; the kernel rolled the whole batch of 1"
                        + " message back");
    }

    /** nft asks for no ACK; the kernel sends the error all the same, echoing the whole request (no NETLINK_CAP_ACK). */
    @Test
    void aRefusalToNft() {
        NftFixture fx = NftFixture.load("error-delete-absent-table");
        Batch.Encoded ours = new Batch().deleteTable(Family.INET, Table.NETNS4J).encode(fx.firstSeq());
        assertThat(NftFixture.hex(ours.bytes())).isEqualTo(NftFixture.hex(fx.requestWithAcks()));
        Message answer = fx.answerMessages().get(0);
        assertThat(answer.flags() & Nl.NLM_F_CAPPED).isZero();
        assertThat(answer.extendedAckOffset()).isEqualTo(20);
        assertThatThrownBy(() -> ours.check(fx.answerMessages(), "in namespace b"))
                .hasMessageStartingWith("NFT_MSG_DELTABLE table inet netns4j in namespace b failed: ENOENT");
    }

    /**
     * The first message fails; the kernel goes on, acknowledges the rest, then aborts the batch: the refusal wins over
     * the later ACKs.
     */
    @Test
    void aRefusalAmongAcknowledgements() {
        NftFixture fx = NftFixture.load("acked-error-first-of-many");
        Batch batch = new Batch().deleteTable(Family.INET, Table.NETNS4J)
                .replace(partition(Rule.neighbourDiscovery(), Rule.dropFrom(ip("10.0.0.1"), false),
                        Rule.dropFrom(ip("fd00::1"), false), Rule.dropFrom(ip("fe80::1"), false)));
        Batch.Encoded ours = batch.encode(1000);
        assertThat(NftFixture.hex(ours.bytes())).isEqualTo(NftFixture.hex(fx.request));
        assertThat(fx.answerMessages()).hasSize(batch.size() - 2);
        assertThatThrownBy(() -> ours.check(fx.answerMessages(), "in namespace b"))
                .hasMessage("NFT_MSG_DELTABLE table inet netns4j in namespace b failed: ENOENT (No such file or"
                        + " directory); the kernel points at NFTA_TABLE_NAME; the kernel rolled the whole batch of 9"
                        + " messages back");
    }

    @Test
    void attributesAreNamedDownToTheExpression() {
        Batch.Encoded e = ruleset().encode(1);
        // sequence number 6 (begin is 1): the NFT_MSG_NEWRULE of the neighbour-discovery rule; 20 bytes of headers,
        // then
        // NFTA_RULE_TABLE (12), NFTA_RULE_CHAIN (16), NFTA_RULE_EXPRESSIONS: 4 + meta (36) + cmp (44) = 132
        assertThat(e.attributeAt(6, 20)).isEqualTo("NFTA_RULE_TABLE");
        assertThat(e.attributeAt(6, 48)).isEqualTo("NFTA_RULE_EXPRESSIONS");
        assertThat(e.attributeAt(6, 52)).isEqualTo("NFTA_RULE_EXPRESSIONS > expression 1 (meta)");
        assertThat(e.attributeAt(6, 132)).isEqualTo("NFTA_RULE_EXPRESSIONS > expression 3 (payload)");
        assertThat(e.attributeAt(6, 132 + 4 + 12 + 4 + 8))
                .isEqualTo("NFTA_RULE_EXPRESSIONS > expression 3 (payload) > data attribute 2");
        // sequence number 5: the NFT_MSG_NEWCHAIN; NFTA_CHAIN_HOOK after table (12), name (16), type (12), policy (8)
        assertThat(e.attributeAt(5, 68 + 4 + 8)).isEqualTo("NFTA_CHAIN_HOOK > NFTA_HOOK_PRIORITY");
        assertThat(e.attributeAt(5, -1)).isNull();
        assertThat(e.attributeAt(5, 5000)).isNull();
    }
}
