package io.netns4j.internal.netlink;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** A decoded {@code RTM_NEWADDR} message: one line of {@code ip addr show}. */
public record AddressMessage(int family, int prefixLength, int flags, int scope, int index, InetAddress address) {

    public static AddressMessage decode(Message m) {
        var b = m.headers(8);
        int h = Nl.NLMSG_HDRLEN;
        Attributes a = m.attributes(8);
        byte[] raw = a.has(Nl.IFA_LOCAL) ? a.bytes(Nl.IFA_LOCAL) : a.bytes(Nl.IFA_ADDRESS);
        InetAddress address;
        try {
            address = raw == null ? null : InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            address = null;
        }
        int flags = a.u32(Nl.IFA_FLAGS, Byte.toUnsignedInt(b.get(h + 2)));
        return new AddressMessage(Byte.toUnsignedInt(b.get(h)), Byte.toUnsignedInt(b.get(h + 1)), flags,
                Byte.toUnsignedInt(b.get(h + 3)), b.getInt(h + 4), address);
    }
}
