package io.netns4j.packet;

import java.util.Objects;

/**
 * Matches packets whose outermost transport is TCP, by addresses, ports, flags and payload. Built by
 * {@link Matchers#tcp()}; each method returns a new matcher with one more condition (setting the same condition again
 * replaces it). Flag conditions require the flag to be set and say nothing of the others: {@code syn()} matches a SYN
 * and a SYN+ACK; {@code syn().withoutFlags(TcpFlag.ACK)} only the first.
 * <p>
 * Description, e.g.: {@code tcp from 10.0.0.1 dst port 7000 with SYN without ACK containing "hello"}.
 */
public final class TcpMatcher implements PacketMatcher {

    private final Endpoints endpoints;
    private final int required;
    private final int forbidden;
    private final boolean noFlags;
    private final PayloadPattern payload;

    TcpMatcher() {
        this(Endpoints.ANY, 0, 0, false, null);
    }

    private TcpMatcher(Endpoints endpoints, int required, int forbidden, boolean noFlags, PayloadPattern payload) {
        this.endpoints = endpoints;
        this.required = required;
        this.forbidden = forbidden;
        this.noFlags = noFlags;
        this.payload = payload;
    }

    private TcpMatcher with(Endpoints e) {
        return new TcpMatcher(e, required, forbidden, noFlags, payload);
    }

    private TcpMatcher require(int bits) {
        return new TcpMatcher(endpoints, required | bits, forbidden & ~bits, false, payload);
    }

    /** From source port {@code port}: {@code src port 43210}. */
    public TcpMatcher srcPort(int port) {
        return with(endpoints.srcPort(port));
    }

    /** To destination port {@code port}: {@code dst port 7000}. */
    public TcpMatcher dstPort(int port) {
        return with(endpoints.dstPort(port));
    }

    /** From or to port {@code port}: {@code port 7000}. */
    public TcpMatcher port(int port) {
        return with(endpoints.port(port));
    }

    /** From an address or prefix ({@code 10.0.0.1}, {@code fd00::/64}): {@code from 10.0.0.1}. */
    public TcpMatcher src(String address) {
        return with(endpoints.src(address));
    }

    /** To an address or prefix: {@code to 10.0.0.2}. */
    public TcpMatcher dst(String address) {
        return with(endpoints.dst(address));
    }

    /** From an address and port: {@code from 10.0.0.1:43210}. */
    public TcpMatcher src(String address, int port) {
        return with(endpoints.src(address).srcPort(port));
    }

    /** To an address and port: {@code to 10.0.0.2:7000}, {@code to [fd00::2]:7000}. */
    public TcpMatcher dst(String address, int port) {
        return with(endpoints.dst(address).dstPort(port));
    }

    /** From or to an address or prefix: {@code host 10.0.0.2}. */
    public TcpMatcher host(String address) {
        return with(endpoints.host(address));
    }

    /** SYN set: {@code with SYN}. Matches SYN+ACK too; add {@code withoutFlags(TcpFlag.ACK)} for the first SYN. */
    public TcpMatcher syn() {
        return require(TcpFlag.SYN.bit());
    }

    /** SYN and ACK set, the second packet of the handshake: {@code with SYN+ACK}. */
    public TcpMatcher synAck() {
        return require(TcpFlag.SYN.bit() | TcpFlag.ACK.bit());
    }

    /** ACK set: {@code with ACK}. */
    public TcpMatcher ack() {
        return require(TcpFlag.ACK.bit());
    }

    /** FIN set: {@code with FIN}. */
    public TcpMatcher fin() {
        return require(TcpFlag.FIN.bit());
    }

    /** RST set: {@code with RST}. */
    public TcpMatcher rst() {
        return require(TcpFlag.RST.bit());
    }

    /** PSH set: {@code with PSH}. */
    public TcpMatcher psh() {
        return require(TcpFlag.PSH.bit());
    }

    /** URG set: {@code with URG}. */
    public TcpMatcher urg() {
        return require(TcpFlag.URG.bit());
    }

    /** All of {@code flags} set: {@code with SYN+ACK}. */
    public TcpMatcher withFlags(TcpFlag... flags) {
        return require(bits(flags));
    }

    /** None of {@code flags} set: {@code without ACK}, {@code without FIN or RST}. */
    public TcpMatcher withoutFlags(TcpFlag... flags) {
        int bits = bits(flags);
        return new TcpMatcher(endpoints, required & ~bits, forbidden | bits, noFlags, payload);
    }

    /** No flag at all set (a "null" segment): {@code with no flags}. Replaces earlier flag conditions. */
    public TcpMatcher noFlags() {
        return new TcpMatcher(endpoints, 0, 0, true, payload);
    }

    /** The captured payload contains {@code bytes}: {@code containing 0x68656c6c6f}. */
    public TcpMatcher payloadContains(byte[] bytes) {
        return new TcpMatcher(endpoints, required, forbidden, noFlags, PayloadPattern.of(bytes));
    }

    /** The captured payload contains {@code text} in UTF-8: {@code containing "hello"}. */
    public TcpMatcher payloadContains(String text) {
        return new TcpMatcher(endpoints, required, forbidden, noFlags, PayloadPattern.of(text));
    }

    private static int bits(TcpFlag... flags) {
        int bits = 0;
        for (TcpFlag f : flags) {
            bits |= Objects.requireNonNull(f, "flag").bit();
        }
        return bits;
    }

    @Override
    public boolean matches(Packet packet) {
        if (packet.ip().isEmpty() || packet.tcp().isEmpty()) {
            return false;
        }
        Tcp t = packet.tcp().get();
        int flags = t.flags().bits();
        return endpoints.matches(packet.ip().get(), t.srcPort(), t.dstPort()) && (flags & required) == required
                && (flags & forbidden) == 0 && (!noFlags || (flags & 0xff) == 0)
                && (payload == null || payload.foundIn(packet.payload()));
    }

    @Override
    public String description() {
        StringBuilder sb = new StringBuilder("tcp");
        endpoints.describe(sb);
        if (noFlags) {
            sb.append(" with no flags");
        }
        if (required != 0) {
            sb.append(" with ").append(names(required, "+"));
        }
        if (forbidden != 0) {
            sb.append(" without ").append(names(forbidden, " or "));
        }
        if (payload != null) {
            sb.append(' ').append(payload);
        }
        return sb.toString();
    }

    private static String names(int bits, String separator) {
        StringBuilder sb = new StringBuilder();
        for (TcpFlag f : TcpFlag.values()) {
            if ((bits & f.bit()) != 0) {
                if (sb.length() > 0) {
                    sb.append(separator);
                }
                sb.append(f.name());
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return description();
    }
}
