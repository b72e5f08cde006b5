package io.netns4j.internal.nftables;

import static io.netns4j.internal.nftables.BatchTest.ip;
import static io.netns4j.internal.nftables.BatchTest.partition;
import static org.assertj.core.api.Assertions.assertThat;

import io.netns4j.internal.netlink.Attributes;
import io.netns4j.internal.netlink.Message;
import io.netns4j.internal.netlink.MessageWriter;
import io.netns4j.internal.nftables.Listing.ChainInfo;
import io.netns4j.internal.nftables.Listing.RuleInfo;
import io.netns4j.internal.nftables.Listing.TableInfo;
import io.netns4j.internal.nftables.Listing.TableListing;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Reading rulesets back: the dump requests byte for byte against {@code nft list}'s, the kernel's answers decoded and
 * rendered as {@code nft list} printed them, and the expression decoder checked against libnftnl's
 * ({@code nft --debug=netlink}) on every rule {@code nft} sent.
 */
class ListingTest {

    /** What the listing fixtures hold: partition-reject.nft and loss.nft applied in that order. */
    static Table rejectTable() {
        return partition(Rule.neighbourDiscovery(), Rule.rejectTcpFrom(ip("10.0.0.1"), true),
                Rule.rejectFrom(ip("10.0.0.1"), true), Rule.rejectTcpFrom(ip("fd00::1"), true),
                Rule.rejectFrom(ip("fd00::1"), true), Rule.rejectTcpFrom(ip("10.0.0.3"), false),
                Rule.rejectFrom(ip("10.0.0.3"), false));
    }

    /** What partition-reject-answers.nft holds (and the answers listing fixtures list). */
    static Table answersTable() {
        return partition(Rule.acceptResetFrom(ip("10.0.0.1"), false), Rule.acceptUnreachableFrom(ip("10.0.0.1"), false),
                Rule.acceptResetFrom(ip("fd00::1"), true), Rule.acceptUnreachableFrom(ip("fd00::1"), true),
                Rule.rejectTcpFrom(ip("10.0.0.1"), false), Rule.rejectFrom(ip("10.0.0.1"), false));
    }

    static Table lossTable() {
        return Table.of(Family.NETDEV, Table.NETNS4J,
                Chain.filter("ingress-eth0", Hook.INGRESS, "eth0", Chain.PRIORITY_NETDEV,
                        List.of(Rule.randomDrop(100_000, true))),
                Chain.filter("egress-eth0", Hook.EGRESS, "eth0", Chain.PRIORITY_NETDEV,
                        List.of(Rule.randomDrop(100_000, true))));
    }

    private static void assertRequest(MessageWriter ours, NftFixture fx) {
        assertThat(NftFixture.hex(ours.build(fx.firstSeq()))).as("%s", fx).isEqualTo(NftFixture.hex(fx.request));
    }

    @Test
    void requestsAreThoseOfNftList() {
        assertRequest(Listing.getTables(), NftFixture.load("list-tables"));
        assertRequest(Listing.getChains(), NftFixture.load("list-table-inet-chains"));
        assertRequest(Listing.getChains(), NftFixture.load("list-table-netdev-chains"));
        assertRequest(Listing.getRules(Family.INET, Table.NETNS4J), NftFixture.load("list-table-inet-rules"));
        assertRequest(Listing.getRules(Family.NETDEV, Table.NETNS4J), NftFixture.load("list-table-netdev-rules"));
        assertRequest(Listing.getRules(Family.INET, Table.NETNS4J), NftFixture.load("list-table-inet-answers-rules"));
    }

    @Test
    void tables() {
        NftFixture fx = NftFixture.load("list-tables");
        List<TableInfo> tables = TableInfo.decodeAll(fx.answerMessages());
        assertThat(tables).extracting(TableInfo::toString).containsExactly("table inet netns4j",
                "table netdev netns4j");
        assertThat(fx.printed).containsExactly("table inet netns4j", "table netdev netns4j");
        assertThat(tables).extracting(TableInfo::use).containsExactly(1, 2);
        assertThat(tables).allMatch(t -> t.handle() > 0 && t.flags() == 0);
    }

    private static TableListing listing(Family family, String fixturePrefix) {
        NftFixture tables = NftFixture.load("list-tables");
        TableInfo info = TableInfo.decodeAll(tables.answerMessages()).stream().filter(t -> t.family() == family)
                .findFirst().orElseThrow();
        return TableListing.of(info, NftFixture.load(fixturePrefix + "-chains").answerMessages(),
                NftFixture.load(fixturePrefix + "-rules").answerMessages());
    }

    @Test
    void anInetTableRendersAsNftListsIt() {
        TableListing l = listing(Family.INET, "list-table-inet");
        NftFixture rules = NftFixture.load("list-table-inet-rules");
        assertThat(l.render()).isEqualTo(String.join("\n", rules.printed));
        assertThat(l.toTable()).isEqualTo(rejectTable());
        assertThat(l.chains()).extracting(ChainInfo::name).containsExactly("partition");
        assertThat(l.rules()).hasSize(7).allMatch(r -> r.handle() > 0 && r.chain().equals("partition"));
    }

    /** {@code tcp flags & rst == rst} and {@code icmp type destination-unreachable}, without their l4proto test. */
    @Test
    void rulesLettingTheAnswersThroughRenderAsNftListsThem() {
        TableListing l = listing(Family.INET, "list-table-inet-answers");
        NftFixture rules = NftFixture.load("list-table-inet-answers-rules");
        assertThat(l.render()).isEqualTo(String.join("\n", rules.printed));
        assertThat(l.toTable()).isEqualTo(answersTable());
        assertThat(l.rules()).extracting(r -> r.rule().render(Family.INET)).containsExactly(
                "ip saddr 10.0.0.1 tcp flags & rst == rst accept",
                "ip saddr 10.0.0.1 icmp type destination-unreachable accept",
                "ip6 saddr fd00::1 tcp flags & rst == rst counter packets 0 bytes 0 accept",
                "ip6 saddr fd00::1 icmpv6 type destination-unreachable counter packets 0 bytes 0 accept",
                "meta l4proto tcp ip saddr 10.0.0.1 reject with tcp reset",
                "ip saddr 10.0.0.1 reject with icmpx admin-prohibited");
    }

    @Test
    void aNetdevTableRendersAsNftListsIt() {
        TableListing l = listing(Family.NETDEV, "list-table-netdev");
        NftFixture rules = NftFixture.load("list-table-netdev-rules");
        // nft prints the chains of the netdev table in handle order: ingress-eth0 (1), egress-eth0 (3)
        assertThat(l.render()).isEqualTo(String.join("\n", rules.printed));
        assertThat(l.toTable()).isEqualTo(lossTable());
        assertThat(l.rules().get(0).rule().counterPackets()).isZero();
    }

    /** The chain dump holds the chains of every family; a listing keeps its table's. */
    @Test
    void aListingKeepsItsOwnTablesChains() {
        List<ChainInfo> all = ChainInfo.decodeAll(NftFixture.load("list-table-netdev-chains").answerMessages());
        assertThat(all).extracting(c -> c.family() + " " + c.table() + " " + c.name())
                .containsExactly("inet netns4j partition", "netdev netns4j ingress-eth0", "netdev netns4j egress-eth0");
        assertThat(all.get(1).chain().device()).isEqualTo("eth0");
        assertThat(all.get(2).chain().hook()).isEqualTo(Hook.EGRESS);
        assertThat(all.get(0).chain().priority()).isEqualTo(-300);
    }

    /** Every rule nft sent in every batch fixture, decoded by this codec and by libnftnl. */
    @TestFactory
    Stream<DynamicTest> theDecoderAgreesWithLibnftnl() {
        return Stream.of("partition-drop", "partition-counter-drop", "partition-reject", "partition-reject-answers",
                "loss", "ruleset").map(name -> DynamicTest.dynamicTest(name, () -> {
                    NftFixture fx = NftFixture.load(name);
                    List<List<String>> ours = new ArrayList<>();
                    for (Message m : fx.requestMessages()) {
                        if (m.type() == Nft.type(Nft.NFT_MSG_NEWRULE)) {
                            ours.add(decodeRule(m).expressions().stream().map(Expr::debug).toList());
                        }
                    }
                    assertThat(ours).isNotEmpty().isEqualTo(fx.debugRules());
                }));
    }

    private static Rule decodeRule(Message m) {
        Attributes a = m.attributes(Nft.NFGENMSG_LEN);
        return new Rule(a.list(Nft.NFTA_RULE_EXPRESSIONS, Nft.NFTA_LIST_ELEM).stream().map(Expr::decode).toList());
    }

    @Test
    void rulesDecodeToTheFactoriesRulesAndRenderAsNftWritesThem() {
        NftFixture fx = NftFixture.load("partition-drop");
        List<Rule> decoded = fx.requestMessages().stream().filter(m -> m.type() == Nft.type(Nft.NFT_MSG_NEWRULE))
                .map(ListingTest::decodeRule).toList();
        assertThat(decoded).containsExactly(Rule.neighbourDiscovery(), Rule.dropFrom(ip("10.0.0.1"), false),
                Rule.dropFrom(ip("fd00::1"), false), Rule.dropFrom(ip("fe80::1"), false));
        assertThat(decoded).extracting(r -> r.render(Family.INET)).containsExactly("icmpv6 type 133-137 accept",
                "ip saddr 10.0.0.1 drop", "ip6 saddr fd00::1 drop", "ip6 saddr fe80::1 drop");
    }

    @Test
    void rulesRenderAsWrittenInTheNftFiles() {
        assertThat(Rule.randomDrop(300_000, false).render(Family.NETDEV))
                .isEqualTo("numgen random mod 1000000 < 300000 drop");
        assertThat(Rule.rejectTcpFrom(ip("fe80::1"), true).render(Family.INET))
                .isEqualTo("meta l4proto tcp ip6 saddr fe80::1 counter packets 0 bytes 0 reject with tcp reset");
        assertThat(Rule.rejectFrom(ip("10.0.0.1"), false).render(Family.INET))
                .isEqualTo("ip saddr 10.0.0.1 reject with icmpx admin-prohibited");
    }

    @Test
    void whatTheRendererDoesNotKnowItStillShows() {
        Rule r = Rule.of(new Expr.Payload(Nft.NFT_PAYLOAD_NETWORK_HEADER, 12, 4, 1),
                Expr.Cmp.reg1(Expr.CmpOp.NEQ, new byte[] { 10, 0, 0, 1 }), new Expr.Unknown("lookup", new byte[0]),
                Expr.Immediate.verdict(Verdict.jump("other")));
        // no nfproto test before the payload: nft cannot tell ip from ip6 either, and prints the raw payload
        assertThat(r.render(Family.INET)).isEqualTo("@nh,96,32 != 0x0a000001 [lookup] jump other");
        assertThat(r.render(Family.IP)).isEqualTo("ip saddr != 10.0.0.1 [lookup] jump other");
    }

    /** The other shapes of a masked TCP flags test, as nft 1.0.6 lists them. */
    @Test
    void maskedTcpFlagsRenderAsNftListsThem() {
        java.util.function.BiFunction<Integer, Integer, String> flags = (mask,
                value) -> Rule.of(Expr.Meta.load(Nft.NFT_META_L4PROTO), Expr.Cmp.reg1(Expr.CmpOp.EQ, new byte[] { 6 }),
                        Expr.Payload.load(Nft.NFT_PAYLOAD_TRANSPORT_HEADER, 13, 1),
                        Expr.Bitwise.andReg1(new byte[] { mask.byteValue() }),
                        Expr.Cmp.reg1(Expr.CmpOp.EQ, new byte[] { value.byteValue() }),
                        Expr.Immediate.verdict(Verdict.ACCEPT)).render(Family.INET);
        assertThat(flags.apply(0x12, 0x12)).isEqualTo("tcp flags syn,ack / syn,ack accept");
        assertThat(flags.apply(0x17, 0x02)).isEqualTo("tcp flags syn / fin,syn,rst,ack accept");
        assertThat(flags.apply(0x04, 0x00)).isEqualTo("tcp flags ! rst accept");
        assertThat(flags.apply(0x40, 0x40)).isEqualTo("tcp flags & ecn == ecn accept");
        Rule xor = Rule.of(Expr.Meta.load(Nft.NFT_META_L4PROTO),
                new Expr.Bitwise(1, 1, new byte[] { 1 }, new byte[] { 1 }), Expr.Immediate.verdict(Verdict.DROP));
        assertThat(xor.render(Family.INET)).isEqualTo("[bitwise] drop");
        assertThat(xor.debug()).contains("[ bitwise reg 1 = ( reg 1 & 0x00000001 ) ^ 0x00000001 ]");
    }

    @Test
    void anUnknownExpressionIsWrittenBackUnchanged() {
        NftFixture fx = NftFixture.load("loss");
        Message rule = fx.requestMessages().stream().filter(m -> m.type() == Nft.type(Nft.NFT_MSG_NEWRULE)).findFirst()
                .orElseThrow();
        Attributes numgenElem = rule.attributes(Nft.NFGENMSG_LEN).list(Nft.NFTA_RULE_EXPRESSIONS, Nft.NFTA_LIST_ELEM)
                .get(0);
        Expr.Unknown raw = new Expr.Unknown("numgen", numgenElem.bytes(Nft.NFTA_EXPR_DATA));
        MessageWriter a = new MessageWriter(0, 0, "a");
        Expr.encode(a, raw);
        MessageWriter b = new MessageWriter(0, 0, "b");
        Expr.encode(b, Expr.Numgen.random(Rule.PPM));
        assertThat(NftFixture.hex(a.build(1))).isEqualTo(NftFixture.hex(b.build(1)));
    }

    @Test
    void aRuleInfoPrintsItsHandle() {
        List<RuleInfo> rules = RuleInfo.decodeAll(NftFixture.load("list-table-inet-rules").answerMessages());
        assertThat(rules.get(0)).hasToString("icmpv6 type 133-137 accept # handle 2");
    }
}
