package io.netns4j.internal.nftables;

import io.netns4j.internal.nftables.Expr.Bitwise;
import io.netns4j.internal.nftables.Expr.Byteorder;
import io.netns4j.internal.nftables.Expr.Cmp;
import io.netns4j.internal.nftables.Expr.CmpOp;
import io.netns4j.internal.nftables.Expr.Counter;
import io.netns4j.internal.nftables.Expr.Immediate;
import io.netns4j.internal.nftables.Expr.Meta;
import io.netns4j.internal.nftables.Expr.Numgen;
import io.netns4j.internal.nftables.Expr.Payload;
import io.netns4j.internal.nftables.Expr.Reject;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One rule: its expressions in order. The factories build the rules netns4j programs, each exactly as {@code nft} 1.0.6
 * encodes the statement its Javadoc shows (the codec's tests compare the bytes); {@link #render(Family)} writes a rule
 * back in {@code nft} syntax.
 *
 * <p>
 * The address rules are for an {@code inet} table: they test {@code meta nfproto} before reading the address, as
 * {@code nft} does there.
 */
public record Rule(List<Expr> expressions) {

    /** {@code 1000000}: the modulus of {@link #randomDrop(int, boolean)}, a probability in parts per million. */
    public static final int PPM = 1_000_000;

    /** IPv6 neighbour discovery: ICMPv6 types 133 (router solicitation) to 137 (redirect). */
    private static final int ND_FIRST = 133;
    private static final int ND_LAST = 137;
    private static final int IPPROTO_ICMP = 1;
    private static final int IPPROTO_TCP = 6;
    private static final int IPPROTO_ICMPV6 = 58;
    /** The TCP header's flags byte (offset 13) and its RST bit. */
    private static final int TCP_FLAGS_OFFSET = 13;
    private static final int TCP_RST = 0x04;
    /** "Destination unreachable": ICMP type 3, ICMPv6 type 1. */
    private static final int ICMP_DEST_UNREACH = 3;
    private static final int ICMPV6_DEST_UNREACH = 1;
    private static final int NFPROTO_IPV4 = 2;
    private static final int NFPROTO_IPV6 = 10;

    public Rule {
        expressions = List.copyOf(expressions);
        if (expressions.isEmpty()) {
            throw new IllegalArgumentException("A rule needs at least one expression");
        }
    }

    /** A rule of the given expressions. */
    public static Rule of(Expr... expressions) {
        return new Rule(List.of(expressions));
    }

    /**
     * Accepts IPv6 neighbour discovery, so that a partition of IPv6 addresses leaves neighbour resolution alone (a
     * dropped neighbour solicitation would make the peer see {@code EHOSTUNREACH} instead of silence).
     *
     * <p>
     * Equivalent to: {@code meta l4proto ipv6-icmp icmpv6 type { 133-137 } accept} ({@code nft} turns the one-range set
     * into {@code cmp gte} and {@code cmp lte} and lists it as {@code icmpv6 type 133-137 accept}).
     */
    public static Rule neighbourDiscovery() {
        return of(Meta.load(Nft.NFT_META_L4PROTO), Cmp.reg1(CmpOp.EQ, new byte[] { IPPROTO_ICMPV6 }),
                Payload.load(Nft.NFT_PAYLOAD_TRANSPORT_HEADER, 0, 1),
                Cmp.reg1(CmpOp.GTE, new byte[] { (byte) ND_FIRST }), Cmp.reg1(CmpOp.LTE, new byte[] { (byte) ND_LAST }),
                Immediate.verdict(Verdict.ACCEPT));
    }

    /**
     * Drops every packet from {@code source}. Equivalent to: {@code ip saddr 10.0.0.1 [counter] drop} or
     * {@code ip6 saddr fd00::1 [counter] drop}. A link-local IPv6 address matches whatever its scope.
     */
    public static Rule dropFrom(InetAddress source, boolean counter) {
        List<Expr> e = sourceMatch(source);
        finish(e, counter, Immediate.verdict(Verdict.DROP));
        return new Rule(e);
    }

    /**
     * Answers TCP from {@code source} with a reset, so that connections fail at once. Equivalent to:
     * {@code meta l4proto tcp ip saddr 10.0.0.1 [counter] reject with tcp reset} (or {@code ip6 saddr}).
     */
    public static Rule rejectTcpFrom(InetAddress source, boolean counter) {
        List<Expr> e = new ArrayList<>();
        e.add(Meta.load(Nft.NFT_META_L4PROTO));
        e.add(Cmp.reg1(CmpOp.EQ, new byte[] { IPPROTO_TCP }));
        e.addAll(sourceMatch(source));
        finish(e, counter, Reject.TCP_RESET);
        return new Rule(e);
    }

    /**
     * Answers everything else from {@code source} with ICMP(v6) "administratively prohibited". Equivalent to:
     * {@code ip saddr 10.0.0.1 [counter] reject with icmpx type admin-prohibited} (or {@code ip6 saddr}).
     */
    public static Rule rejectFrom(InetAddress source, boolean counter) {
        List<Expr> e = sourceMatch(source);
        finish(e, counter, Reject.ICMPX_ADMIN_PROHIBITED);
        return new Rule(e);
    }

    /**
     * Accepts TCP resets from {@code source}. Placed before {@link #rejectTcpFrom} and {@link #rejectFrom} of the same
     * address, it lets through the reset that the peer's own reject rule answers with, so that a connection to a
     * partitioned peer is refused at once instead of timing out. Equivalent to:
     * {@code meta l4proto tcp ip saddr 10.0.0.1 tcp flags & rst == rst [counter] accept} (or {@code ip6 saddr};
     * {@code nft} lists it without {@code meta l4proto tcp}, which {@code tcp flags} implies).
     */
    public static Rule acceptResetFrom(InetAddress source, boolean counter) {
        List<Expr> e = new ArrayList<>();
        e.add(Meta.load(Nft.NFT_META_L4PROTO));
        e.add(Cmp.reg1(CmpOp.EQ, new byte[] { IPPROTO_TCP }));
        e.addAll(sourceMatch(source));
        e.add(Payload.load(Nft.NFT_PAYLOAD_TRANSPORT_HEADER, TCP_FLAGS_OFFSET, 1));
        e.add(Bitwise.andReg1(new byte[] { TCP_RST }));
        e.add(Cmp.reg1(CmpOp.EQ, new byte[] { TCP_RST }));
        finish(e, counter, Immediate.verdict(Verdict.ACCEPT));
        return new Rule(e);
    }

    /**
     * Accepts ICMP (or ICMPv6, for an IPv6 {@code source}) "destination unreachable" from {@code source}: the error a
     * peer's {@link #rejectFrom} answers with, let through as {@link #acceptResetFrom} lets the reset through.
     * Equivalent to: {@code meta l4proto icmp ip saddr 10.0.0.1 icmp type destination-unreachable [counter] accept} or
     * {@code meta l4proto ipv6-icmp ip6 saddr fd00::1 icmpv6 type destination-unreachable [counter] accept}.
     */
    public static Rule acceptUnreachableFrom(InetAddress source, boolean counter) {
        boolean v4 = Objects.requireNonNull(source, "source") instanceof Inet4Address;
        List<Expr> e = new ArrayList<>();
        e.add(Meta.load(Nft.NFT_META_L4PROTO));
        e.add(Cmp.reg1(CmpOp.EQ, new byte[] { (byte) (v4 ? IPPROTO_ICMP : IPPROTO_ICMPV6) }));
        e.addAll(sourceMatch(source));
        e.add(Payload.load(Nft.NFT_PAYLOAD_TRANSPORT_HEADER, 0, 1));
        e.add(Cmp.reg1(CmpOp.EQ, new byte[] { (byte) (v4 ? ICMP_DEST_UNREACH : ICMPV6_DEST_UNREACH) }));
        finish(e, counter, Immediate.verdict(Verdict.ACCEPT));
        return new Rule(e);
    }

    /**
     * Drops packets at random, each with probability {@code partsPerMillion} / 1,000,000. Equivalent to:
     * {@code numgen random mod 1000000 < PPM [counter] drop} ({@code nft} converts the random number to network order
     * with a {@code byteorder} expression before the {@code cmp lt}, and so does this).
     *
     * @param partsPerMillion
     *            0 (drops nothing) to 1,000,000 (drops everything)
     */
    public static Rule randomDrop(int partsPerMillion, boolean counter) {
        if (partsPerMillion < 0 || partsPerMillion > PPM) {
            throw new IllegalArgumentException("A random drop probability must be 0 to 1000000 parts per million"
                    + " (0 % to 100 %), not " + partsPerMillion);
        }
        List<Expr> e = new ArrayList<>();
        e.add(Numgen.random(PPM));
        e.add(Byteorder.HTON_REG1_U32);
        e.add(Cmp.reg1(CmpOp.LT, ByteBuffer.allocate(4).putInt(partsPerMillion).array()));
        finish(e, counter, Immediate.verdict(Verdict.DROP));
        return new Rule(e);
    }

    private static List<Expr> sourceMatch(InetAddress source) {
        Objects.requireNonNull(source, "source");
        boolean v4 = source instanceof Inet4Address;
        List<Expr> e = new ArrayList<>();
        e.add(Meta.load(Nft.NFT_META_NFPROTO));
        e.add(Cmp.reg1(CmpOp.EQ, new byte[] { (byte) (v4 ? NFPROTO_IPV4 : NFPROTO_IPV6) }));
        // IPv4 source address: bytes 12..15 of the header; IPv6: bytes 8..23.
        e.add(Payload.load(Nft.NFT_PAYLOAD_NETWORK_HEADER, v4 ? 12 : 8, v4 ? 4 : 16));
        e.add(Cmp.reg1(CmpOp.EQ, source.getAddress()));
        return e;
    }

    private static void finish(List<Expr> e, boolean counter, Expr action) {
        if (counter) {
            e.add(Counter.NEW);
        }
        e.add(action);
    }

    /** The packets its first counter counted, or -1 if it has none. */
    public long counterPackets() {
        return expressions.stream().filter(Counter.class::isInstance).map(Counter.class::cast).findFirst()
                .map(Counter::packets).orElse(-1L);
    }

    /**
     * The rule in {@code nft} syntax, as {@code nft list} prints it for the expressions this codec knows
     * ({@code ip saddr 10.0.0.1 counter packets 0 bytes 0 drop}); an expression it does not know shows as its name in
     * brackets ({@code [lookup]}). {@code family} is the table's: it tells which header {@code ip} payload reads.
     */
    public String render(Family family) {
        return RuleRenderer.render(family, expressions);
    }

    /** The expressions as {@code nft --debug=netlink} prints them, one per line. */
    public String debug() {
        StringBuilder sb = new StringBuilder();
        for (Expr e : expressions) {
            sb.append("  ").append(e.debug()).append('\n');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return render(Family.INET);
    }
}
