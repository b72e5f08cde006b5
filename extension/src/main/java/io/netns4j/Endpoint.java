package io.netns4j;

/**
 * A transport endpoint to probe for reachability: {@code tcp("10.0.0.2", 8080)} or {@code udp("10.0.0.2", 53)}.
 *
 * <h2>What "reachable" means</h2>
 * <ul>
 * <li>TCP: a connection to the endpoint is established within the probe's timeout.</li>
 * <li>UDP: a datagram sent to the endpoint is answered by a datagram from it within the timeout. UDP has no handshake,
 * so only a service that answers (DNS, an echo service, your own responder) can be proven reachable; an ICMP port
 * unreachable, or silence, means unreachable.</li>
 * </ul>
 *
 * @param protocol
 *            TCP or UDP
 * @param host
 *            the address (or name) to probe
 * @param port
 *            the port to probe
 */
public record Endpoint(Protocol protocol, String host, int port) {

    /** The transport protocol of an endpoint. */
    public enum Protocol {
        /** A TCP connection. */
        TCP,
        /** A UDP datagram and its answer. */
        UDP
    }

    /** The TCP endpoint {@code host:port}. */
    public static Endpoint tcp(String host, int port) {
        return new Endpoint(Protocol.TCP, host, port);
    }

    /** The UDP endpoint {@code host:port}. */
    public static Endpoint udp(String host, int port) {
        return new Endpoint(Protocol.UDP, host, port);
    }

    @Override
    public String toString() {
        return protocol.name().toLowerCase(java.util.Locale.ROOT) + " " + host + ":" + port;
    }
}
