package io.netns4j.internal.netlink;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/** Addresses as people, {@code ip} and tcpdump write them. */
public final class Addresses {

    private Addresses() {
    }

    /**
     * The text of an address: dotted quad for IPv4, RFC 5952's canonical form for IPv6 ({@code fd00:1::1}, not Java's
     * {@code fd00:1:0:0:0:0:0:1}; {@code ::ffff:10.0.0.1}), with a scope suffix ({@code %eth0}) if it has one.
     */
    public static String format(InetAddress a) {
        if (a instanceof Inet4Address) {
            return a.getHostAddress();
        }
        byte[] b = a.getAddress();
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        boolean mapped = g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff;
        int groups = mapped ? 6 : 8;
        int bestStart = -1;
        int bestLength = 1; // a single zero group is not shortened
        for (int i = 0; i < groups; i++) {
            if (g[i] != 0) {
                continue;
            }
            int j = i;
            while (j < groups && g[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < groups; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        if (mapped) {
            if (sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(b[12] & 0xff).append('.').append(b[13] & 0xff).append('.').append(b[14] & 0xff).append('.')
                    .append(b[15] & 0xff);
        }
        if (a instanceof Inet6Address a6 && (a6.getScopeId() != 0 || a6.getScopedInterface() != null)) {
            String full = a6.getHostAddress();
            int percent = full.indexOf('%');
            if (percent >= 0) {
                sb.append(full.substring(percent));
            }
        }
        return sb.toString();
    }
}
