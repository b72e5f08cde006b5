package io.netns4j.internal.netlink;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** A decoded {@code RTM_NEWROUTE} message: one line of {@code ip route show table all}. */
public record RouteMessage(int family, int dstLength, int table, int protocol, int scope, int type,
        InetAddress destination, InetAddress gateway, int outIndex, InetAddress preferredSource) {

    public static RouteMessage decode(Message m) {
        var b = m.headers(12);
        int h = Nl.NLMSG_HDRLEN;
        Attributes a = m.attributes(12);
        int table = a.u32(Nl.RTA_TABLE, Byte.toUnsignedInt(b.get(h + 4)));
        return new RouteMessage(Byte.toUnsignedInt(b.get(h)), Byte.toUnsignedInt(b.get(h + 1)), table,
                Byte.toUnsignedInt(b.get(h + 5)), Byte.toUnsignedInt(b.get(h + 6)), Byte.toUnsignedInt(b.get(h + 7)),
                inet(a.bytes(Nl.RTA_DST)), inet(a.bytes(Nl.RTA_GATEWAY)), a.u32(Nl.RTA_OIF, 0),
                inet(a.bytes(Nl.RTA_PREFSRC)));
    }

    private static InetAddress inet(byte[] raw) {
        if (raw == null || (raw.length != 4 && raw.length != 16)) {
            return null;
        }
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
