package io.netns4j.internal.runtime;

import io.netns4j.internal.model.kinds.MacvtapKind;
import java.util.Optional;

/**
 * Builds macvtap devices as {@link MacvlanBuilder} builds macvlans, then opens the device's character device
 * ({@code /dev/tapN}) from a thread inside the device's namespace and hands it over as the device's
 * {@link io.netns4j.MacvtapDevice} handle (see {@link MacvtapHandle}).
 */
final class MacvtapBuilder implements DeviceBuilder<MacvtapKind.Plan> {

    private static final TapCharacterDevices CHARACTER_DEVICES = new TapCharacterDevices("macvtap");

    @Override
    public Class<MacvtapKind.Plan> planType() {
        return MacvtapKind.Plan.class;
    }

    @Override
    public void create(MacvtapKind.Plan plan, BuildContext context) {
        MacvlanBuilder.create("macvtap", plan.ns(), plan.name(), plan.parent(), plan.parentNs(), plan.mode(),
                plan.mac(), plan.macaddrs(), context);
        CHARACTER_DEVICES.open(plan.ns(), plan.name(), context);
    }

    @Override
    public boolean awaitCarrier() {
        return true;
    }

    /** See {@link TapCharacterDevices#missing()}. */
    @Override
    public Optional<String> missing(String kind) {
        return CHARACTER_DEVICES.missing();
    }
}
