package io.netns4j.internal.runtime;

import io.netns4j.internal.model.kinds.VxlanKind;
import io.netns4j.internal.netlink.VxlanRequests;
import io.netns4j.internal.netlink.MessageWriter;

/**
 * Builds vxlan devices: {@code ip link add NAME type vxlan id VNI ... dstport PORT} in the device's namespace, the
 * underlay device (if named) looked up there.
 */
final class VxlanBuilder implements DeviceBuilder<VxlanKind.Plan> {

    @Override
    public Class<VxlanKind.Plan> planType() {
        return VxlanKind.Plan.class;
    }

    @Override
    public void create(VxlanKind.Plan p, BuildContext context) {
        Namespace ns = context.ns(p.ns());
        int link = p.dev().isEmpty() ? 0 : ns.index(p.dev());
        MessageWriter request = VxlanRequests.newVxlan(p.name(), p.vni(), p.local(), p.destination(), p.group(), link,
                p.dev(), p.ttl(), p.tos(), p.port());
        IpTunnelBuilder.createTunnel(ns, request, "a vxlan device with this VNI and port", "its own VNI (or port)");
    }
}
