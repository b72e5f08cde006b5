package io.netns4j.internal.runtime;

import io.netns4j.annotations.MacvlanMode;
import io.netns4j.internal.model.kinds.MacvlanKind;
import io.netns4j.internal.netlink.MacvlanRequests;
import io.netns4j.internal.netlink.NetlinkException;
import io.netns4j.internal.sys.Errno;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Builds macvlan devices: {@code ip link add link PARENT name NAME [address MAC] netns NS type macvlan mode MODE
 * [macaddr set MAC...]}, sent in the parent's namespace, the device created straight into its own
 * ({@code IFLA_NET_NS_FD}). The build waits until the device is operationally up: it has a carrier as soon as its
 * parent has one.
 */
final class MacvlanBuilder implements DeviceBuilder<MacvlanKind.Plan> {

    @Override
    public Class<MacvlanKind.Plan> planType() {
        return MacvlanKind.Plan.class;
    }

    @Override
    public void create(MacvlanKind.Plan plan, BuildContext context) {
        create("macvlan", plan.ns(), plan.name(), plan.parent(), plan.parentNs(), plan.mode(), plan.mac(),
                plan.macaddrs(), context);
    }

    @Override
    public boolean awaitCarrier() {
        return true;
    }

    /**
     * Creates a macvlan or macvtap device ({@code kind}) in namespace {@code ns} on its parent, straight into
     * {@code ns}.
     *
     * <p>
     * Kernels before 6.14 look a new link's name up in the namespace the request is sent in, too, and refuse it with
     * EEXIST when the parent's namespace has an interface of that name, although the device goes elsewhere (a macvlan
     * {@code eth0} for a namespace whose parent is another namespace's {@code eth0}; seen on 6.1). So when the parent's
     * namespace has the name, on every kernel alike, the device is created under a temporary name and renamed in its
     * own namespace before it is brought up: {@code ip link set dev TMP name NAME}.
     */
    static void create(String kind, String ns, String name, String parent, String parentNs, MacvlanMode mode,
            byte[] mac, List<byte[]> macaddrs, BuildContext context) {
        Namespace parentNamespace = context.ns(parentNs);
        int parentIndex = parentNamespace.index(parent);
        if (ns.equals(parentNs)) {
            parentNamespace.rtnl()
                    .ack(MacvlanRequests.newMacvlan(kind, name, parentIndex, parent, mac, -1, mode(mode), macaddrs));
            return;
        }
        Namespace target = context.ns(ns);
        if (!has(parentNamespace, name)) {
            parentNamespace.rtnl().ack(MacvlanRequests.newMacvlan(kind, name, parentIndex, parent, mac,
                    target.fd().get(), mode(mode), macaddrs));
            return;
        }
        String temporary = temporaryName(parentNamespace, target);
        parentNamespace.rtnl().ack(MacvlanRequests.newMacvlan(kind, temporary, parentIndex, parent, mac,
                target.fd().get(), mode(mode), macaddrs));
        target.rtnl().ack(MacvlanRequests.rename(target.index(temporary), temporary, name));
    }

    private static boolean has(Namespace ns, String ifName) {
        try {
            ns.index(ifName);
            return true;
        } catch (NetlinkException e) {
            if (e.is(Errno.ENODEV)) {
                return false;
            }
            throw e;
        }
    }

    /** A name that neither namespace has: {@code nn4jtmp} and 8 hex digits. */
    private static String temporaryName(Namespace a, Namespace b) {
        while (true) {
            String name = String.format("nn4jtmp%08x", ThreadLocalRandom.current().nextInt());
            if (!has(a, name) && !has(b, name)) {
                return name;
            }
        }
    }

    static int mode(MacvlanMode mode) {
        return switch (mode) {
        case BRIDGE -> MacvlanRequests.MACVLAN_MODE_BRIDGE;
        case VEPA -> MacvlanRequests.MACVLAN_MODE_VEPA;
        case PRIVATE -> MacvlanRequests.MACVLAN_MODE_PRIVATE;
        case PASSTHRU -> MacvlanRequests.MACVLAN_MODE_PASSTHRU;
        case SOURCE -> MacvlanRequests.MACVLAN_MODE_SOURCE;
        };
    }
}
