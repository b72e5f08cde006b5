package io.netns4j.internal.netlink;

/**
 * Constants of traffic control, as {@code linux/rtnetlink.h} ({@code RTM_*QDISC}, {@code struct tcmsg}, {@code TCA_*})
 * and {@code linux/pkt_sched.h} (handles, {@code tc_ratespec}, TBF and netem attributes) define them, and the handle
 * notation of {@code tc}: {@code 1:} for a qdisc, {@code 1:1} for a class.
 */
public final class Tc {

    private Tc() {
    }

    // linux/rtnetlink.h
    public static final int RTM_NEWQDISC = 36;
    public static final int RTM_DELQDISC = 37;
    public static final int RTM_GETQDISC = 38;
    /** {@code sizeof(struct tcmsg)}: family, two pads, ifindex, handle, parent, info. */
    public static final int TCMSG_LEN = 20;

    public static final int TCA_KIND = 1;
    public static final int TCA_OPTIONS = 2;
    public static final int TCA_STATS = 3;
    public static final int TCA_XSTATS = 4;
    public static final int TCA_STATS2 = 7;

    // linux/pkt_sched.h: handles
    public static final int TC_H_UNSPEC = 0;
    public static final int TC_H_ROOT = 0xFFFFFFFF;
    public static final int TC_H_INGRESS = 0xFFFFFFF1;

    public static final int TC_LINKLAYER_ETHERNET = 1;
    public static final int TC_LINKLAYER_MASK = 0x0F;
    /** {@code TC_RTAB_SIZE}: 256 32-bit entries. */
    public static final int TC_RTAB_SIZE = 1024;
    /** {@code sizeof(struct tc_ratespec)}. */
    public static final int TC_RATESPEC_LEN = 12;

    // TBF
    public static final int TCA_TBF_PARMS = 1;
    public static final int TCA_TBF_RTAB = 2;
    public static final int TCA_TBF_PTAB = 3;
    public static final int TCA_TBF_RATE64 = 4;
    public static final int TCA_TBF_PRATE64 = 5;
    public static final int TCA_TBF_BURST = 6;
    public static final int TCA_TBF_PBURST = 7;
    /** {@code sizeof(struct tc_tbf_qopt)}: two rate specs, limit, buffer, mtu. */
    public static final int TC_TBF_QOPT_LEN = 2 * TC_RATESPEC_LEN + 12;

    // netem
    public static final int TCA_NETEM_CORR = 1;
    public static final int TCA_NETEM_DELAY_DIST = 2;
    public static final int TCA_NETEM_REORDER = 3;
    public static final int TCA_NETEM_CORRUPT = 4;
    public static final int TCA_NETEM_LOSS = 5;
    public static final int TCA_NETEM_RATE = 6;
    public static final int TCA_NETEM_ECN = 7;
    public static final int TCA_NETEM_RATE64 = 8;
    public static final int TCA_NETEM_PAD = 9;
    public static final int TCA_NETEM_LATENCY64 = 10;
    public static final int TCA_NETEM_JITTER64 = 11;
    public static final int TCA_NETEM_SLOT = 12;
    public static final int TCA_NETEM_SLOT_DIST = 13;
    /** {@code sizeof(struct tc_netem_qopt)}: latency, limit, loss, gap, duplicate, jitter. */
    public static final int TC_NETEM_QOPT_LEN = 24;
    /** {@code NETEM_DIST_SCALE}: a distribution table holds standard deviations times this. */
    public static final int NETEM_DIST_SCALE = 8192;
    /** {@code NETEM_DIST_MAX}: the most entries a distribution table may have. */
    public static final int NETEM_DIST_MAX = 16384;

    /**
     * {@code TC_H_MAKE(major << 16, minor)}: {@code handle(1, 0)} is {@code 1:}, {@code handle(1, 1)} is {@code 1:1}.
     */
    public static int handle(int major, int minor) {
        if (major < 0 || major > 0xFFFF || minor < 0 || minor > 0xFFFF) {
            throw new IllegalArgumentException(
                    "A tc handle is two 16-bit numbers, major:minor; got " + major + ":" + minor);
        }
        return (major << 16) | minor;
    }

    /** The major number of a handle: 1 for {@code 1:1}. */
    public static int major(int handle) {
        return handle >>> 16;
    }

    /** The minor number of a handle: 1 for {@code 1:1}. */
    public static int minor(int handle) {
        return handle & 0xFFFF;
    }

    /** A qdisc handle as tc prints it: {@code 1:}, {@code 8001:}. */
    public static String qdiscHandle(int handle) {
        return Integer.toHexString(major(handle)) + ":";
    }

    /**
     * A parent or class id as tc prints it ({@code print_tc_classid}): {@code root}, {@code 1:}, {@code 1:1},
     * {@code :1}.
     */
    public static String classId(int handle) {
        if (handle == TC_H_ROOT) {
            return "root";
        }
        if (handle == TC_H_UNSPEC) {
            return "none";
        }
        if (major(handle) == 0) {
            return ":" + Integer.toHexString(minor(handle));
        }
        if (minor(handle) == 0) {
            return Integer.toHexString(major(handle)) + ":";
        }
        return Integer.toHexString(major(handle)) + ":" + Integer.toHexString(minor(handle));
    }
}
