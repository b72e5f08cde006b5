package io.netns4j.internal.runtime;

import io.netns4j.internal.model.kinds.GreKind;
import io.netns4j.internal.netlink.IpTunnelRequests;
import io.netns4j.internal.netlink.MessageWriter;

/**
 * Builds gre tunnels and gretap devices: {@code ip link add NAME type gre|gretap local L remote R [keys] ...} in the
 * tunnel's namespace, the underlay device (if named) looked up there.
 */
final class GreBuilder implements DeviceBuilder<GreKind.Plan> {

    @Override
    public Class<GreKind.Plan> planType() {
        return GreKind.Plan.class;
    }

    /** As for every kind, but naming the module that has both gre and gretap: {@code ip_gre}. */
    @Override
    public void create(GreKind.Plan p, BuildContext context) {
        Namespace ns = context.ns(p.ns());
        int link = p.dev().isEmpty() ? 0 : ns.index(p.dev());
        MessageWriter request = IpTunnelRequests.newGre(p.name(), p.tap(), p.local(), p.remote(), p.ttl(), p.tos(),
                p.pmtudisc(), p.ikey(), p.okey(), link, p.dev());
        IpTunnelBuilder.createTunnel(ns, request,
                "a " + p.kind() + " tunnel with these local and remote addresses and keys",
                "its own pair of addresses, or its own keys");
        IpTunnelBuilder.addIpv6(ns, p.name(), p.ipv6Addresses(), p.peer());
    }
}
