package io.netns4j;

import io.netns4j.internal.runtime.Capabilities;
import io.netns4j.internal.runtime.KernelFeatures;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Prints what the running kernel offers netns4j: link kinds, queueing disciplines, nftables, user namespaces. Each
 * feature is probed for real in a scratch namespace (a create that the kernel answers, not a version check). Run it as
 * root:
 *
 * <pre>
 * java -cp netns4j-extension.jar:jna.jar io.netns4j.CapabilityTable
 * </pre>
 *
 * ({@code ci/capabilities} does that from a checkout.)
 */
public final class CapabilityTable {

    /** The link kinds probed, as {@code ip link add ... type KIND} names them. */
    public static final List<String> LINK_KINDS = List.of("veth", "bridge", "macvlan", "macvtap", "ipvlan", "ipvtap",
            "vxlan", "ipip", "gre", "gretap", "sit", "vlan", "dummy", "ifb", "vrf", "bond", "geneve", "wireguard");

    /** The queueing disciplines probed. */
    public static final List<String> QDISCS = List.of("netem", "htb", "tbf", "prio", "fq_codel", "ingress", "clsact");

    private CapabilityTable() {
    }

    /** Prints the table to standard output; exits with status 1 if the JVM may not create namespaces. */
    public static void main(String[] args) {
        Optional<String> privileges = Capabilities.missing();
        if (privileges.isPresent()) {
            System.err.println(privileges.get());
            System.exit(2);
        }
        print(System.out);
    }

    /** Probes every feature and prints the table. */
    public static void print(PrintStream out) {
        out.println("netns4j capability table");
        out.println("kernel: " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        out.println("link kinds:");
        row(out, "tun/tap", KernelFeatures::missingTun);
        for (String kind : LINK_KINDS) {
            row(out, kind, () -> KernelFeatures.missingLinkKind(kind));
        }
        out.println("queueing disciplines:");
        for (String qdisc : QDISCS) {
            row(out, qdisc, () -> KernelFeatures.missingQdisc(qdisc));
        }
        out.println("other:");
        row(out, "nftables", KernelFeatures::missingNftables);
        row(out, "nft egress", KernelFeatures::missingNetdevEgress);
        row(out, "user namespaces", KernelFeatures::missingUserNamespaces);
    }

    private static void row(PrintStream out, String feature, Supplier<Optional<String>> probe) {
        Optional<String> missing;
        try {
            missing = probe.get();
        } catch (RuntimeException e) {
            missing = Optional.of("probe failed: " + e.getMessage());
        }
        out.println(String.format("  %-16s %s", feature,
                missing.map(r -> "absent   " + reason(feature, r)).orElse("present")));
    }

    /** The reason without the feature's name in front and the configuration hint behind. */
    private static String reason(String feature, String reason) {
        String r = reason.startsWith(feature + ": ") ? reason.substring(feature.length() + 2) : reason;
        int hint = r.indexOf("; load the ");
        return hint > 0 ? r.substring(0, hint) : r;
    }
}
