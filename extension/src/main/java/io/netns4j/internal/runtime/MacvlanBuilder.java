package io.netns4j.internal.runtime;

import io.netns4j.annotations.MacvlanMode;
import io.netns4j.internal.model.kinds.MacvlanKind;
import io.netns4j.internal.netlink.MacvlanRequests;
import java.util.List;

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
     * {@code ns}, under a temporary name first where the parent's namespace has the name (see {@link ForeignCreation}).
     */
    static void create(String kind, String ns, String name, String parent, String parentNs, MacvlanMode mode,
            byte[] mac, List<byte[]> macaddrs, BuildContext context) {
        Namespace parentNamespace = context.ns(parentNs);
        int parentIndex = parentNamespace.index(parent);
        int targetFd = IpvlanBuilder.targetFd(context, ns, parentNs);
        ForeignCreation.create(parentNamespace, context.ns(ns), name,
                n -> MacvlanRequests.newMacvlan(kind, n, parentIndex, parent, mac, targetFd, mode(mode), macaddrs));
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
