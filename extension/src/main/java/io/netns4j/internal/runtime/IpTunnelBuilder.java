package io.netns4j.internal.runtime;

import io.netns4j.internal.model.Cidr;
import io.netns4j.internal.model.kinds.IpTunnelKind;
import io.netns4j.internal.netlink.AddressRequests;
import io.netns4j.internal.netlink.IpTunnelRequests;
import io.netns4j.internal.netlink.MessageWriter;
import io.netns4j.internal.netlink.NetlinkException;
import io.netns4j.internal.sys.Errno;
import java.net.InetAddress;
import java.util.List;

/**
 * Builds ipip and sit tunnels: {@code ip link add NAME type ipip|sit local L remote R ...} in the tunnel's namespace,
 * the underlay device (if named) looked up there.
 */
final class IpTunnelBuilder implements DeviceBuilder<IpTunnelKind.Plan> {

    @Override
    public Class<IpTunnelKind.Plan> planType() {
        return IpTunnelKind.Plan.class;
    }

    @Override
    public void create(IpTunnelKind.Plan p, BuildContext context) {
        Namespace ns = context.ns(p.ns());
        int link = p.dev().isEmpty() ? 0 : ns.index(p.dev());
        MessageWriter request = switch (p.type()) {
        case IPIP -> IpTunnelRequests.newIpip(p.name(), p.local(), p.remote(), p.ttl(), p.tos(), p.pmtudisc(), link,
                p.dev());
        case SIT -> IpTunnelRequests.newSit(p.name(), p.local(), p.remote(), p.ttl(), p.tos(), p.pmtudisc(), link,
                p.dev());
        };
        String same = switch (p.type()) {
        case IPIP -> "an ipip tunnel";
        case SIT -> "a sit tunnel";
        };
        createTunnel(ns, request, same + " with these local and remote addresses",
                "its own pair of local and remote addresses");
        addIpv6(ns, p.name(), p.ipv6Addresses(), p.peer());
    }

    /**
     * Sends a tunnel's creation request; shared by the tunnel builders. Names are checked before building (the declared
     * ones and the kernel's fallback devices'), so {@code EEXIST} means another tunnel of the same endpoints: the
     * kernel keeps one per kind and pair of addresses (and keys, for gre; one per VNI and port, for vxlan) in a
     * namespace.
     *
     * @param same
     *            what already exists, e.g. "an ipip tunnel with these local and remote addresses"
     * @param fix
     *            how to tell the tunnels apart, e.g. "its own pair of local and remote addresses"
     */
    static void createTunnel(Namespace ns, MessageWriter request, String same, String fix) {
        try {
            ns.rtnl().ack(request);
        } catch (NetlinkException e) {
            if (!e.is(Errno.EEXIST)) {
                throw e;
            }
            throw new IllegalStateException(e.getMessage() + ": namespace \"" + ns.name() + "\" already has " + same
                    + " (the kernel allows one). Give each one " + fix, e);
        }
    }

    /**
     * Adds the IPv6 addresses of a NOARP tunnel device (with its point-to-point peer, if it has one), which the runtime
     * leaves to the builder: see {@code TunnelAttributes.ipv4}. Equivalent to {@code ip addr add ADDRESS [peer PEER]
     * dev NAME nodad}, as the runtime adds addresses.
     */
    static void addIpv6(Namespace ns, String name, List<Cidr> addresses, InetAddress peer) {
        if (addresses.isEmpty()) {
            return;
        }
        int index = ns.index(name);
        for (Cidr c : addresses) {
            ns.rtnl().ack(peer == null ? AddressRequests.add(index, name, c.address(), c.prefixLength())
                    : AddressRequests.addWithPeer(index, name, c.address(), peer, c.prefixLength()));
        }
    }
}
