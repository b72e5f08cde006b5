package io.netns4j.internal.runtime;

import io.netns4j.internal.model.kinds.IpvtapKind;
import io.netns4j.internal.netlink.IpvlanRequests;
import io.netns4j.internal.sys.CharDevices;
import java.util.Optional;

/**
 * Builds ipvtap devices as {@link IpvlanBuilder} builds ipvlans ({@code ip link add NAME link PARENT netns NS type
 * ipvtap mode M F}, sent in the parent's namespace, see {@link ForeignCreation}), then opens the device's character
 * device ({@code /dev/tapN}) from a thread inside the device's namespace and hands it over as the device's
 * {@link io.netns4j.MacvtapDevice} handle (see {@link MacvtapHandle}).
 */
final class IpvtapBuilder implements DeviceBuilder<IpvtapKind.Plan> {

    /** Whether the character devices can be reached, checked once per JVM after the link kind. */
    private static volatile Optional<String> charDevicesMissing;

    @Override
    public Class<IpvtapKind.Plan> planType() {
        return IpvtapKind.Plan.class;
    }

    @Override
    public void create(IpvtapKind.Plan plan, BuildContext context) {
        Namespace parentNs = context.ns(plan.parentNs());
        Namespace ns = context.ns(plan.ns());
        int parentIndex = parentNs.index(plan.parent());
        int targetFd = IpvlanBuilder.targetFd(context, plan.ns(), plan.parentNs());
        ForeignCreation.create(parentNs, ns, plan.name(), n -> IpvlanRequests.newIpvtap(n, parentIndex, plan.parent(),
                IpvlanBuilder.mode(plan.mode()), IpvlanBuilder.flags(plan.flag()), targetFd));
        int index = ns.index(plan.name());
        context.own(plan.ns(), plan.name(),
                ns.inside(() -> MacvtapHandle.open("ipvtap", plan.ns(), plan.name(), index)));
    }

    /**
     * Why this kernel cannot build ipvtap devices with their character devices: the link kind (probed), then an
     * {@code ipvtap} major in {@code /proc/devices} (the driver registers it when it loads, which the probe makes it
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
        Optional<String> userNamespace = UserNamespace.current().missingCharacterDevices("ipvtap");
        if (userNamespace.isPresent()) {
            return userNamespace;
        }
        if (CharDevices.characterMajor("ipvtap").isEmpty()) {
            return Optional.of("ipvtap: this kernel has the ipvtap link kind but no ipvtap character devices (no"
                    + " \"ipvtap\" among the character devices of /proc/devices); load the ipvtap module or set" + " "
                    + io.netns4j.Netns4jConfig.MISSING_KERNEL_FEATURE + "=fail");
        }
        return CharDevices.unavailabilityCause()
                .map(cause -> "ipvtap: netns4j reaches /dev/tapN through private" + " sysfs and tmpfs mounts, and "
                        + cause + "; set " + io.netns4j.Netns4jConfig.MISSING_KERNEL_FEATURE + "=fail");
    }
}
