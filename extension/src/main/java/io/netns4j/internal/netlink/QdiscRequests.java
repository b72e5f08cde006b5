package io.netns4j.internal.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Encoders of {@code RTM_*QDISC} requests. Each method names the {@code tc} command it equals, byte for byte.
 */
public final class QdiscRequests {

    private QdiscRequests() {
    }

    /** {@code struct tcmsg}: family, pads, ifindex, handle, parent, info. */
    static byte[] tcmsg(int ifindex, int handle, int parent) {
        return ByteBuffer.allocate(Tc.TCMSG_LEN).order(ByteOrder.LITTLE_ENDIAN).put((byte) Nl.AF_UNSPEC).put((byte) 0)
                .putShort((short) 0).putInt(ifindex).putInt(handle).putInt(parent).putInt(0).array();
    }

    /** {@code root}, or {@code parent 1:1}, as tc's command line has the parent. */
    private static String where(int parent) {
        return parent == Tc.TC_H_ROOT ? "root" : "parent " + Tc.classId(parent);
    }

    /**
     * Creates the qdisc {@code spec} under {@code parent} of device {@code ifindex}, replacing the one there.
     *
     * <p>
     * Equivalent to: {@code tc qdisc replace dev DEVICE (root | parent P) [handle H] KIND OPTIONS}, byte for byte
     * ({@code NLM_F_CREATE | NLM_F_REPLACE}, the kind with its NUL, then {@code TCA_OPTIONS}).
     *
     * <p>
     * What the kernel does with it: if the qdisc under {@code parent} has the handle {@code handle} (and the same
     * kind), it changes that qdisc's parameters in place, and parameters the request leaves out keep their old values;
     * if it has another handle (or there is none but the device's default), a new qdisc is made and grafted in its
     * place, destroying the old one with its children. A handle of the same number but another kind is refused
     * ({@code EINVAL}, "Invalid qdisc name").
     *
     * @param device
     *            the device's name, for the description only
     * @param parent
     *            {@link Tc#TC_H_ROOT} or a class id ({@code Tc.handle(1, 1)} for {@code 1:1})
     * @param handle
     *            the new qdisc's handle ({@code Tc.handle(1, 0)} for {@code 1:}), or 0 to let the kernel choose
     * @param psched
     *            the kernel's scheduler clock ({@code /proc/net/psched}), for the parameters that travel in ticks
     */
    public static MessageWriter replace(int ifindex, String device, int parent, int handle, QdiscSpec spec,
            Psched psched) {
        if (Tc.minor(handle) != 0) {
            throw new IllegalArgumentException(
                    "A qdisc handle has no minor number: " + Tc.classId(handle) + " (write it like 1:)");
        }
        MessageWriter w = new MessageWriter(Tc.RTM_NEWQDISC, Nl.NLM_F_ACK | Nl.NLM_F_CREATE | Nl.NLM_F_REPLACE,
                "tc qdisc replace dev " + device + " " + where(parent)
                        + (handle != 0 ? " handle " + Tc.qdiscHandle(handle) : "") + " " + spec.tcArguments())
                                .header(tcmsg(ifindex, handle, parent)).attrString(Tc.TCA_KIND, spec.kind());
        spec.writeOptions(w, psched);
        return w;
    }

    /**
     * Deletes the qdisc under {@code parent} (its children with it); the device falls back to its default qdisc when
     * that is the root. Equivalent to: {@code tc qdisc del dev DEVICE (root | parent P) [handle H]}. With the default
     * qdisc at the root, deleting the root is refused with {@code ENOENT} ("Cannot delete qdisc with handle of zero").
     *
     * @param handle
     *            the handle the qdisc must have, or 0 for whichever is there
     */
    public static MessageWriter delete(int ifindex, String device, int parent, int handle) {
        return new MessageWriter(Tc.RTM_DELQDISC, Nl.NLM_F_ACK,
                "tc qdisc del dev " + device + " " + where(parent)
                        + (handle != 0 ? " handle " + Tc.qdiscHandle(handle) : ""))
                                .header(tcmsg(ifindex, handle, parent));
    }

    /**
     * A dump of qdiscs. Equivalent to: {@code tc qdisc show dev DEVICE}. The kernel answers with the qdiscs of every
     * device of the namespace whatever the index; tc, and {@link QdiscMessage#ifindex()}, filter them.
     *
     * @param ifindex
     *            the device's index, 0 for {@code tc qdisc show}
     */
    public static MessageWriter dump(int ifindex, String device) {
        return new MessageWriter(Tc.RTM_GETQDISC, Nl.NLM_F_DUMP,
                "tc qdisc show" + (ifindex != 0 ? " dev " + device : "")).header(tcmsg(ifindex, 0, 0));
    }
}
