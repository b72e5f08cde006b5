package io.netns4j.internal.runtime;

import io.netns4j.internal.netlink.KindRequests;
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

    private static Optional<String> probe(String kind) {
        RootNamespace.get();
        List<Throwable> ignored = new java.util.ArrayList<>();
        Namespace[] scratch = new Namespace[1];
        RuntimeException[] failure = new RuntimeException[1];
        Thread t = RootNamespace.get().startThread("netns4j-probe-" + kind, () -> {
            try {
                scratch[0] = Namespace.createHere("probe-" + kind, false, Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                failure[0] = e;
            } finally {
                RootNamespace.get().enter();
            }
        });
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        try {
            scratch[0].rtnl().ack(KindRequests.newLink("probe0", kind));
            scratch[0].rtnl().ack(LinkRequests.delete(scratch[0].index("probe0"), "probe0"));
            return Optional.empty();
        } catch (NetlinkException e) {
            if (e.is(Errno.EOPNOTSUPP)) {
                return Optional
                        .of(kind + ": this kernel has no " + kind + " driver (RTM_NEWLINK: " + Errno.describe(e.errno())
                                + (e.kernelMessage() == null ? "" : ", \"" + e.kernelMessage() + "\"") + "); load the "
                                + kind + " module or set netns4j.missingKernelFeature=fail");
            }
            // Any other answer (a missing parent, a bad attribute) means the kernel knows the kind.
            return Optional.empty();
        } finally {
            scratch[0].stopWork(ignored);
            scratch[0].release(ignored);
        }
    }
}
