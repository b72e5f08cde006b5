package io.netns4j.internal.runtime;

import io.netns4j.internal.model.kinds.SitKind;
import io.netns4j.internal.netlink.IpTunnelRequests;
import io.netns4j.internal.netlink.MessageWriter;

/**
 * Builds sit tunnels: {@code ip link add NAME type sit local L remote R ...} in the tunnel's namespace, the underlay
 * device (if named) looked up there.
 */
final class SitBuilder implements DeviceBuilder<SitKind.Plan> {

    @Override
    public Class<SitKind.Plan> planType() {
        return SitKind.Plan.class;
    }

    @Override
    public void create(SitKind.Plan p, BuildContext context) {
        Namespace ns = context.ns(p.ns());
        int link = p.dev().isEmpty() ? 0 : ns.index(p.dev());
        MessageWriter request = IpTunnelRequests.newSit(p.name(), p.local(), p.remote(), p.ttl(), p.tos(), p.pmtudisc(),
                link, p.dev());
        IpipBuilder.createTunnel(ns, request, "a sit tunnel with these local and remote addresses",
                "its own pair of local and remote addresses");
        IpipBuilder.addIpv6(ns, p.name(), p.ipv6Addresses(), p.peer());
    }
}
