package io.netns4j.internal.model.kinds;

import static io.netns4j.internal.model.kinds.TunnelAttributes.POINT_TO_POINT;

import io.netns4j.annotations.IpipTunnel;
import io.netns4j.annotations.SitTunnel;
import io.netns4j.internal.model.Cidr;
import io.netns4j.internal.model.KindCheck;
import io.netns4j.internal.model.LinkPlan;
import io.netns4j.internal.model.LinkSpec;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;

/**
 * The ipip kind (IPv4 in IPv4) and the sit kind (IPv6 in IPv4, "6in4"): their declarations and their plans. Both are
 * IPv4-underlay tunnels of the kernel's {@code IFLA_IPTUN_*} attributes, declared and checked alike; they differ only
 * in their {@link Type}.
 */
public final class IpTunnelKind {

    private IpTunnelKind() {
    }

    /** Which of the two kinds, with what names it goes by. */
    public enum Type {

        /** {@code @IpipTunnel}, {@code ipip(...)}: {@code ipiptun0}... */
        IPIP("ipip", "ipiptun", "@IpipTunnel"),

        /** {@code @SitTunnel}, {@code sit(...)}: {@code sittun0}... */
        SIT("sit", "sittun", "@SitTunnel");

        private final String kind;
        private final String defaultNamePrefix;
        private final String annotation;

        Type(String kind, String defaultNamePrefix, String annotation) {
            this.kind = kind;
            this.defaultNamePrefix = defaultNamePrefix;
            this.annotation = annotation;
        }

        /** The kind as {@code ip link add ... type KIND} names it. */
        public String kind() {
            return kind;
        }
    }

    /**
     * {@code @IpipTunnel} or {@code @SitTunnel}, or the builder's {@code ipip(...)} or {@code sit(...)}, as given.
     *
     * @param foreign
     *            builder options of other tunnel kinds ({@code key}...), reported as problems
     */
    public record Spec(Type type, String ns, String name, List<String> addresses, String local, String remote, int ttl,
            int tos, boolean pmtudisc, String dev, String peer, Map<String, Object> foreign, String declaration)
            implements LinkSpec {

        public Spec {
            addresses = TunnelAttributes.withHostPrefixes(addresses, peer);
        }

        public static Spec of(IpipTunnel a, String where) {
            return of(Type.IPIP, a.ns(), a.name(), a.address(), a.local(), a.remote(), a.ttl(), a.tos(), a.pmtudisc(),
                    a.dev(), a.peer(), where);
        }

        public static Spec of(SitTunnel a, String where) {
            return of(Type.SIT, a.ns(), a.name(), a.address(), a.local(), a.remote(), a.ttl(), a.tos(), a.pmtudisc(),
                    a.dev(), a.peer(), where);
        }

        /** From an annotation's attributes, which both kinds' annotations name alike. */
        private static Spec of(Type type, String ns, String name, String[] address, String local, String remote,
                int ttl, int tos, boolean pmtudisc, String dev, String peer, String where) {
            return new Spec(type, ns, name, List.of(address), local, remote, ttl, tos, pmtudisc, dev, peer, Map.of(),
                    type.annotation + "(ns = \"" + ns + "\"" + (name.isEmpty() ? "" : ", name = \"" + name + "\"")
                            + ") " + where);
        }

        /** From the builder's tunnel options: attribute name → value, as the annotation's attributes are named. */
        public static Spec of(Type type, String ns, String name, Map<String, ?> options, String declaration) {
            return new Spec(type, ns, name, TunnelAttributes.strings(options, "address"),
                    TunnelAttributes.string(options, "local"), TunnelAttributes.string(options, "remote"),
                    TunnelAttributes.integer(options, "ttl", 0), TunnelAttributes.integer(options, "tos", 0),
                    TunnelAttributes.bool(options, "pmtudisc", true), TunnelAttributes.string(options, "dev"),
                    TunnelAttributes.string(options, "peer"), TunnelAttributes.foreign(options, POINT_TO_POINT),
                    declaration);
        }

        @Override
        public String kind() {
            return type.kind;
        }

        @Override
        public String defaultNamePrefix() {
            return type.defaultNamePrefix;
        }

        @Override
        public void validate(KindCheck check) {
            TunnelAttributes.checkName(check, name);
            TunnelAttributes.checkEndpoints(check, kind(), ns, local, remote, true);
            TunnelAttributes.checkTtlTos(check, ttl, tos, pmtudisc, "0 to copy the inner packet's TTL");
            TunnelAttributes.checkDev(check, ns, dev, name);
            TunnelAttributes.checkPeer(check, peer, addresses);
            TunnelAttributes.checkForeign(check, kind(), foreign);
        }

        @Override
        public LinkPlan plan(String name, List<Cidr> addresses, String parentNs) {
            return new Plan(type, ns, name, TunnelAttributes.ipv4(addresses), TunnelAttributes.ipv6(addresses),
                    TunnelAttributes.address(peer), TunnelAttributes.address(local), TunnelAttributes.address(remote),
                    ttl, tos, pmtudisc, dev, declaration);
        }
    }

    /**
     * An ipip or sit tunnel to build.
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
    public record Plan(Type type, String ns, String name, List<Cidr> addresses, List<Cidr> ipv6Addresses,
            InetAddress peer, InetAddress local, InetAddress remote, int ttl, int tos, boolean pmtudisc, String dev,
            String declaration) implements LinkPlan {

        @Override
        public String kind() {
            return type.kind;
        }

        @Override
        public String parent() {
            return dev;
        }
    }
}
