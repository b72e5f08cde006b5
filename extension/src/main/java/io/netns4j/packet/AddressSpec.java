package io.netns4j.packet;

import java.net.InetAddress;

/** An IP address or prefix a matcher compares with: {@code 10.0.0.2}, {@code fd00::/64}. */
final class AddressSpec {

    private final byte[] address;
    private final int prefixLength;
    private final String text;

    private AddressSpec(byte[] address, int prefixLength, String text) {
        this.address = address;
        this.prefixLength = prefixLength;
        this.text = text;
    }

    /**
     * Parses an address literal, optionally with a prefix length.
     *
     * @throws IllegalArgumentException
     *             if {@code text} is not an IP address literal (host names are not looked up) or the prefix length does
     *             not fit the address
     */
    static AddressSpec parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("address must not be null");
        }
        String t = text.trim();
        int slash = t.indexOf('/');
        InetAddress a = Addresses.parseLiteral(slash < 0 ? t : t.substring(0, slash));
        byte[] bytes = a.getAddress();
        int prefix = bytes.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad prefix length in \"" + text + "\"", e);
            }
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new IllegalArgumentException("bad prefix length in \"" + text + "\"");
            }
        }
        String canonical = Addresses.format(a) + (slash >= 0 ? "/" + prefix : "");
        return new AddressSpec(bytes, prefix, canonical);
    }

    boolean matches(InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length != address.length) {
            return false;
        }
        int bits = prefixLength;
        for (int i = 0; i < b.length && bits > 0; i++, bits -= 8) {
            int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
            if ((b[i] & mask) != (address[i] & mask)) {
                return false;
            }
        }
        return true;
    }

    boolean isIpv6() {
        return address.length == 16;
    }

    /** {@code 10.0.0.2} or {@code fd00::2}, with its prefix length if one was given. */
    @Override
    public String toString() {
        return text;
    }

    /** {@code 10.0.0.2:53} or {@code [fd00::2]:53}. */
    String withPort(int port) {
        return (isIpv6() ? "[" + text + "]" : text) + ":" + port;
    }
}
