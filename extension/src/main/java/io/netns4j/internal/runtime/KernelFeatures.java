package io.netns4j.internal.runtime;

import io.netns4j.internal.netlink.KindRequests;
import io.netns4j.internal.nftables.Batch;
import io.netns4j.internal.nftables.Chain;
import io.netns4j.internal.nftables.Family;
import io.netns4j.internal.nftables.Hook;
import io.netns4j.internal.nftables.Table;
import io.netns4j.internal.netlink.ProbeRequests;
import io.netns4j.internal.sys.Sys;
import io.netns4j.internal.netlink.LinkRequests;
import io.netns4j.internal.netlink.NetlinkException;
import io.netns4j.internal.sys.Errno;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the running kernel can do, probed once per JVM in a scratch namespace: a link kind is present unless creating
 * one answers {@code EOPNOTSUPP} ("Unknown device type"). Nothing is assumed from the kernel version.
 */
public final class KernelFeatures {

    private static final Map<String, Optional<String>> LINK_KINDS = new ConcurrentHashMap<>();
    private static final Map<String, Optional<String>> QDISCS = new ConcurrentHashMap<>();
    private static final Map<String, Optional<String>> NFTABLES = new ConcurrentHashMap<>();

    private KernelFeatures() {
    }

    /**
     * Empty if the kernel has link kind {@code kind} (as {@code ip link add ... type KIND} names it); otherwise the
     * reason, e.g. {@code ipvlan: this kernel has no ipvlan driver (RTM_NEWLINK:
     * EOPNOTSUPP (Operation not supported), "Unknown device type"); load the ipvlan module or set
     * netns4j.missingKernelFeature=fail}.
     */
    public static Optional<String> missingLinkKind(String kind) {
        return LINK_KINDS.computeIfAbsent(kind, KernelFeatures::probe);
    }

    /**
     * Empty if the kernel has queueing discipline {@code kind} ({@code netem}, {@code htb}, {@code tbf}...); otherwise
     * the reason.
     */
    public static Optional<String> missingQdisc(String kind) {
        return QDISCS.computeIfAbsent(kind, k -> inScratch("qdisc-" + k, ns -> {
            try {
                ns.rtnl().ack(ProbeRequests.newQdisc(1, k));
                return Optional.empty();
            } catch (NetlinkException e) {
                if (e.is(Errno.ENOENT)) {
                    return Optional.of(k + ": this kernel has no " + k + " queueing discipline (RTM_NEWQDISC: "
                            + Errno.describe(e.errno()) + words(e) + "); load the sch_" + k + " module or set "
                            + io.netns4j.Netns4jConfig.MISSING_KERNEL_FEATURE + "=fail");
                }
                return Optional.empty();
            }
        }));
    }

    /** Empty if the kernel has nf_tables (for partitions and impairments); otherwise the reason. */
    public static Optional<String> missingNftables() {
        return NFTABLES.computeIfAbsent("nftables", k -> inScratch("nftables", ns -> {
            try (RtnlClient nf = ns
                    .inside(() -> RtnlClient.open(ns.name(), ProbeRequests.NETLINK_NETFILTER, "nfnetlink"))) {
                nf.dump(ProbeRequests.listTables());
                return Optional.empty();
            } catch (RuntimeException e) {
                return Optional.of("nftables: this kernel refuses nf_tables requests (" + e.getMessage()
                        + "); load the nf_tables module or set " + io.netns4j.Netns4jConfig.MISSING_KERNEL_FEATURE
                        + "=fail");
            }
        }));
    }

    /**
     * Empty if nf_tables has the {@code netdev} egress hook (Linux 5.16+, {@code CONFIG_NETFILTER_EGRESS}), where
     * netns4j drops what a device sends; otherwise the reason. Probed by creating a chain on that hook of {@code lo} in
     * a scratch namespace.
     */
    public static Optional<String> missingNetdevEgress() {
        Optional<String> nftables = missingNftables();
        if (nftables.isPresent()) {
            return nftables.map(reason -> "nft egress: " + reason);
        }
        return NFTABLES.computeIfAbsent("netdev-egress", k -> inScratch("nft-egress", ns -> {
            try {
                ns.nftables().apply(new Batch().replace(Table.of(Family.NETDEV, Table.NETNS4J,
                        Chain.filter("egress-lo", Hook.EGRESS, "lo", Chain.PRIORITY_NETDEV, List.of()))));
                return Optional.empty();
            } catch (NetlinkException e) {
                return Optional.of("nft egress: this kernel has no nf_tables netdev egress hook (" + e.getMessage()
                        + "); it needs Linux 5.16 or later built with CONFIG_NETFILTER_EGRESS, or set" + " "
                        + io.netns4j.Netns4jConfig.MISSING_KERNEL_FEATURE + "=fail");
            }
        }));
    }

    /** Empty if {@code /dev/net/tun} can be opened (TUN and TAP devices); otherwise the reason. */
    public static Optional<String> missingTun() {
        return NFTABLES.computeIfAbsent("tun", k -> {
            RootNamespace.get();
            try {
                Sys.open("/dev/net/tun", Sys.O_RDWR).close();
                return Optional.empty();
            } catch (RuntimeException e) {
                return Optional.of("tun: " + e.getMessage() + "; load the tun module (and create /dev/net/tun) or set"
                        + " " + io.netns4j.Netns4jConfig.MISSING_KERNEL_FEATURE + "=fail");
            }
        });
    }

    /**
     * Empty if user namespaces can be created by unprivileged users (the basis of the rootless mode) and hold their
     * capabilities; otherwise the reason, read from {@code /proc/sys}.
     */
    public static Optional<String> missingUserNamespaces() {
        try {
            long max = Long.parseLong(
                    java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/user/max_user_namespaces")).trim());
            if (max <= 0) {
                return Optional.of("user namespaces: user.max_user_namespaces is " + max);
            }
            java.nio.file.Path debian = java.nio.file.Path.of("/proc/sys/kernel/unprivileged_userns_clone");
            if (java.nio.file.Files.exists(debian) && java.nio.file.Files.readString(debian).trim().equals("0")) {
                return Optional.of("user namespaces: kernel.unprivileged_userns_clone is 0 (root only)");
            }
            java.nio.file.Path apparmor = java.nio.file.Path
                    .of("/proc/sys/kernel/apparmor_restrict_unprivileged_userns");
            if (java.nio.file.Files.exists(apparmor) && java.nio.file.Files.readString(apparmor).trim().equals("1")) {
                return Optional.of("user namespaces: kernel.apparmor_restrict_unprivileged_userns is 1 (AppArmor"
                        + " withholds capabilities in user namespaces from programs its profiles do not allow)");
            }
            return Optional.empty();
        } catch (java.io.IOException | NumberFormatException e) {
            return Optional.of("user namespaces: this kernel has none (" + e + ")");
        }
    }

    /** The kernel module of a link kind, where its name differs: {@code gre} is in {@code ip_gre}. */
    private static String module(String kind) {
        return switch (kind) {
        case "gre", "gretap", "erspan" -> "ip_gre";
        case "vlan" -> "8021q";
        case "bond" -> "bonding";
        case "ipvtap" -> "ipvtap";
        default -> kind;
        };
    }

    private static String words(NetlinkException e) {
        return e.kernelMessage() == null ? "" : ", \"" + e.kernelMessage() + "\"";
    }

    /** Runs {@code probe} against a scratch namespace made for it, and releases the namespace. */
    private static Optional<String> inScratch(String what,
            java.util.function.Function<Namespace, Optional<String>> probe) {
        RootNamespace.get();
        List<Throwable> ignored = new java.util.ArrayList<>();
        Namespace scratch = Namespace.adopt(NamespacePool.make(1).get(0), "probe-" + what, false,
                Duration.ofSeconds(5));
        try {
            return probe.apply(scratch);
        } finally {
            scratch.stopWork(ignored);
            scratch.release(ignored);
        }
    }

    private static Optional<String> probe(String kind) {
        return inScratch(kind, ns -> {
            try {
                ns.rtnl().ack(KindRequests.newLink("probe0", kind));
                ns.rtnl().ack(LinkRequests.delete(ns.index("probe0"), "probe0"));
                return Optional.empty();
            } catch (NetlinkException e) {
                if (e.is(Errno.EOPNOTSUPP)) {
                    return Optional.of(kind + ": this kernel has no " + kind + " driver (RTM_NEWLINK: "
                            + Errno.describe(e.errno()) + words(e) + "); load the " + module(kind) + " module or set "
                            + io.netns4j.Netns4jConfig.MISSING_KERNEL_FEATURE + "=fail");
                }
                // Any other answer (a missing parent, a bad attribute) means the kernel knows the kind.
                return Optional.empty();
            }
        });
    }
}
