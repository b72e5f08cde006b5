package io.netns4j.internal.runtime;

import io.netns4j.internal.model.LinkPlan;
import java.util.List;

/** Every device kind the runtime can build. Adding a kind to the runtime is one line in {@link #ALL}. */
final class DeviceBuilders {

    static final List<DeviceBuilder<?>> ALL = List.of(new DummyBuilder(), new TapBuilder(), new TunBuilder(),
            new MacvlanBuilder(), new IpvlanBuilder(), new VlanBuilder(), new IpTunnelBuilder(), new GreBuilder(),
            new VxlanBuilder());

    private DeviceBuilders() {
    }

    /** The builder of a plan's kind. */
    @SuppressWarnings("unchecked")
    static <P extends LinkPlan> DeviceBuilder<P> of(P plan) {
        for (DeviceBuilder<?> b : ALL) {
            if (b.planType().isInstance(plan)) {
                return (DeviceBuilder<P>) b;
            }
        }
        throw new IllegalStateException("No builder for " + plan.getClass().getName());
    }
}
