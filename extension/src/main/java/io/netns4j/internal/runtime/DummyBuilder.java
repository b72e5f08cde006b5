package io.netns4j.internal.runtime;

import io.netns4j.internal.model.kinds.DummyKind;
import io.netns4j.internal.netlink.KindRequests;

/** Builds dummy devices: {@code ip link add NAME type dummy} in the device's namespace. */
final class DummyBuilder implements DeviceBuilder<DummyKind.Plan> {

    @Override
    public Class<DummyKind.Plan> planType() {
        return DummyKind.Plan.class;
    }

    @Override
    public void create(DummyKind.Plan plan, BuildContext context) {
        context.ns(plan.ns()).rtnl().ack(KindRequests.newDummy(plan.name()));
    }
}
