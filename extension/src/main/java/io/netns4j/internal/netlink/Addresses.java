package io.netns4j.internal.netlink;

import java.net.Inet6Address;
import java.net.InetAddress;

/** Addresses as people and {@code ip} write them. */
public final class Addresses {

    private Addresses() {
    }

    /**
     * The text of an address: dotted quad for IPv4, the RFC 5952 form for IPv6 ({@code fd00:1::1}, not Java's
     * {@code fd00:1:0:0:0:0:0:1}).
     */
    public static String format(InetAddress address) {
        if (!(address instanceof Inet6Address a6)) {
            return address.getHostAddress();
        }
        byte[] b = a6.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8;) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        if (a6.getScopeId() != 0 || a6.getScopedInterface() != null) {
            String full = a6.getHostAddress();
            int percent = full.indexOf('%');
            if (percent >= 0) {
                sb.append(full.substring(percent));
            }
        }
        return sb.toString();
    }
}
