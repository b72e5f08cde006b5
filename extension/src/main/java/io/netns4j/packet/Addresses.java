package io.netns4j.packet;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Address text without name lookups: IPv6 as RFC 5952 ({@code fd00::1}), MACs as {@code 02:00:00:00:00:01}. */
final class Addresses {

    private static final Pattern IPV4 = Pattern
            .compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final Pattern MAC = Pattern.compile("[0-9A-Fa-f]{2}([:-][0-9A-Fa-f]{2}){5}");

    private Addresses() {
    }

    /** An address from 4 or 16 bytes; IPv4-mapped IPv6 addresses stay IPv6. */
    static InetAddress ip(byte[] data, int offset, int length) {
        byte[] b = new byte[length];
        System.arraycopy(data, offset, b, 0, length);
        try {
            if (length == 16) {
                return Inet6Address.getByAddress(null, b, -1);
            }
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bad address length " + length, e); // not reached: 4 or 16 only
        }
    }

    /** {@code 10.0.0.1}, or an IPv6 address in RFC 5952's canonical text: {@code fd00::1}, {@code ::ffff:10.0.0.1}. */
    static String format(InetAddress a) {
        return io.netns4j.internal.netlink.Addresses.format(a);
    }

    /** {@code host.port} as tcpdump prints it, for IPv4 and IPv6 alike. */
    static String withPort(InetAddress a, int port) {
        return format(a) + "." + port;
    }

    /** Colon-separated lowercase hex of {@code length} bytes at {@code offset}. */
    static String mac(byte[] data, int offset, int length) {
        StringBuilder sb = new StringBuilder(3 * length);
        for (int i = 0; i < length; i++) {
            if (i > 0) {
                sb.append(':');
            }
            int v = data[offset + i] & 0xff;
            sb.append(Character.forDigit(v >> 4, 16)).append(Character.forDigit(v & 0xf, 16));
        }
        return sb.toString();
    }

    /**
     * Parses an IP address literal, never a host name (so never a DNS query).
     *
     * @throws IllegalArgumentException
     *             if {@code text} is not an IPv4 dotted quad or an IPv6 literal
     */
    static InetAddress parseLiteral(String text) {
        String t = text.trim();
        boolean v6 = t.indexOf(':') >= 0;
        if (v6 ? !IPV6.matcher(t).matches() : !IPV4.matcher(t).matches()) {
            throw new IllegalArgumentException("not an IP address literal: \"" + text + "\"");
        }
        try {
            // A literal: InetAddress parses it without a lookup.
            InetAddress a = InetAddress.getByName(t);
            if (v6 && a instanceof Inet4Address) { // "::ffff:10.0.0.1" comes back as IPv4
                byte[] b = new byte[16];
                b[10] = (byte) 0xff;
                b[11] = (byte) 0xff;
                System.arraycopy(a.getAddress(), 0, b, 12, 4);
                return Inet6Address.getByAddress(null, b, -1);
            }
            return a;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address literal: \"" + text + "\"", e);
        }
    }

    /**
     * Normalises a MAC address: {@code 02:AB:...} or {@code 02-ab-...} becomes {@code 02:ab:...}.
     *
     * @throws IllegalArgumentException
     *             if {@code text} is not six hex octets
     */
    static String parseMac(String text) {
        String t = text.trim();
        if (!MAC.matcher(t).matches()) {
            throw new IllegalArgumentException("not a MAC address: \"" + text + "\"");
        }
        return t.replace('-', ':').toLowerCase(Locale.ROOT);
    }
}
