package io.netns4j.internal.netlink;

/** MAC address text, as {@code ip link} prints it: {@code 02:00:00:00:00:01}. */
public final class Macs {

    private Macs() {
    }

    public static String format(byte[] mac) {
        if (mac == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < mac.length; i++) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(String.format("%02x", mac[i] & 0xff));
        }
        return sb.toString();
    }
}
