package io.netns4j.internal.runtime;

import io.netns4j.annotations.IpvlanFlag;
import io.netns4j.annotations.IpvlanMode;
import io.netns4j.internal.model.kinds.IpvlanKind;
import io.netns4j.internal.netlink.IpvlanRequests;

/**
 * Builds ipvlan devices: {@code ip link add NAME link PARENT netns NS type ipvlan mode M F}, sent in the parent's
 * namespace, the device created straight into its own (under a temporary name first where the parent's namespace has
 * the name: see {@link ForeignCreation}).
 */
final class IpvlanBuilder implements DeviceBuilder<IpvlanKind.Plan> {

    @Override
    public Class<IpvlanKind.Plan> planType() {
        return IpvlanKind.Plan.class;
    }

    @Override
    public void create(IpvlanKind.Plan plan, BuildContext context) {
        Namespace parentNs = context.ns(plan.parentNs());
        int parentIndex = parentNs.index(plan.parent());
        int targetFd = targetFd(context, plan.ns(), plan.parentNs());
        ForeignCreation.create(parentNs, context.ns(plan.ns()), plan.name(), n -> IpvlanRequests.newIpvlan(n,
                parentIndex, plan.parent(), mode(plan.mode()), flags(plan.flag()), targetFd));
    }

    /**
     * The descriptor of namespace {@code ns} for {@code IFLA_NET_NS_FD}, or -1 if the device stays where it is made.
     */
    static int targetFd(BuildContext context, String ns, String parentNs) {
        return ns.equals(parentNs) ? -1 : context.ns(ns).fd().get();
    }

    static int mode(IpvlanMode mode) {
        return switch (mode) {
        case L2 -> IpvlanRequests.IPVLAN_MODE_L2;
        case L3 -> IpvlanRequests.IPVLAN_MODE_L3;
        case L3S -> IpvlanRequests.IPVLAN_MODE_L3S;
        };
    }

    static int flags(IpvlanFlag flag) {
        return switch (flag) {
        case BRIDGE -> IpvlanRequests.IPVLAN_F_BRIDGE;
        case PRIVATE -> IpvlanRequests.IPVLAN_F_PRIVATE;
        case VEPA -> IpvlanRequests.IPVLAN_F_VEPA;
        };
    }
}
