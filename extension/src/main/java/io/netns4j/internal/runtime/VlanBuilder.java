package io.netns4j.internal.runtime;

import io.netns4j.internal.model.kinds.VlanKind;
import io.netns4j.internal.netlink.VlanRequests;

/**
 * Builds VLAN devices: {@code ip link add link PARENT name NAME netns NS type vlan protocol P id ID}, sent in the
 * parent's namespace, the device created straight into its own (under a temporary name first where the parent's
 * namespace has the name: see {@link ForeignCreation}).
 */
final class VlanBuilder implements DeviceBuilder<VlanKind.Plan> {

    @Override
    public Class<VlanKind.Plan> planType() {
        return VlanKind.Plan.class;
    }

    @Override
    public void create(VlanKind.Plan plan, BuildContext context) {
        Namespace parentNs = context.ns(plan.parentNs());
        int protocol = switch (plan.protocol()) {
        case IEEE_802_1Q -> VlanRequests.ETH_P_8021Q;
        case IEEE_802_1AD -> VlanRequests.ETH_P_8021AD;
        };
        int parentIndex = parentNs.index(plan.parent());
        int targetFd = IpvlanBuilder.targetFd(context, plan.ns(), plan.parentNs());
        ForeignCreation.create(parentNs, context.ns(plan.ns()), plan.name(),
                n -> VlanRequests.newVlan(n, parentIndex, plan.parent(), protocol, plan.id(), targetFd));
    }
}
