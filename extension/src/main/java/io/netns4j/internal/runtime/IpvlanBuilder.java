package io.netns4j.internal.runtime;

import io.netns4j.annotations.IpvlanFlag;
import io.netns4j.annotations.IpvlanMode;
import io.netns4j.internal.model.kinds.IpvlanKind;
import io.netns4j.internal.netlink.IpvlanRequests;
import java.util.Optional;

/**
 * Builds ipvlan and ipvtap devices: {@code ip link add NAME link PARENT netns NS type ipvlan|ipvtap mode M F}, sent in
 * the parent's namespace, the device created straight into its own (under a temporary name first where the parent's
 * namespace has the name: see {@link ForeignCreation}). Of an ipvtap device, it then opens the character device
 * ({@code /dev/tapN}) from a thread inside the device's namespace and hands it over as the device's
 * {@link io.netns4j.MacvtapDevice} handle (see {@link MacvtapHandle}).
 */
final class IpvlanBuilder implements DeviceBuilder<IpvlanKind.Plan> {

    private static final TapCharacterDevices IPVTAP_CHARACTER_DEVICES = new TapCharacterDevices("ipvtap");

    @Override
    public Class<IpvlanKind.Plan> planType() {
        return IpvlanKind.Plan.class;
    }

    @Override
    public void create(IpvlanKind.Plan plan, BuildContext context) {
        Namespace parentNs = context.ns(plan.parentNs());
        int parentIndex = parentNs.index(plan.parent());
        int targetFd = targetFd(context, plan.ns(), plan.parentNs());
        int mode = mode(plan.mode());
        int flags = flags(plan.flag());
        ForeignCreation.create(parentNs, context.ns(plan.ns()), plan.name(),
                n -> plan.tap() ? IpvlanRequests.newIpvtap(n, parentIndex, plan.parent(), mode, flags, targetFd)
                        : IpvlanRequests.newIpvlan(n, parentIndex, plan.parent(), mode, flags, targetFd));
        if (plan.tap()) {
            IPVTAP_CHARACTER_DEVICES.open(plan.ns(), plan.name(), context);
        }
    }

    /** Of ipvtap, see {@link TapCharacterDevices#missing()}. */
    @Override
    public Optional<String> missing(String kind) {
        return kind.equals("ipvtap") ? IPVTAP_CHARACTER_DEVICES.missing() : KernelFeatures.missingLinkKind(kind);
    }

    /**
     * The descriptor of namespace {@code ns} for {@code IFLA_NET_NS_FD}, or -1 if the device stays where it is made.
     */
    static int targetFd(BuildContext context, String ns, String parentNs) {
        return ns.equals(parentNs) ? -1 : context.ns(ns).fd().get();
    }

    private static int mode(IpvlanMode mode) {
        return switch (mode) {
        case L2 -> IpvlanRequests.IPVLAN_MODE_L2;
        case L3 -> IpvlanRequests.IPVLAN_MODE_L3;
        case L3S -> IpvlanRequests.IPVLAN_MODE_L3S;
        };
    }

    private static int flags(IpvlanFlag flag) {
        return switch (flag) {
        case BRIDGE -> IpvlanRequests.IPVLAN_F_BRIDGE;
        case PRIVATE -> IpvlanRequests.IPVLAN_F_PRIVATE;
        case VEPA -> IpvlanRequests.IPVLAN_F_VEPA;
        };
    }
}
