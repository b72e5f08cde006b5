package io.netns4j.internal.model;

import io.netns4j.internal.netlink.Addresses;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An address with a prefix length, e.g. {@code 10.0.0.1/24} or {@code fd00::1/64}. Parsing is strict and never resolves
 * host names.
 */
public record Cidr(InetAddress address, int prefixLength) {

    private static final Pattern IPV4 = Pattern
            .compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*");

    /** Parses a literal IPv4 or IPv6 address, never a host name; empty if it is not one. */
    public static Optional<InetAddress> parseAddress(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim();
        if (!IPV4.matcher(t).matches() && !IPV6.matcher(t).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(t));
        } catch (UnknownHostException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Parses {@code ADDRESS/PREFIX}; empty if the text is not that. */
    public static Optional<Cidr> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int slash = text.indexOf('/');
        if (slash < 0 || slash != text.lastIndexOf('/')) {
            return Optional.empty();
        }
        Optional<InetAddress> address = parseAddress(text.substring(0, slash));
        String prefix = text.substring(slash + 1);
        if (address.isEmpty() || !prefix.matches("\\d{1,3}")) {
            return Optional.empty();
        }
        int length = Integer.parseInt(prefix);
        if (length > bits(address.get())) {
            return Optional.empty();
        }
        return Optional.of(new Cidr(address.get(), length));
    }

    static int bits(InetAddress a) {
        return a instanceof Inet4Address ? 32 : 128;
    }

    public boolean isIpv6() {
        return address instanceof Inet6Address;
    }

    /** The network address: the address with its host bits cleared. */
    public InetAddress network() {
        byte[] raw = address.getAddress();
        for (int i = 0; i < raw.length * 8; i++) {
            if (i >= prefixLength) {
                raw[i / 8] &= (byte) ~(0x80 >> (i % 8));
            }
        }
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The IPv4 broadcast address of the subnet. */
    public InetAddress broadcast() {
        byte[] raw = address.getAddress();
        for (int i = prefixLength; i < raw.length * 8; i++) {
            raw[i / 8] |= (byte) (0x80 >> (i % 8));
        }
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code other} lies in this subnet. */
    public boolean contains(InetAddress other) {
        if (other.getClass() != address.getClass()) {
            return false;
        }
        return new Cidr(other, prefixLength).network().equals(network());
    }

    /** Whether the address has host bits set beyond the prefix (so it is not a network prefix). */
    public boolean hasHostBits() {
        return !network().equals(address);
    }

    @Override
    public String toString() {
        return Addresses.format(address) + "/" + prefixLength;
    }
}
