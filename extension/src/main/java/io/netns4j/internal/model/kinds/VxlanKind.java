package io.netns4j.internal.model.kinds;

import io.netns4j.annotations.Vxlan;
import io.netns4j.internal.model.Cidr;
import io.netns4j.internal.model.KindCheck;
import io.netns4j.internal.model.LinkPlan;
import io.netns4j.internal.model.LinkSpec;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The vxlan kind: its declaration and its plan. */
public final class VxlanKind {

    static final String KIND = "vxlan";
    /** A VNI has 24 bits. */
    static final int MAX_VNI = 0xff_ffff;
    /** The IANA port of VXLAN, the default here. */
    public static final int IANA_PORT = 4789;
    /** The VNI of builder options without one. */
    static final int NO_VNI = Integer.MIN_VALUE;

    private static final Set<String> OWN = Set.of("local", "remote", "group", "vni", "port", "dev", "ttl", "tos",
            "address");

    private VxlanKind() {
    }

    /**
     * {@code @Vxlan} or the builder's {@code vxlan(...)} as given.
     *
     * @param foreign
     *            builder options of other tunnel kinds ({@code key}, {@code peer}...), reported as problems
     */
    public record Spec(String ns, String name, List<String> addresses, int vni, String local, String remote,
            String group, int port, String dev, int ttl, int tos, Map<String, Object> foreign, String declaration)
            implements LinkSpec {

        public Spec {
            addresses = List.copyOf(addresses);
        }

        public static Spec of(Vxlan a, String where) {
            return new Spec(a.ns(), a.name(), List.of(a.address()), a.vni(), a.local(), a.remote(), a.group(), a.port(),
                    a.dev(), a.ttl(), a.tos(), Map.of(), "@Vxlan(ns = \"" + a.ns() + "\""
                            + (a.name().isEmpty() ? "" : ", name = \"" + a.name() + "\"") + ") " + where);
        }

        /**
         * From the builder's tunnel options: attribute name → value, as the annotation's attributes are named. A
         * missing {@code vni} is {@link #NO_VNI}, reported as missing.
         */
        public static Spec of(String ns, String name, Map<String, ?> options, String declaration) {
            return new Spec(ns, name, TunnelAttributes.strings(options, "address"),
                    TunnelAttributes.integer(options, "vni", NO_VNI), TunnelAttributes.string(options, "local"),
                    TunnelAttributes.string(options, "remote"), TunnelAttributes.string(options, "group"),
                    TunnelAttributes.integer(options, "port", IANA_PORT), TunnelAttributes.string(options, "dev"),
                    TunnelAttributes.integer(options, "ttl", 0), TunnelAttributes.integer(options, "tos", 0),
                    TunnelAttributes.foreign(options, OWN), declaration);
        }

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public void validate(KindCheck check) {
            TunnelAttributes.checkName(check, name);
            if (vni == NO_VNI) {
                check.problem("vni", "", "a vxlan device needs its VXLAN network identifier. Set vni to a number"
                        + " from 0 to " + MAX_VNI + ".");
            } else if (vni < 0 || vni > MAX_VNI) {
                check.problem("vni", vni, "out of range: a VNI has 24 bits. Use 0 to " + MAX_VNI + ".");
            }
            Optional<InetAddress> l = TunnelAttributes.endpoint(check, "local", local, null);
            Optional<InetAddress> far = farEnd(check);
            if (l.isPresent() && far.isPresent()) {
                boolean viaGroup = remote.isEmpty();
                if ((l.get() instanceof Inet4Address) != (far.get() instanceof Inet4Address)) {
                    check.problem(viaGroup ? "group" : "remote", viaGroup ? group : remote,
                            (viaGroup ? "group" : "remote") + " is " + family(far.get()) + " but local (" + local
                                    + ") is " + family(l.get()) + ". Give local and " + (viaGroup ? "group" : "remote")
                                    + " in the same family.");
                } else if (!viaGroup) {
                    TunnelAttributes.checkPair(check, KIND, local, l.get(), remote, far.get(), false);
                }
            }
            if (port < 1 || port > 65535) {
                check.problem("port", port,
                        "out of range. Use a UDP port from 1 to 65535 (VXLAN's is " + IANA_PORT + ").");
            }
            TunnelAttributes.checkTtlTos(check, ttl, tos, null, "0 for the kernel's default");
            TunnelAttributes.checkDev(check, ns, dev, name);
            TunnelAttributes.checkForeign(check, KIND, foreign);
        }

        /** remote or group: exactly one, unicast or multicast respectively; with a group, an underlay device. */
        private Optional<InetAddress> farEnd(KindCheck check) {
            if (remote.isEmpty() && group.isEmpty()) {
                check.problem("remote", "", "a vxlan device needs somewhere to send its frames. Set remote (the far"
                        + " end's underlay address) or group (a multicast group, with dev).");
                return Optional.empty();
            }
            if (!remote.isEmpty() && !group.isEmpty()) {
                check.problem("group", group,
                        "remote and group exclude each other. Keep remote for one far end, or group for several.");
                return Optional.empty();
            }
            if (!remote.isEmpty()) {
                if (Cidr.parseAddress(remote).filter(InetAddress::isMulticastAddress).isPresent()) {
                    check.problem("remote", remote, "a multicast address is a group, not a remote. Set group = \""
                            + remote + "\" (with dev) instead.");
                    return Optional.empty();
                }
                return TunnelAttributes.endpoint(check, "remote", remote, null);
            }
            Optional<InetAddress> g = Cidr.parseAddress(group);
            if (g.isEmpty()) {
                check.problem("group", group, "not an IP address. Write a multicast address, e.g. \"239.1.1.1\".");
                return Optional.empty();
            }
            if (!g.get().isMulticastAddress()) {
                check.problem("group", group, "not a multicast address. Use remote for a unicast far end, or a"
                        + " multicast group such as \"239.1.1.1\".");
                return Optional.empty();
            }
            if (dev.isEmpty()) {
                check.problem("dev", "", "a multicast group is joined on an underlay interface. Set dev to the"
                        + " interface towards the other ends.");
            }
            return g;
        }

        @Override
        public LinkPlan plan(String name, List<Cidr> addresses, String parentNs) {
            return new Plan(ns, name, addresses, vni, TunnelAttributes.address(local),
                    TunnelAttributes.address(remote.isEmpty() ? group : remote), !group.isEmpty(), port, dev, ttl, tos,
                    declaration);
        }
    }

    private static String family(InetAddress a) {
        return a instanceof Inet4Address ? "IPv4" : "IPv6";
    }

    /**
     * A vxlan device to build.
     *
     * @param local
     *            the outer source address, or null for the kernel's choice
     * @param destination
     *            the remote or the multicast group
     * @param group
     *            whether {@code destination} is a multicast group
     * @param dev
     *            the underlay device, or empty; it is built first when it is a device of the topology
     */
    public record Plan(String ns, String name, List<Cidr> addresses, int vni, InetAddress local,
            InetAddress destination, boolean group, int port, String dev, int ttl, int tos, String declaration)
            implements LinkPlan {

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public String parent() {
            return dev;
        }
    }
}
