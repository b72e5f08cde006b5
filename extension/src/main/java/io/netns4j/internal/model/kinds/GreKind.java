package io.netns4j.internal.model.kinds;

import io.netns4j.annotations.GreTunnel;
import io.netns4j.internal.model.Cidr;
import io.netns4j.internal.model.KindCheck;
import io.netns4j.internal.model.LinkPlan;
import io.netns4j.internal.model.LinkSpec;
import java.net.InetAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The gre kind (and gretap, its Ethernet form): its declaration and its plan. */
public final class GreKind {

    /** A GRE key is 32 bits. */
    static final long MAX_KEY = 0xffff_ffffL;

    private static final Set<String> OWN = own();

    private GreKind() {
    }

    private static Set<String> own() {
        Set<String> s = new HashSet<>(TunnelAttributes.POINT_TO_POINT);
        s.addAll(List.of("key", "ikey", "okey", "tap"));
        return Set.copyOf(s);
    }

    /**
     * {@code @GreTunnel} or the builder's {@code gre(...)} as given.
     *
     * @param key
     *            the key of both directions, -1 for none; {@code ikey} and {@code okey} likewise for one direction
     * @param foreign
     *            builder options of other tunnel kinds ({@code vni}...), reported as problems
     */
    public record Spec(String ns, String name, List<String> addresses, String local, String remote, int ttl, int tos,
            boolean pmtudisc, long key, long ikey, long okey, boolean tap, String dev, String peer,
            Map<String, Object> foreign, String declaration) implements LinkSpec {

        public Spec {
            addresses = TunnelAttributes.withHostPrefixes(addresses, peer);
        }

        public static Spec of(GreTunnel a, String where) {
            return new Spec(a.ns(), a.name(), List.of(a.address()), a.local(), a.remote(), a.ttl(), a.tos(),
                    a.pmtudisc(), a.key(), a.ikey(), a.okey(), a.tap(), a.dev(), a.peer(), Map.of(),
                    "@GreTunnel(ns = \"" + a.ns() + "\"" + (a.name().isEmpty() ? "" : ", name = \"" + a.name() + "\"")
                            + ") " + where);
        }

        /** From the builder's tunnel options: attribute name → value, as the annotation's attributes are named. */
        public static Spec of(String ns, String name, Map<String, ?> options, String declaration) {
            return new Spec(ns, name, TunnelAttributes.strings(options, "address"),
                    TunnelAttributes.string(options, "local"), TunnelAttributes.string(options, "remote"),
                    TunnelAttributes.integer(options, "ttl", 0), TunnelAttributes.integer(options, "tos", 0),
                    TunnelAttributes.bool(options, "pmtudisc", true), TunnelAttributes.longInteger(options, "key", -1),
                    TunnelAttributes.longInteger(options, "ikey", -1),
                    TunnelAttributes.longInteger(options, "okey", -1), TunnelAttributes.bool(options, "tap", false),
                    TunnelAttributes.string(options, "dev"), TunnelAttributes.string(options, "peer"),
                    TunnelAttributes.foreign(options, OWN), declaration);
        }

        @Override
        public String kind() {
            return tap ? "gretap" : "gre";
        }

        @Override
        public String defaultNamePrefix() {
            return tap ? "gretaptun" : "gretun";
        }

        @Override
        public void validate(KindCheck check) {
            TunnelAttributes.checkName(check, name);
            TunnelAttributes.checkEndpoints(check, kind(), ns, local, remote, true);
            TunnelAttributes.checkTtlTos(check, ttl, tos, pmtudisc, "0 to copy the inner packet's TTL");
            boolean inRange = checkKey(check, "key", key) & checkKey(check, "ikey", ikey)
                    & checkKey(check, "okey", okey);
            if (inRange && key >= 0 && (ikey >= 0 || okey >= 0)) {
                check.problem("key", key, "key sets the key of both directions and cannot be combined with ikey or"
                        + " okey. Use key alone, or ikey and okey.");
            }
            TunnelAttributes.checkDev(check, ns, dev, name);
            TunnelAttributes.checkPeer(check, peer, addresses);
            TunnelAttributes.checkForeign(check, kind(), foreign);
        }

        private static boolean checkKey(KindCheck check, String attribute, long value) {
            if (value < -1 || value > MAX_KEY) {
                check.problem(attribute, value,
                        "out of range: a GRE key has 32 bits. Use 0 to " + MAX_KEY + ", or -1 for no key.");
                return false;
            }
            return true;
        }

        @Override
        public LinkPlan plan(String name, List<Cidr> addresses, String parentNs) {
            // gretap is an Ethernet device, which joins the groups: the runtime adds all its addresses.
            return new Plan(ns, name, tap ? addresses : TunnelAttributes.ipv4(addresses),
                    tap ? List.of() : TunnelAttributes.ipv6(addresses), TunnelAttributes.address(peer),
                    TunnelAttributes.address(local), TunnelAttributes.address(remote), ttl, tos, pmtudisc,
                    key >= 0 ? key : ikey, key >= 0 ? key : okey, tap, dev, declaration);
        }
    }

    /**
     * A gre or gretap tunnel to build.
     *
     * @param addresses
     *            the addresses the runtime adds: for gre the IPv4 ones, for gretap all
     * @param ipv6Addresses
     *            for gre, the IPv6 addresses, which the builder adds (see {@code TunnelAttributes.ipv4})
     * @param peer
     *            the point-to-point peer of the addresses, or null
     * @param ikey
     *            the key expected on received packets, -1 for none
     * @param okey
     *            the key put on sent packets, -1 for none
     * @param tap
     *            gretap (Ethernet frames) rather than gre (IP packets)
     * @param dev
     *            the underlay device, or empty; it is built first when it is a device of the topology
     */
    public record Plan(String ns, String name, List<Cidr> addresses, List<Cidr> ipv6Addresses, InetAddress peer,
            InetAddress local, InetAddress remote, int ttl, int tos, boolean pmtudisc, long ikey, long okey,
            boolean tap, String dev, String declaration) implements LinkPlan {

        @Override
        public String kind() {
            return tap ? "gretap" : "gre";
        }

        @Override
        public String parent() {
            return dev;
        }
    }
}
