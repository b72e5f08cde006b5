package io.netns4j.internal.runtime;

import io.netns4j.internal.model.kinds.VlanKind;
import io.netns4j.internal.netlink.VlanRequests;

/**
 * Builds VLAN devices: {@code ip link add link PARENT name NAME netns NS type vlan protocol P id ID}, sent in the
 * parent's namespace, the device created straight into its own.
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
        parentNs.rtnl().ack(VlanRequests.newVlan(plan.name(), parentNs.index(plan.parent()), plan.parent(), protocol,
                plan.id(), IpvlanBuilder.targetFd(context, plan.ns(), plan.parentNs())));
    }
}
