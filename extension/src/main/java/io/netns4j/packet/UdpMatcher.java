package io.netns4j.packet;

/**
 * Matches packets whose outermost transport is UDP, by addresses, ports and payload. Built by {@link Matchers#udp()};
 * each method returns a new matcher with one more condition (setting the same condition again replaces it). A VXLAN
 * packet's outer UDP header matches too; its inner packet is matched with {@link Matchers#vxlan()}.
 * <p>
 * Description, e.g.: {@code udp to 10.0.0.2:53}, {@code udp src port 5353 containing "ping"}.
 */
public final class UdpMatcher implements PacketMatcher {

    private final Endpoints endpoints;
    private final PayloadPattern payload;

    UdpMatcher() {
        this(Endpoints.ANY, null);
    }

    private UdpMatcher(Endpoints endpoints, PayloadPattern payload) {
        this.endpoints = endpoints;
        this.payload = payload;
    }

    private UdpMatcher with(Endpoints e) {
        return new UdpMatcher(e, payload);
    }

    /** From source port {@code port}: {@code src port 5353}. */
    public UdpMatcher srcPort(int port) {
        return with(endpoints.srcPort(port));
    }

    /** To destination port {@code port}: {@code dst port 53}. */
    public UdpMatcher dstPort(int port) {
        return with(endpoints.dstPort(port));
    }

    /** From or to port {@code port}: {@code port 53}. */
    public UdpMatcher port(int port) {
        return with(endpoints.port(port));
    }

    /** From an address or prefix: {@code from 10.0.0.1}. */
    public UdpMatcher src(String address) {
        return with(endpoints.src(address));
    }

    /** To an address or prefix: {@code to 10.0.0.2}. */
    public UdpMatcher dst(String address) {
        return with(endpoints.dst(address));
    }

    /** From an address and port: {@code from 10.0.0.1:5353}. */
    public UdpMatcher src(String address, int port) {
        return with(endpoints.src(address).srcPort(port));
    }

    /** To an address and port: {@code to 10.0.0.2:53}. */
    public UdpMatcher dst(String address, int port) {
        return with(endpoints.dst(address).dstPort(port));
    }

    /** From or to an address or prefix: {@code host 10.0.0.2}. */
    public UdpMatcher host(String address) {
        return with(endpoints.host(address));
    }

    /** The captured payload contains {@code bytes}: {@code containing 0x0001}. */
    public UdpMatcher payloadContains(byte[] bytes) {
        return new UdpMatcher(endpoints, PayloadPattern.of(bytes));
    }

    /** The captured payload contains {@code text} in UTF-8: {@code containing "ping"}. */
    public UdpMatcher payloadContains(String text) {
        return new UdpMatcher(endpoints, PayloadPattern.of(text));
    }

    @Override
    public boolean matches(Packet packet) {
        if (packet.ip().isEmpty() || packet.udp().isEmpty()) {
            return false;
        }
        Udp u = packet.udp().get();
        return endpoints.matches(packet.ip().get(), u.srcPort(), u.dstPort())
                && (payload == null || payload.foundIn(u.payload()));
    }

    @Override
    public String description() {
        StringBuilder sb = new StringBuilder("udp");
        endpoints.describe(sb);
        if (payload != null) {
            sb.append(' ').append(payload);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return description();
    }
}
