package io.netns4j.internal.runtime;

import io.netns4j.internal.model.kinds.TapKind;
import java.util.Optional;

/**
 * Builds TAP devices: {@code /dev/net/tun} opened inside the device's namespace and attached with {@code TUNSETIFF}
 * ({@code IFF_TAP}), one descriptor per queue, handed to the topology as the device's {@link io.netns4j.Tap} handle.
 */
final class TapBuilder implements DeviceBuilder<TapKind.Plan> {

    @Override
    public Class<TapKind.Plan> planType() {
        return TapKind.Plan.class;
    }

    @Override
    public void create(TapKind.Plan plan, BuildContext context) {
        TunTapHandle.build(
                new TunTapHandle.TapHandle(context.ns(plan.ns()), plan.name(), plan.queues(), plan.packetInfo(),
                        plan.persistent(), TunBuilder.operstateTimeout()),
                plan.owner(), plan.group(), plan.attached(), context);
    }

    /** The tun driver is not probed over rtnetlink (which cannot create its devices) but by opening its device. */
    @Override
    public Optional<String> missing(String kind) {
        return TunBuilder.missingTunDriver(kind);
    }

    /**
     * The device is brought up by {@link #create}, which then waits for it to be operationally up if its descriptors
     * are attached: whether there is a carrier to wait for depends on the declaration.
     */
    @Override
    public boolean bringUp() {
        return false;
    }
}
