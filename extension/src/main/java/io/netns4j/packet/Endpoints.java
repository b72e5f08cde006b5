package io.netns4j.packet;

import java.net.InetAddress;

/** The address and port conditions that the IP-level matchers share; immutable, {@code null} means "any". */
final class Endpoints {

    static final Endpoints ANY = new Endpoints(null, null, null, null, null, null);

    private final AddressSpec src;
    private final Integer srcPort;
    private final AddressSpec dst;
    private final Integer dstPort;
    private final AddressSpec host;
    private final Integer port;

    private Endpoints(AddressSpec src, Integer srcPort, AddressSpec dst, Integer dstPort, AddressSpec host,
            Integer port) {
        this.src = src;
        this.srcPort = srcPort;
        this.dst = dst;
        this.dstPort = dstPort;
        this.host = host;
        this.port = port;
    }

    static int checkPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        return port;
    }

    Endpoints src(String address) {
        return new Endpoints(AddressSpec.parse(address), srcPort, dst, dstPort, host, port);
    }

    Endpoints srcPort(int p) {
        return new Endpoints(src, checkPort(p), dst, dstPort, host, port);
    }

    Endpoints dst(String address) {
        return new Endpoints(src, srcPort, AddressSpec.parse(address), dstPort, host, port);
    }

    Endpoints dstPort(int p) {
        return new Endpoints(src, srcPort, dst, checkPort(p), host, port);
    }

    Endpoints host(String address) {
        return new Endpoints(src, srcPort, dst, dstPort, AddressSpec.parse(address), port);
    }

    Endpoints port(int p) {
        return new Endpoints(src, srcPort, dst, dstPort, host, checkPort(p));
    }

    boolean matchesAddresses(Ip ip) {
        return (src == null || src.matches(ip.src())) && (dst == null || dst.matches(ip.dst()))
                && (host == null || host.matches(ip.src()) || host.matches(ip.dst()));
    }

    boolean matches(Ip ip, int sport, int dport) {
        return matchesAddresses(ip) && (srcPort == null || srcPort == sport) && (dstPort == null || dstPort == dport)
                && (port == null || port == sport || port == dport);
    }

    boolean matches(InetAddress s, InetAddress d) {
        return (src == null || src.matches(s)) && (dst == null || dst.matches(d))
                && (host == null || host.matches(s) || host.matches(d));
    }

    /** Appends {@code " from 10.0.0.1:43210 to 10.0.0.2 dst port 53 host ... port ..."}, as far as set. */
    void describe(StringBuilder sb) {
        describe(sb, "from", "src port", src, srcPort);
        describe(sb, "to", "dst port", dst, dstPort);
        if (host != null) {
            sb.append(" host ").append(host);
        }
        if (port != null) {
            sb.append(" port ").append(port);
        }
    }

    private static void describe(StringBuilder sb, String preposition, String portWord, AddressSpec a, Integer p) {
        if (a != null && p != null) {
            sb.append(' ').append(preposition).append(' ').append(a.withPort(p));
        } else if (a != null) {
            sb.append(' ').append(preposition).append(' ').append(a);
        } else if (p != null) {
            sb.append(' ').append(portWord).append(' ').append(p);
        }
    }
}
