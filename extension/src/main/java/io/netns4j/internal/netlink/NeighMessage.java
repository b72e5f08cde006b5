package io.netns4j.internal.netlink;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * A decoded {@code RTM_NEWNEIGH} message: one entry of a neighbour table, as {@code ip neigh show} prints it.
 *
 * @param family
 *            {@link Nl#AF_INET} or {@link Nl#AF_INET6}
 * @param index
 *            the device's index
 * @param state
 *            the {@code NUD_*} bits of {@code ndm_state}
 * @param flags
 *            the {@code NTF_*} bits of {@code ndm_flags}
 * @param destination
 *            {@code NDA_DST}, null if absent
 * @param lladdr
 *            {@code NDA_LLADDR}, null if the neighbour has not answered
 */
public record NeighMessage(int family, int index, int state, int flags, InetAddress destination, byte[] lladdr) {

    /** {@code NUD_NOARP}: entries of addresses that need no resolution (multicast...), which ip leaves out. */
    public static final int NUD_NOARP = 0x40;

    private static final int NDA_DST = 1;
    private static final int NDA_LLADDR = 2;
    private static final int NTF_ROUTER = 0x80;
    private static final String[] STATES = { "INCOMPLETE", "REACHABLE", "STALE", "DELAY", "PROBE", "FAILED", "NOARP",
            "PERMANENT" };

    public static NeighMessage decode(Message m) {
        // struct ndmsg: family u8, pad u8, pad u16, ifindex s32, state u16, flags u8, type u8
        var b = m.headers(12);
        int h = Nl.NLMSG_HDRLEN;
        Attributes a = m.attributes(12);
        byte[] dst = a.bytes(NDA_DST);
        InetAddress destination = null;
        if (dst != null && (dst.length == 4 || dst.length == 16)) {
            try {
                destination = InetAddress.getByAddress(dst);
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e); // not with 4 or 16 bytes
            }
        }
        return new NeighMessage(Byte.toUnsignedInt(b.get(h)), b.getInt(h + 4), Short.toUnsignedInt(b.getShort(h + 8)),
                Byte.toUnsignedInt(b.get(h + 10)), destination, a.bytes(NDA_LLADDR));
    }

    /** The names of the state bits as ip prints them ({@code REACHABLE}, {@code NONE} for no bit). */
    public String stateName() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < STATES.length; i++) {
            if ((state & (1 << i)) != 0) {
                names.add(STATES[i]);
            }
        }
        return names.isEmpty() ? "NONE" : String.join(" ", names);
    }

    /**
     * The line {@code ip neigh show} prints for this entry on {@code device}:
     * {@code 10.9.0.2 dev eth0 lladdr 02:00:00:00:00:02 REACHABLE}.
     */
    public String describe(String device) {
        StringBuilder sb = new StringBuilder();
        sb.append(destination == null ? "?" : Addresses.format(destination)).append(" dev ").append(device);
        if (lladdr != null) {
            sb.append(" lladdr ").append(Macs.format(lladdr));
        }
        if ((flags & NTF_ROUTER) != 0) {
            sb.append(" router");
        }
        return sb.append(' ').append(stateName()).toString();
    }
}
