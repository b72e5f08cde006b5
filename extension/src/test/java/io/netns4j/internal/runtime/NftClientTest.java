package io.netns4j.internal.runtime;

import static io.netns4j.assertj.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netns4j.ExecResult;
import io.netns4j.NetNs;
import io.netns4j.PingResult;
import io.netns4j.Topology;
import io.netns4j.internal.netlink.NetlinkException;
import io.netns4j.internal.nftables.Batch;
import io.netns4j.internal.nftables.Chain;
import io.netns4j.internal.nftables.Expr;
import io.netns4j.internal.nftables.Family;
import io.netns4j.internal.nftables.Hook;
import io.netns4j.internal.nftables.Listing.TableListing;
import io.netns4j.internal.nftables.Nft;
import io.netns4j.internal.nftables.Rule;
import io.netns4j.internal.nftables.Table;
import io.netns4j.internal.nftables.Verdict;
import io.netns4j.internal.sys.Errno;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link NftClient} against the kernel: two namespaces joined by a veth pair (a 10.0.0.1, b 10.0.0.2), b's ruleset
 * programmed through the codec, with {@code nft} in b as the independent witness of what the kernel holds, and traffic
 * as the witness of what it does.
 */
class NftClientTest {

    private Topology net;
    private NetNs a;
    private Namespace b;

    @BeforeAll
    static void needsNftables() {
        Assumptions.assumeTrue(KernelFeatures.missingNftables().isEmpty(),
                () -> KernelFeatures.missingNftables().orElseThrow());
    }

    @BeforeEach
    void build() {
        net = Topology.builder().namespace("a").namespace("b").veth("a", "10.0.0.1/24", "b", "10.0.0.2/24").build();
        a = net.ns("a");
        b = (Namespace) net.ns("b");
    }

    @AfterEach
    void close() {
        net.close();
    }

    private static InetAddress ip(String literal) throws IOException {
        return InetAddress.getByName(literal);
    }

    private static Table partition(Rule... rules) {
        return Table.of(Family.INET, Table.NETNS4J,
                Chain.filter("partition", Hook.INPUT, Chain.PRIORITY_RAW, List.of(rules)));
    }

    private String nftListRuleset(NetNs ns) {
        ExecResult r = ns.exec("nft", "list", "ruleset");
        assertThat(r.succeeded()).as("%s", r).isTrue();
        return r.stdout().strip();
    }

    @Test
    void aDropPartitionsAndRemovingItHeals() throws IOException {
        assertThat(a).canPing("10.0.0.2");
        Table cut = partition(Rule.neighbourDiscovery(), Rule.dropFrom(ip("10.0.0.1"), true));
        b.nftables().apply(new Batch().replace(cut));

        assertThat(nftListRuleset(b)).isEqualTo(cut.render());
        assertThat(a).cannotPing("10.0.0.2");

        TableListing held = b.nftables().table(Family.INET, Table.NETNS4J).orElseThrow();
        assertThat(held.rules()).hasSize(2);
        assertThat(held.rules().get(1).rule().counterPackets()).as("echo requests dropped").isGreaterThanOrEqualTo(3);
        assertThat(held.render()).isEqualTo(nftListRuleset(b));

        b.nftables().apply(new Batch().remove(Family.INET, Table.NETNS4J));
        assertThat(nftListRuleset(b)).isEmpty();
        assertThat(b.nftables().table(Family.INET, Table.NETNS4J)).isEmpty();
        assertThat(a).canPing("10.0.0.2");
    }

    @Test
    void replacingAndRemovingAreIdempotent() throws IOException {
        Table cut = partition(Rule.neighbourDiscovery(), Rule.dropFrom(ip("10.0.0.1"), false));
        b.nftables().apply(new Batch().replace(cut));
        b.nftables().apply(new Batch().replace(cut));
        assertThat(nftListRuleset(b)).isEqualTo(cut.render());
        Table other = partition(Rule.dropFrom(ip("10.0.0.9"), false));
        b.nftables().apply(new Batch().replace(other));
        assertThat(nftListRuleset(b)).isEqualTo(other.render());

        b.nftables().apply(new Batch().remove(Family.INET, Table.NETNS4J));
        b.nftables().apply(new Batch().remove(Family.INET, Table.NETNS4J));
        assertThat(b.nftables().tables()).isEmpty();
    }

    /** With a reset, a connection attempt fails at once instead of timing out. */
    @Test
    void aRejectFailsConnectionsFast() throws Exception {
        b.nftables().apply(new Batch().replace(partition(Rule.neighbourDiscovery(),
                Rule.rejectTcpFrom(ip("10.0.0.1"), true), Rule.rejectFrom(ip("10.0.0.1"), true))));
        try (var server = b.serverSocket(7000); Socket s = a.socket()) {
            long start = System.nanoTime();
            // b listens: without the rule, the connection would be established
            assertThatThrownBy(() -> s.connect(new InetSocketAddress("10.0.0.2", server.getLocalPort()), 5_000))
                    .isInstanceOf(ConnectException.class).hasMessageContaining("refused");
            assertThat((System.nanoTime() - start) / 1_000_000).as("ms to fail").isLessThan(1_000);
        }
        assertThat(a).cannotPing("10.0.0.2");
        TableListing held = b.nftables().table(Family.INET, Table.NETNS4J).orElseThrow();
        assertThat(held.rules().get(1).rule().render(Family.INET))
                .startsWith("meta l4proto tcp ip saddr 10.0.0.1 counter packets 1 ").endsWith(" reject with tcp reset");
    }

    /**
     * A symmetric partition in reject mode: each side rejects the other, and a lets in only b's answers (TCP resets,
     * "destination unreachable"). Then a's connect is refused at once, over IPv4 and IPv6; without those two rules the
     * reset b sends is rejected at a's input, and the connect waits for its timeout.
     */
    @Test
    void aSymmetricRejectPartitionLetsTheAnswersThrough() throws Exception {
        try (Topology both = Topology.builder().namespace("a").namespace("b")
                .veth("a", "b", v -> v.aAddress("10.0.1.1/24", "fd00:1::1/64").bAddress("10.0.1.2/24", "fd00:1::2/64"))
                .build()) {
            Namespace na = (Namespace) both.ns("a");
            Namespace nb = (Namespace) both.ns("b");
            assertThat(na).canPing("10.0.1.2");
            assertThat(na).canPing("fd00:1::2"); // neighbours resolved before the partition
            na.nftables()
                    .apply(new Batch().replace(partition(Rule.acceptResetFrom(ip("10.0.1.2"), true),
                            Rule.acceptUnreachableFrom(ip("10.0.1.2"), true), Rule.rejectTcpFrom(ip("10.0.1.2"), false),
                            Rule.rejectFrom(ip("10.0.1.2"), false), Rule.acceptResetFrom(ip("fd00:1::2"), true),
                            Rule.acceptUnreachableFrom(ip("fd00:1::2"), true),
                            Rule.rejectTcpFrom(ip("fd00:1::2"), false), Rule.rejectFrom(ip("fd00:1::2"), false))));
            nb.nftables()
                    .apply(new Batch().replace(partition(Rule.rejectTcpFrom(ip("10.0.1.1"), false),
                            Rule.rejectFrom(ip("10.0.1.1"), false), Rule.rejectTcpFrom(ip("fd00:1::1"), false),
                            Rule.rejectFrom(ip("fd00:1::1"), false))));
            assertThat(na.nftables().ruleset()).isEqualTo(nftListRuleset(na));

            try (var server = nb.serverSocket(0)) {
                for (String host : List.of("10.0.1.2", "fd00:1::2")) {
                    try (Socket s = na.socket()) {
                        long start = System.nanoTime();
                        assertThatThrownBy(() -> s.connect(new InetSocketAddress(host, server.getLocalPort()), 5_000))
                                .as(host).isInstanceOf(ConnectException.class).hasMessageContaining("refused");
                        assertThat((System.nanoTime() - start) / 1_000_000).as("ms to fail, %s", host)
                                .isLessThan(1_000);
                    }
                }
                // Each reset came back through a's acceptResetFrom; no ICMP error was needed.
                List<Long> counted = na.nftables().table(Family.INET, Table.NETNS4J).orElseThrow().rules().stream()
                        .map(r -> r.rule().counterPackets()).toList();
                assertThat(counted).containsExactly(1L, 0L, -1L, -1L, 1L, 0L, -1L, -1L);
                // UDP: b answers with ICMP admin-prohibited, which a lets in, so a's connected socket sees the error
                // (Linux reports "communication administratively prohibited" as EHOSTUNREACH).
                try (DatagramSocket udp = na.datagramSocket(0)) {
                    udp.connect(new InetSocketAddress("10.0.1.2", 9));
                    udp.setSoTimeout(2_000);
                    udp.send(new DatagramPacket(new byte[1], 1));
                    assertThatThrownBy(() -> udp.receive(new DatagramPacket(new byte[8], 8)))
                            .isInstanceOf(NoRouteToHostException.class);
                }
                assertThat(na.nftables().table(Family.INET, Table.NETNS4J).orElseThrow().rules().get(1).rule()
                        .counterPackets()).as("ICMP errors let in").isEqualTo(1);

                // Without the two accept rules, b's reset is rejected at a's input: the connect times out.
                na.nftables().apply(new Batch().replace(
                        partition(Rule.rejectTcpFrom(ip("10.0.1.2"), false), Rule.rejectFrom(ip("10.0.1.2"), false))));
                try (Socket s = na.socket()) {
                    assertThatThrownBy(() -> s.connect(new InetSocketAddress("10.0.1.2", server.getLocalPort()), 1_000))
                            .isInstanceOf(SocketTimeoutException.class);
                }
            }
        }
    }

    /**
     * 30 % random loss on b's ingress: of 1,000 datagrams from a, about 300 are lost (σ ≈ 14.5; the bounds are ±4.8σ),
     * and the rule's counter counts them. (Eight runs here lost 273 to 328, 296.5 on average.)
     */
    @Test
    void randomLossDropsItsShare() throws Exception {
        assertThat(a).canPing("10.0.0.2"); // ARP resolved before the loss starts
        b.nftables().apply(new Batch().replace(Table.of(Family.NETDEV, Table.NETNS4J, Chain.filter("ingress-eth0",
                Hook.INGRESS, "eth0", Chain.PRIORITY_NETDEV, List.of(Rule.randomDrop(300_000, true))))));
        // The counter may already hold a packet of the kernel's own (an IPv6 router solicitation, an MLD report).
        assertThat(nftListRuleset(b))
                .containsPattern("\\n\\t\\tnumgen random mod 1000000 < 300000 counter packets \\d+ bytes \\d+ drop\\n");

        int sent = 1000;
        int received;
        try (DatagramSocket in = b.datagramSocket(9000); DatagramSocket out = a.datagramSocket(0)) {
            in.setSoTimeout(500);
            Future<Integer> counting = b.submit(() -> {
                int n = 0;
                byte[] buf = new byte[64];
                try {
                    while (true) {
                        in.receive(new DatagramPacket(buf, buf.length));
                        n++;
                    }
                } catch (SocketTimeoutException e) {
                    return n;
                }
            });
            byte[] payload = "netns4j".getBytes(StandardCharsets.US_ASCII);
            InetSocketAddress to = new InetSocketAddress("10.0.0.2", 9000);
            for (int i = 0; i < sent; i++) {
                out.send(new DatagramPacket(payload, payload.length, to));
                if (i % 10 == 9) {
                    Thread.sleep(1); // stay well within the receiver's buffer and the backlog queue
                }
            }
            received = counting.get();
        }
        int lost = sent - received;
        assertThat(lost).as("datagrams lost of %d", sent).isBetween(230, 370);
        long counted = b.nftables().table(Family.NETDEV, Table.NETNS4J).orElseThrow().rules().get(0).rule()
                .counterPackets();
        // The counter also sees the ARP and IPv6 packets it dropped; on a busy machine the receiving socket may
        // lose a few datagrams of its own.
        assertThat(counted).as("packets the rule counted, %d datagrams lost", lost).isBetween(lost - 20L, lost + 30L);
    }

    /** Everything a's eth0 sends is dropped at its egress hook. */
    @Test
    void anEgressDropStopsWhatADeviceSends() throws IOException {
        Assumptions.assumeTrue(KernelFeatures.missingNetdevEgress().isEmpty(),
                () -> KernelFeatures.missingNetdevEgress().orElseThrow());
        assertThat(a).canPing("10.0.0.2");
        Namespace aa = (Namespace) a;
        aa.nftables().apply(new Batch().replace(Table.of(Family.NETDEV, Table.NETNS4J, Chain.filter("egress-eth0",
                Hook.EGRESS, "eth0", Chain.PRIORITY_NETDEV, List.of(Rule.randomDrop(Rule.PPM, true))))));
        assertThat(nftListRuleset(a)).contains("type filter hook egress device \"eth0\" priority -500; policy accept;");
        // Not silent for the sender: the drop at its own egress fails the send itself (ENOBUFS).
        PingResult ping = a.ping("10.0.0.2");
        assertThat(ping.received()).as("%s", ping).isZero();
        assertThat(ping.error()).as("%s", ping).isEqualTo("ENOBUFS (No buffer space available)");
        assertThat(
                aa.nftables().table(Family.NETDEV, Table.NETNS4J).orElseThrow().rules().get(0).rule().counterPackets())
                        .isGreaterThanOrEqualTo(1);
    }

    /** What nft -f put there decodes to the tables the factories build, and renders as nft lists it. */
    @Test
    void theListingReadsWhatNftWrote(@TempDir Path dir) throws IOException {
        Path reject = copy("partition-reject.nft", dir);
        Path loss = copy("loss.nft", dir);
        for (Path file : List.of(reject, loss)) {
            ExecResult r = b.exec("nft", "-f", file.toString());
            assertThat(r.succeeded()).as("%s", r).isTrue();
        }
        Table expected = partition(Rule.neighbourDiscovery(), Rule.rejectTcpFrom(ip("10.0.0.1"), true),
                Rule.rejectFrom(ip("10.0.0.1"), true), Rule.rejectTcpFrom(ip("fd00::1"), true),
                Rule.rejectFrom(ip("fd00::1"), true), Rule.rejectTcpFrom(ip("10.0.0.3"), false),
                Rule.rejectFrom(ip("10.0.0.3"), false));
        TableListing inet = b.nftables().table(Family.INET, Table.NETNS4J).orElseThrow();
        assertThat(inet.toTable()).isEqualTo(expected);
        TableListing netdev = b.nftables().table(Family.NETDEV, Table.NETNS4J).orElseThrow();
        assertThat(netdev.toTable().chains()).extracting(Chain::name).containsExactly("ingress-eth0", "egress-eth0");
        assertThat(b.nftables().ruleset()).isEqualTo(nftListRuleset(b));
    }

    private static Path copy(String nftFile, Path dir) throws IOException {
        try (InputStream in = NftClientTest.class.getResourceAsStream("/nftables/recording/" + nftFile)) {
            Path p = dir.resolve(nftFile);
            Files.write(p, in.readAllBytes());
            return p;
        }
    }

    @Test
    void aChainOnAMissingDeviceIsRefusedBeforeSending() {
        Batch batch = new Batch().replace(Table.of(Family.NETDEV, Table.NETNS4J, Chain.filter("ingress-nope0",
                Hook.INGRESS, "nope0", Chain.PRIORITY_NETDEV, List.of(Rule.randomDrop(1, false)))));
        assertThatThrownBy(() -> b.nftables().apply(batch)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot attach chain ingress-nope0 of table netdev netns4j to device \"nope0\": namespace"
                        + " b has no such device (it has [lo, eth0])");
        assertThat(nftListRuleset(b)).isEmpty();
    }

    /** The kernel's refusal names the message; nothing of the batch is applied, though its first part was valid. */
    @Test
    void aRefusedBatchChangesNothing() throws IOException {
        Batch batch = new Batch().replace(partition(Rule.dropFrom(ip("10.0.0.1"), false))).deleteTable(Family.NETDEV,
                Table.NETNS4J);
        assertThatThrownBy(() -> b.nftables().apply(batch))
                .isInstanceOfSatisfying(NetlinkException.class, e -> assertThat(e.is(Errno.ENOENT)).isTrue())
                .hasMessage("NFT_MSG_DELTABLE table netdev netns4j in namespace b failed: ENOENT (No such file or"
                        + " directory); the kernel points at NFTA_TABLE_NAME; the kernel rolled the whole batch of 6"
                        + " messages back");
        assertThat(nftListRuleset(b)).isEmpty();
        assertThat(a).canPing("10.0.0.2");
    }

    /**
     * A partition of many addresses: the batch is larger than a netlink socket's default send buffer, and its ACKs more
     * than the default receive buffer holds.
     */
    @Test
    void aLargeBatchIsAppliedWhole() throws IOException {
        List<Rule> rules = new java.util.ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            rules.add(Rule.dropFrom(InetAddress.getByAddress(new byte[] { 10, 1, (byte) (i >> 8), (byte) i }), true));
        }
        Table big = partition(rules.toArray(Rule[]::new));
        b.nftables().apply(new Batch().replace(big));
        assertThat(b.nftables().table(Family.INET, Table.NETNS4J).orElseThrow().rules()).hasSize(1000);
    }

    /** A rule the kernel cannot run: the refusal names the rule, the expression and its attribute. */
    @Test
    void aRefusedExpressionIsNamed() {
        Rule bad = Rule.of(new Expr.Payload(7, 0, 1, Nft.NFT_REG_1), Expr.Cmp.reg1(Expr.CmpOp.EQ, new byte[] { 1 }),
                Expr.Immediate.verdict(Verdict.DROP));
        // payload base 7 does not exist (link, network, transport, inner are 0 to 3)
        assertThatThrownBy(() -> b.nftables().apply(new Batch().replace(partition(bad))))
                .isInstanceOfSatisfying(NetlinkException.class, e -> assertThat(e.is(Errno.EOPNOTSUPP)).isTrue())
                .hasMessage("NFT_MSG_NEWRULE @base7,0,8 0x01 drop in table inet netns4j chain partition in namespace b"
                        + " failed: EOPNOTSUPP (Operation not supported); the kernel points at NFTA_RULE_EXPRESSIONS >"
                        + " expression 1 (payload); the kernel rolled the whole batch of 5 messages back");
        assertThat(nftListRuleset(b)).isEmpty();
    }

    @Test
    void theSocketClosesWithTheNamespace() {
        NftClient client = b.nftables();
        assertThat(b.nftables()).isSameAs(client);
        net.close();
        assertThatThrownBy(b::nftables).isInstanceOf(IllegalStateException.class)
                .hasMessage("Namespace b was torn down with its topology");
    }
}
