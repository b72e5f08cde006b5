package io.netns4j.internal.model.kinds;

import static io.netns4j.internal.model.kinds.TunnelAttributes.POINT_TO_POINT;

import io.netns4j.annotations.IpipTunnel;
import io.netns4j.internal.model.Cidr;
import io.netns4j.internal.model.KindCheck;
import io.netns4j.internal.model.LinkPlan;
import io.netns4j.internal.model.LinkSpec;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;

/** The ipip kind (IPv4 in IPv4): its declaration and its plan. */
public final class IpipKind {

    static final String KIND = "ipip";

    private IpipKind() {
    }

    /**
     * {@code @IpipTunnel} or the builder's {@code ipip(...)} as given.
     *
     * @param foreign
     *            builder options of other tunnel kinds ({@code key}...), reported as problems
     */
    public record Spec(String ns, String name, List<String> addresses, String local, String remote, int ttl, int tos,
            boolean pmtudisc, String dev, String peer, Map<String, Object> foreign, String declaration)
            implements LinkSpec {

        public Spec {
            addresses = TunnelAttributes.withHostPrefixes(addresses, peer);
        }

        public static Spec of(IpipTunnel a, String where) {
            return new Spec(a.ns(), a.name(), List.of(a.address()), a.local(), a.remote(), a.ttl(), a.tos(),
                    a.pmtudisc(), a.dev(), a.peer(), Map.of(), "@IpipTunnel(ns = \"" + a.ns() + "\""
                            + (a.name().isEmpty() ? "" : ", name = \"" + a.name() + "\"") + ") " + where);
        }

        /** From the builder's tunnel options: attribute name → value, as the annotation's attributes are named. */
        public static Spec of(String ns, String name, Map<String, ?> options, String declaration) {
            return new Spec(ns, name, TunnelAttributes.strings(options, "address"),
                    TunnelAttributes.string(options, "local"), TunnelAttributes.string(options, "remote"),
                    TunnelAttributes.integer(options, "ttl", 0), TunnelAttributes.integer(options, "tos", 0),
                    TunnelAttributes.bool(options, "pmtudisc", true), TunnelAttributes.string(options, "dev"),
                    TunnelAttributes.string(options, "peer"), TunnelAttributes.foreign(options, POINT_TO_POINT),
                    declaration);
        }

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public String defaultNamePrefix() {
            return "ipiptun";
        }

        @Override
        public void validate(KindCheck check) {
            TunnelAttributes.checkName(check, name);
            TunnelAttributes.checkEndpoints(check, KIND, ns, local, remote, true);
            TunnelAttributes.checkTtlTos(check, ttl, tos, pmtudisc, "0 to copy the inner packet's TTL");
            TunnelAttributes.checkDev(check, ns, dev, name);
            TunnelAttributes.checkPeer(check, peer, addresses);
            TunnelAttributes.checkForeign(check, KIND, foreign);
        }

        @Override
        public LinkPlan plan(String name, List<Cidr> addresses, String parentNs) {
            return new Plan(ns, name, TunnelAttributes.ipv4(addresses), TunnelAttributes.ipv6(addresses),
                    TunnelAttributes.address(peer), TunnelAttributes.address(local), TunnelAttributes.address(remote),
                    ttl, tos, pmtudisc, dev, declaration);
        }
    }

    /**
     * An ipip tunnel to build.
     *
     * @param addresses
     *            the IPv4 addresses, which the runtime adds
     * @param ipv6Addresses
     *            the IPv6 addresses, which the builder adds (see {@code TunnelAttributes.ipv4})
     * @param peer
     *            the point-to-point peer of the addresses, or null
     * @param dev
     *            the underlay device, or empty; it is built first when it is a device of the topology
     */
    public record Plan(String ns, String name, List<Cidr> addresses, List<Cidr> ipv6Addresses, InetAddress peer,
            InetAddress local, InetAddress remote, int ttl, int tos, boolean pmtudisc, String dev, String declaration)
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
