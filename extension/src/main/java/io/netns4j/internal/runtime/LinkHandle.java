package io.netns4j.internal.runtime;

import io.netns4j.AddressInfo;
import io.netns4j.Impairment;
import io.netns4j.ImpairmentSpec;
import io.netns4j.Link;
import io.netns4j.LinkInfo;
import io.netns4j.NetNs;
import io.netns4j.internal.netlink.LinkRequests;
import java.util.List;

/** A live interface, addressed by name in its namespace. */
final class LinkHandle implements Link {

    private final Namespace ns;
    private final String name;

    LinkHandle(Namespace ns, String name) {
        this.ns = ns;
        this.name = name;
    }

    @Override
    public NetNs namespace() {
        return ns;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public LinkInfo info() {
        return Namespace.toInfo(ns.linkMessage(name));
    }

    @Override
    public List<AddressInfo> addresses() {
        return ns.addresses().stream().filter(a -> name.equals(a.interfaceName())).toList();
    }

    @Override
    public void up() {
        ns.rtnl().ack(LinkRequests.setUp(ns.index(name), name, true));
    }

    @Override
    public void down() {
        ns.rtnl().ack(LinkRequests.setUp(ns.index(name), name, false));
    }

    @Override
    public void setMtu(int mtu) {
        ns.rtnl().ack(LinkRequests.setMtu(ns.index(name), name, mtu));
    }

    @Override
    public Impairment impair(ImpairmentSpec spec) {
        java.util.Objects.requireNonNull(spec, "spec");
        return ns.topology().impairments().apply(this, ns, name, spec);
    }

    @Override
    public java.util.Optional<Impairment> impairment() {
        return ns.topology().impairments().current(ns.name(), name);
    }

    @Override
    public String toString() {
        return "Link[" + name + " in " + ns.name() + "]";
    }
}
