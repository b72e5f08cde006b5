package io.netns4j.internal.runtime;

import io.netns4j.annotations.MacvlanMode;
import io.netns4j.internal.model.kinds.MacvlanKind;
import io.netns4j.internal.netlink.MacvlanRequests;
import java.util.Optional;

/**
 * Builds macvlan and macvtap devices: {@code ip link add link PARENT name NAME [address MAC] netns NS type
 * macvlan|macvtap mode MODE [macaddr set MAC...]}, sent in the parent's namespace, the device created straight into its
 * own ({@code IFLA_NET_NS_FD}), under a temporary name first where the parent's namespace has the name (see
 * {@link ForeignCreation}). Of a macvtap device, it then opens the character device ({@code /dev/tapN}) from a thread
 * inside the device's namespace and hands it over as the device's {@link io.netns4j.MacvtapDevice} handle (see
 * {@link MacvtapHandle}). The build waits until the device is operationally up: it has a carrier as soon as its parent
 * has one.
 */
final class MacvlanBuilder implements DeviceBuilder<MacvlanKind.Plan> {

    private static final TapCharacterDevices MACVTAP_CHARACTER_DEVICES = new TapCharacterDevices("macvtap");

    @Override
    public Class<MacvlanKind.Plan> planType() {
        return MacvlanKind.Plan.class;
    }

    @Override
    public void create(MacvlanKind.Plan plan, BuildContext context) {
        Namespace parentNs = context.ns(plan.parentNs());
        int parentIndex = parentNs.index(plan.parent());
        int targetFd = IpvlanBuilder.targetFd(context, plan.ns(), plan.parentNs());
        ForeignCreation.create(parentNs, context.ns(plan.ns()), plan.name(),
                n -> MacvlanRequests.newMacvlan(plan.kind(), n, parentIndex, plan.parent(), plan.mac(), targetFd,
                        mode(plan.mode()), plan.macaddrs()));
        if (plan.tap()) {
            MACVTAP_CHARACTER_DEVICES.open(plan.ns(), plan.name(), context);
        }
    }

    /** Of macvtap, see {@link TapCharacterDevices#missing()}. */
    @Override
    public Optional<String> missing(String kind) {
        return kind.equals("macvtap") ? MACVTAP_CHARACTER_DEVICES.missing() : KernelFeatures.missingLinkKind(kind);
    }

    @Override
    public boolean awaitCarrier() {
        return true;
    }

    private static int mode(MacvlanMode mode) {
        return switch (mode) {
        case BRIDGE -> MacvlanRequests.MACVLAN_MODE_BRIDGE;
        case VEPA -> MacvlanRequests.MACVLAN_MODE_VEPA;
        case PRIVATE -> MacvlanRequests.MACVLAN_MODE_PRIVATE;
        case PASSTHRU -> MacvlanRequests.MACVLAN_MODE_PASSTHRU;
        case SOURCE -> MacvlanRequests.MACVLAN_MODE_SOURCE;
        };
    }
}
