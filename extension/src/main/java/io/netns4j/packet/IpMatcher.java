package io.netns4j.packet;

/**
 * Matches packets by their outermost IP header. Built by {@link Matchers#ip()}, {@link Matchers#ipv4()} or
 * {@link Matchers#ipv6()}; each method returns a new matcher with one more condition (setting the same condition again
 * replaces it).
 * <p>
 * Description, e.g.: {@code ipv4 from 10.0.0.1 to 10.0.0.0/24 protocol 17}.
 */
public final class IpMatcher implements PacketMatcher {

    private final int version;
    private final Endpoints endpoints;
    private final Integer protocol;

    IpMatcher(int version) {
        this(version, Endpoints.ANY, null);
    }

    private IpMatcher(int version, Endpoints endpoints, Integer protocol) {
        this.version = version;
        this.endpoints = endpoints;
        this.protocol = protocol;
    }

    /** From an address or prefix: {@code from 10.0.0.1}. */
    public IpMatcher src(String address) {
        return new IpMatcher(version, endpoints.src(address), protocol);
    }

    /** To an address or prefix: {@code to 10.0.0.2}. */
    public IpMatcher dst(String address) {
        return new IpMatcher(version, endpoints.dst(address), protocol);
    }

    /** From or to an address or prefix: {@code host 10.0.0.2}. */
    public IpMatcher host(String address) {
        return new IpMatcher(version, endpoints.host(address), protocol);
    }

    /**
     * The transport protocol number (IPv6: after the extension headers), e.g. 17 for UDP: {@code protocol 17}.
     */
    public IpMatcher protocol(int protocol) {
        if (protocol < 0 || protocol > 255) {
            throw new IllegalArgumentException("protocol must be 0..255: " + protocol);
        }
        return new IpMatcher(version, endpoints, protocol);
    }

    @Override
    public boolean matches(Packet packet) {
        if (packet.ip().isEmpty()) {
            return false;
        }
        Ip ip = packet.ip().get();
        return (version == 0 || ip.version() == version) && endpoints.matchesAddresses(ip)
                && (protocol == null || ip.protocol() == protocol);
    }

    @Override
    public String description() {
        StringBuilder sb = new StringBuilder(version == 0 ? "ip" : "ipv" + version);
        endpoints.describe(sb);
        if (protocol != null) {
            sb.append(" protocol ").append(protocol);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return description();
    }
}
