package io.netns4j.internal.runtime;

import io.netns4j.AddressInfo;
import io.netns4j.Cut;
import io.netns4j.internal.model.Grudge;
import io.netns4j.internal.model.Grudge.Pair;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cuts of one topology and the nftables rules that enforce them. Each receiving namespace gets one table
 * {@code inet netns4j} whose rules drop (or reject) packets from the addresses of the namespaces it may not hear; the
 * table is rewritten as a whole, in one nf_tables transaction, whenever a cut that involves the namespace opens or
 * closes, and deleted when none is left.
 */
final class Partitions {

    private final Map<String, Namespace> namespaces;
    private final List<CutHandle> cuts = new ArrayList<>();
    /** What each namespace's table holds now, to rewrite only the tables that change. */
    private final Map<String, List<PartitionRules.Blocked>> programmed = new LinkedHashMap<>();
    /** The ICMP rate-limit sysctls of namespaces with a reject cut, as they were before it. */
    private final Map<String, Map<String, String>> savedRateLimits = new LinkedHashMap<>();

    Partitions(Map<String, Namespace> namespaces) {
        this.namespaces = namespaces;
    }

    synchronized Cut add(Grudge grudge, Cut.Mode mode) {
        CutHandle cut = new CutHandle(grudge.pairs(), mode, grudge.description());
        cuts.add(cut);
        try {
            reprogram(receivers(cut));
        } catch (RuntimeException e) {
            cuts.remove(cut);
            try {
                reprogram(receivers(cut));
            } catch (RuntimeException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
        return cut;
    }

    synchronized void remove(CutHandle cut) {
        if (cuts.remove(cut)) {
            reprogram(receivers(cut));
        }
    }

    synchronized void heal() {
        Set<String> receivers = new LinkedHashSet<>(programmed.keySet());
        cuts.clear();
        reprogram(receivers);
    }

    synchronized List<Cut> cuts() {
        return List.copyOf(cuts);
    }

    /** Forgets every cut without touching the kernel: for teardown, where the namespaces go with their rules. */
    synchronized void forget() {
        cuts.clear();
        programmed.clear();
        savedRateLimits.clear();
    }

    private static Set<String> receivers(CutHandle cut) {
        Set<String> out = new LinkedHashSet<>();
        cut.pairs.forEach(p -> out.add(p.to()));
        return out;
    }

    /** Rewrites the table of each of {@code receivers} from the cuts in force. */
    private void reprogram(Set<String> receivers) {
        Map<String, List<InetAddress>> addresses = new LinkedHashMap<>();
        for (String receiver : receivers) {
            List<PartitionRules.Blocked> wanted = wanted(receiver, addresses);
            List<PartitionRules.Blocked> now = programmed.getOrDefault(receiver, List.of());
            if (wanted.equals(now)) {
                continue;
            }
            Namespace ns = namespaces.get(receiver);
            boolean rejects = wanted.stream().anyMatch(PartitionRules.Blocked::reject);
            if (rejects) {
                liftIcmpRateLimits(ns);
            }
            if (wanted.isEmpty()) {
                PartitionRules.remove(ns);
                programmed.remove(receiver);
            } else {
                PartitionRules.replace(ns, wanted);
                programmed.put(receiver, wanted);
            }
            if (!rejects) {
                restoreIcmpRateLimits(ns);
            }
        }
    }

    /**
     * The sources {@code receiver} must not hear, in a stable order: a source blocked by a silent cut is dropped, one
     * blocked only by reject cuts is rejected.
     */
    private List<PartitionRules.Blocked> wanted(String receiver, Map<String, List<InetAddress>> addresses) {
        Map<String, Boolean> senders = new LinkedHashMap<>();
        for (CutHandle cut : cuts) {
            for (String sender : namespaces.keySet()) {
                if (cut.pairs.contains(new Pair(sender, receiver))) {
                    boolean reject = cut.mode == Cut.Mode.REJECT;
                    senders.merge(sender, reject, (a, b) -> a && b);
                }
            }
        }
        List<PartitionRules.Blocked> out = new ArrayList<>();
        senders.forEach((sender, reject) -> {
            for (InetAddress a : addresses.computeIfAbsent(sender, this::sourceAddresses)) {
                out.add(new PartitionRules.Blocked(a, sender, reject));
            }
        });
        return out;
    }

    /** The addresses namespace {@code name} sends from: all its interfaces' addresses but loopback ones. */
    private List<InetAddress> sourceAddresses(String name) {
        List<InetAddress> out = new ArrayList<>();
        for (AddressInfo a : namespaces.get(name).addresses()) {
            if (!a.address().isLoopbackAddress() && !out.contains(a.address())) {
                out.add(a.address());
            }
        }
        return out;
    }

    /**
     * The ICMP rate limits and the values that lift them: no per-destination interval, and a global budget no test
     * exhausts (a budget of 0 would allow no ICMP message at all).
     */
    private static final Map<String, String> RATE_LIMITS = Map.of("net/ipv4/icmp_ratelimit", "0",
            "net/ipv6/icmp/ratelimit", "0", "net/ipv4/icmp_msgs_per_sec", "1000000", "net/ipv4/icmp_msgs_burst",
            "1000000");

    /** Every reject must be answered: the kernel's ICMP rate limits would swallow most answers to a busy sender. */
    private void liftIcmpRateLimits(Namespace ns) {
        if (savedRateLimits.containsKey(ns.name())) {
            return;
        }
        Map<String, String> saved = new LinkedHashMap<>();
        for (Map.Entry<String, String> limit : new java.util.TreeMap<>(RATE_LIMITS).entrySet()) {
            String old = ns.sysctl(limit.getKey());
            if (old != null) {
                saved.put(limit.getKey(), old);
                ns.setSysctl(limit.getKey(), limit.getValue());
            }
        }
        savedRateLimits.put(ns.name(), saved);
    }

    private void restoreIcmpRateLimits(Namespace ns) {
        Map<String, String> saved = savedRateLimits.remove(ns.name());
        if (saved != null) {
            saved.forEach(ns::setSysctl);
        }
    }

    /** The handle given to the user. */
    final class CutHandle implements Cut {

        private final Set<Pair> pairs;
        private final Mode mode;
        private final String description;

        CutHandle(Set<Pair> pairs, Mode mode, String description) {
            this.pairs = pairs;
            this.mode = mode;
            this.description = description;
        }

        @Override
        public boolean blocks(String from, String to) {
            return pairs.contains(new Pair(from, to));
        }

        @Override
        public Mode mode() {
            return mode;
        }

        @Override
        public boolean isOpen() {
            synchronized (Partitions.this) {
                return cuts.contains(this);
            }
        }

        @Override
        public void close() {
            remove(this);
        }

        @Override
        public String toString() {
            return description + (mode == Mode.REJECT ? " (reject)" : "") + (isOpen() ? "" : " (mended)");
        }
    }
}
