package io.netns4j.internal.runtime;

import io.netns4j.internal.model.kinds.MacvtapKind;
import io.netns4j.internal.sys.CharDevices;
import java.util.Optional;

/**
 * Builds macvtap devices as {@link MacvlanBuilder} builds macvlans, then opens the device's character device
 * ({@code /dev/tapN}) from a thread inside the device's namespace and hands it over as the device's
 * {@link io.netns4j.MacvtapDevice} handle (see {@link MacvtapHandle}).
 */
final class MacvtapBuilder implements DeviceBuilder<MacvtapKind.Plan> {

    /** Whether the character devices can be reached, checked once per JVM after the link kind. */
    private static volatile Optional<String> charDevicesMissing;

    @Override
    public Class<MacvtapKind.Plan> planType() {
        return MacvtapKind.Plan.class;
    }

    @Override
    public void create(MacvtapKind.Plan plan, BuildContext context) {
        MacvlanBuilder.create("macvtap", plan.ns(), plan.name(), plan.parent(), plan.parentNs(), plan.mode(),
                plan.mac(), plan.macaddrs(), context);
        Namespace ns = context.ns(plan.ns());
        int index = ns.index(plan.name());
        context.own(plan.ns(), plan.name(),
                ns.inside(() -> MacvtapHandle.open("macvtap", plan.ns(), plan.name(), index)));
    }

    @Override
    public boolean awaitCarrier() {
        return true;
    }

    /**
     * Why this kernel cannot build macvtap devices with their character devices: the link kind (probed), then a
     * {@code macvtap} major in {@code /proc/devices} (the driver registers it when it loads, which the probe makes it
     * do), then whether this JVM runs as real root (a user namespace cannot have device nodes), then the mount API that
     * {@link CharDevices} uses.
     */
    @Override
    public Optional<String> missing(String kind) {
        Optional<String> link = KernelFeatures.missingLinkKind(kind);
        if (link.isPresent()) {
            return link;
        }
        Optional<String> chars = charDevicesMissing;
        if (chars == null) {
            chars = charDevicesMissing = charDevices();
        }
        return chars;
    }

    private static Optional<String> charDevices() {
        Optional<String> userNamespace = UserNamespace.current().missingCharacterDevices("macvtap");
        if (userNamespace.isPresent()) {
            return userNamespace;
        }
        if (CharDevices.characterMajor("macvtap").isEmpty()) {
            return Optional.of("macvtap: this kernel has the macvtap link kind but no macvtap character devices (no"
                    + " \"macvtap\" among the character devices of /proc/devices); load the macvtap module or set" + " "
                    + io.netns4j.Netns4jConfig.MISSING_KERNEL_FEATURE + "=fail");
        }
        return CharDevices.unavailabilityCause()
                .map(cause -> "macvtap: netns4j reaches /dev/tapN through private" + " sysfs and tmpfs mounts, and "
                        + cause + "; set " + io.netns4j.Netns4jConfig.MISSING_KERNEL_FEATURE + "=fail");
    }
}
