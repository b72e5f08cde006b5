package io.netns4j.internal.runtime;

import io.netns4j.KernelFeatureMissingException;
import io.netns4j.LinkInfo;
import io.netns4j.internal.netlink.LinkMessage;
import io.netns4j.internal.netlink.Message;
import io.netns4j.internal.netlink.MessageWriter;
import io.netns4j.internal.netlink.NetemSpec;
import io.netns4j.internal.netlink.NetlinkException;
import io.netns4j.internal.netlink.Psched;
import io.netns4j.internal.netlink.QdiscMessage;
import io.netns4j.internal.netlink.QdiscRequests;
import io.netns4j.internal.netlink.TbfSpec;
import io.netns4j.internal.netlink.Tc;
import io.netns4j.internal.sys.Errno;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The qdiscs of the devices of one namespace: a device's egress shaped by a TBF, impaired by netem, or both (netem at
 * the root, a TBF in its one class: packets are delayed, lost, duplicated... first, then leave at the rate), and back
 * to the device's default. What {@code tc qdisc replace/del/show dev DEVICE root ...} does, over the namespace's own
 * rtnetlink socket; the library never runs {@code tc}.
 *
 * <h2>The tree {@link #apply} makes</h2>
 * <ul>
 * <li>netem alone: {@code root handle N: netem ...}</li>
 * <li>TBF alone: {@code root handle N: tbf ...}</li>
 * <li>both: {@code root handle N: netem ...} and {@code parent N:1 handle N0: tbf ...}</li>
 * </ul>
 * N is 1, or 2 when the root's handle is already 1: every {@code apply} creates fresh qdiscs, which the kernel grafts
 * at the root in place of the old tree at once. Changing a qdisc in place would keep whatever the new settings leave
 * out (netem keeps an earlier correlation, reordering or distribution table; a root's children stay), so the settings
 * in force are always exactly those of the last {@code apply}. With both, the TBF is added in a second request: for the
 * moment between the two, netem runs without the rate.
 *
 * <p>
 * Errors name the request as the equal {@code tc} command (with the device), the namespace, the errno and the kernel's
 * own words. A kernel without a qdisc kind gives a {@link KernelFeatureMissingException} with the probe's reason.
 */
public final class Qdiscs {

    /** The link-layer header a qdisc counts in a frame's length on an Ethernet device. */
    private static final int ETHERNET_HEADER = 14;
    private static final int ARPHRD_ETHER = 1;

    private static volatile Psched psched;

    private final Namespace ns;

    private Qdiscs(Namespace ns) {
        this.ns = Objects.requireNonNull(ns, "ns");
    }

    /** The qdiscs of the devices of {@code ns}. */
    public static Qdiscs of(Namespace ns) {
        return new Qdiscs(ns);
    }

    /**
     * The kernel's scheduler clock, read once from {@code /proc/net/psched} (the same in every namespace).
     *
     * @throws IllegalStateException
     *             if the file cannot be read or makes no sense
     */
    public static Psched psched() {
        Psched p = psched;
        if (p == null) {
            Path file = Path.of("/proc/net/psched");
            try {
                p = Psched.parse(Files.readString(file));
            } catch (IOException | IllegalArgumentException e) {
                throw new IllegalStateException("Cannot read the packet scheduler's clock from " + file
                        + ", which turns times into the kernel's ticks: " + e.getMessage(), e);
            }
            psched = p;
        }
        return p;
    }

    /**
     * Makes {@code device}'s root qdisc netem, a TBF, or netem with a TBF under it, replacing whatever is there.
     *
     * @param netem
     *            the impairments, or null for none
     * @param rate
     *            the rate, or null for none
     *
     * @throws IllegalArgumentException
     *             if the namespace has no such device, both are null, or the TBF's burst is smaller than the device's
     *             largest frame (the TBF would drop every full-size frame)
     * @throws KernelFeatureMissingException
     *             if the kernel lacks {@code sch_netem} or {@code sch_tbf}
     * @throws NetlinkException
     *             if the kernel refuses a request
     */
    public void apply(String device, NetemSpec netem, TbfSpec rate) {
        if (netem == null && rate == null) {
            throw new IllegalArgumentException("Nothing to apply to " + device + " in namespace " + ns.name()
                    + ": give netem settings, a rate or both (clear() restores the default qdisc)");
        }
        LinkMessage link = link(device);
        if (rate != null) {
            checkBurst(link, rate);
        }
        List<String> missing = new ArrayList<>();
        if (netem != null) {
            KernelFeatures.missingQdisc("netem").ifPresent(missing::add);
        }
        if (rate != null) {
            KernelFeatures.missingQdisc("tbf").ifPresent(missing::add);
        }
        if (!missing.isEmpty()) {
            throw new KernelFeatureMissingException(missing);
        }
        int index = link.index();
        int major = rootOf(index, device).map(q -> Tc.major(q.handle())).orElse(0) == 1 ? 2 : 1;
        int root = Tc.handle(major, 0);
        Psched clock = psched();
        // Both requests are encoded before either is sent: a setting the kernel cannot be sent changes nothing.
        MessageWriter first = QdiscRequests.replace(index, device, Tc.TC_H_ROOT, root, netem != null ? netem : rate,
                clock);
        MessageWriter child = netem != null && rate != null
                ? QdiscRequests.replace(index, device, Tc.handle(major, 1), Tc.handle(major << 4, 0), rate, clock)
                : null;
        ns.rtnl().ack(first);
        if (child != null) {
            try {
                ns.rtnl().ack(child);
            } catch (RuntimeException e) {
                // Not half the settings: back to the default, and the kernel's refusal of the rate.
                try {
                    clear(device);
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        }
    }

    /** {@link #apply(String, NetemSpec, TbfSpec)} with netem only. */
    public void apply(String device, NetemSpec netem) {
        apply(device, Objects.requireNonNull(netem, "netem"), null);
    }

    /** {@link #apply(String, NetemSpec, TbfSpec)} with a rate only. */
    public void apply(String device, TbfSpec rate) {
        apply(device, null, Objects.requireNonNull(rate, "rate"));
    }

    /**
     * Deletes {@code device}'s root qdisc and its children: the device goes back to its default qdisc. Harmless when
     * the default is in place already. Equivalent to: {@code tc qdisc del dev DEVICE root}.
     *
     * @return whether there was a qdisc to delete
     */
    public boolean clear(String device) {
        int index = link(device).index();
        try {
            ns.rtnl().ack(QdiscRequests.delete(index, device, Tc.TC_H_ROOT, 0));
            return true;
        } catch (NetlinkException e) {
            if (e.is(Errno.ENOENT)) {
                // "Cannot delete qdisc with handle of zero": the default qdisc is at the root
                return false;
            }
            throw e;
        }
    }

    /**
     * The qdiscs of {@code device}, the root first; {@link QdiscMessage#toString()} prints each as
     * {@code tc qdisc show dev DEVICE} does. Equivalent to: {@code tc qdisc show dev DEVICE}.
     */
    public List<QdiscMessage> list(String device) {
        return list(link(device).index(), device);
    }

    /** The qdiscs of every device of the namespace. Equivalent to: {@code tc qdisc show}. */
    public List<QdiscMessage> list() {
        return decode(ns.rtnl().dump(QdiscRequests.dump(0, "")), 0);
    }

    private List<QdiscMessage> list(int index, String device) {
        return decode(ns.rtnl().dump(QdiscRequests.dump(index, device)), index);
    }

    private static List<QdiscMessage> decode(List<Message> messages, int index) {
        Psched clock = psched();
        List<QdiscMessage> out = new ArrayList<>();
        for (Message m : messages) {
            if (m.type() == Tc.RTM_NEWQDISC) {
                QdiscMessage q = QdiscMessage.decode(m, clock);
                if (index == 0 || q.ifindex() == index) {
                    out.add(q);
                }
            }
        }
        return out;
    }

    private Optional<QdiscMessage> rootOf(int index, String device) {
        return list(index, device).stream().filter(QdiscMessage::isRoot).findFirst();
    }

    private LinkMessage link(String device) {
        Objects.requireNonNull(device, "device");
        try {
            return ns.linkMessage(device);
        } catch (NetlinkException e) {
            if (e.is(Errno.ENODEV)) {
                throw new IllegalArgumentException("Namespace " + ns.name() + " has no device \"" + device
                        + "\" to set a qdisc on (it has " + ns.links().stream().map(LinkInfo::name).toList() + ")", e);
            }
            throw e;
        }
    }

    /**
     * A TBF drops a frame longer than its burst (a GSO packet is split first, but a full-size frame cannot be), so a
     * burst below the device's largest frame would silently black-hole full-size traffic.
     */
    private void checkBurst(LinkMessage link, TbfSpec rate) {
        int header = link.deviceType() == ARPHRD_ETHER ? ETHERNET_HEADER : 0;
        int largest = link.mtu() + header;
        if (rate.burstBytes() < largest) {
            throw new IllegalArgumentException("tbf burst " + rate.burstBytes() + " bytes on " + link.name()
                    + " in namespace " + ns.name() + " is smaller than its largest frame, " + largest + " bytes (MTU "
                    + link.mtu() + (header > 0 ? " + " + header + " for the Ethernet header" : "")
                    + "): the TBF would drop every full-size frame; give a burst of at least " + largest + " bytes");
        }
    }
}
