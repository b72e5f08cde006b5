package io.netns4j.internal.runtime;

import io.netns4j.Impairment;
import io.netns4j.ImpairmentSpec;
import io.netns4j.KernelFeatureMissingException;
import io.netns4j.Link;
import io.netns4j.internal.model.Plan;
import io.netns4j.internal.model.Plan.VethPlan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The impairments of one topology's interfaces. Each is made of up to two kernel pieces:
 * <ul>
 * <li>independent loss: an nftables {@code numgen random} drop in table {@code netdev netns4j} — on the ingress of the
 * veth peer when the interface is a veth end of the topology (the packet is lost on the wire, the sender notices
 * nothing), otherwise on the interface's own egress;</li>
 * <li>everything else: the interface's root queueing discipline — TBF for a rate alone, netem (with TBF under it for a
 * rate) for delay, jitter, duplication, corruption, reordering and correlated loss.</li>
 * </ul>
 */
final class Impairments {

    /** An interface, by namespace and name. */
    record Dev(String ns, String name) {
        @Override
        public String toString() {
            return name + " in " + ns;
        }
    }

    /** Where a loss rule sits: the device and hook in {@code ns}'s netdev table. */
    record LossPoint(Dev dev, boolean ingress) {
    }

    private final Plan plan;
    private final Map<String, Namespace> namespaces;
    private final Map<Dev, Handle> current = new LinkedHashMap<>();
    /** Loss rules per namespace: loss point → parts per million. */
    private final Map<String, Map<LossPoint, Integer>> losses = new LinkedHashMap<>();

    Impairments(Plan plan, Map<String, Namespace> namespaces) {
        this.plan = plan;
        this.namespaces = namespaces;
    }

    synchronized Impairment apply(Link link, Namespace ns, String name, ImpairmentSpec spec) {
        if (spec.needsNetem()) {
            Optional<String> missing = KernelFeatures.missingQdisc("netem");
            if (missing.isPresent()) {
                throw new KernelFeatureMissingException(List.of(
                        "impairment " + spec + " of " + name + " in " + ns.name() + " needs netem; " + missing.get()));
            }
        }
        Dev dev = new Dev(ns.name(), name);
        ns.index(name); // fails with the namespace's message if the interface is gone
        Handle before = current.get(dev);
        ImpairmentSpec was = before == null ? ImpairmentSpec.NONE : before.spec;
        LossPoint point = lossPoint(dev);
        ImpairmentQdiscs.apply(ns, name, was, spec);
        try {
            setLoss(point, independentLossPpm(spec));
        } catch (RuntimeException e) {
            try {
                ImpairmentQdiscs.apply(ns, name, spec, was);
            } catch (RuntimeException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
        Handle h = new Handle(link, dev, spec);
        current.put(dev, h);
        return h;
    }

    /** The impairments in force, in the order they were first applied to their interfaces. */
    synchronized List<Impairment> inForce() {
        return List.copyOf(current.values());
    }

    synchronized Optional<Impairment> current(String ns, String name) {
        return Optional.ofNullable(current.get(new Dev(ns, name)));
    }

    private synchronized void remove(Handle h) {
        if (current.get(h.dev) != h) {
            return;
        }
        Namespace ns = namespaces.get(h.dev.ns());
        current.remove(h.dev);
        List<Throwable> failures = new java.util.ArrayList<>();
        try {
            ImpairmentQdiscs.apply(ns, h.dev.name(), h.spec, ImpairmentSpec.NONE);
        } catch (RuntimeException e) {
            failures.add(e);
        }
        try {
            setLoss(lossPoint(h.dev), 0);
        } catch (RuntimeException e) {
            failures.add(e);
        }
        if (!failures.isEmpty()) {
            IllegalStateException e = new IllegalStateException(
                    "Removing impairment " + h.spec + " of " + h.dev + " failed: " + failures.get(0).getMessage(),
                    failures.get(0));
            failures.subList(1, failures.size()).forEach(e::addSuppressed);
            throw e;
        }
    }

    /** Forgets every impairment without touching the kernel: for teardown. */
    synchronized void forget() {
        current.clear();
        losses.clear();
    }

    /** Loss made by nftables: all of it unless netem makes correlated loss. In parts per million. */
    private static int independentLossPpm(ImpairmentSpec spec) {
        if (spec.lossCorrelation() > 0) {
            return 0;
        }
        return (int) Math.round(spec.lossPercent() * 10_000);
    }

    /** The veth peer's ingress when the interface is a veth end of the plan, else its own egress. */
    private LossPoint lossPoint(Dev dev) {
        for (VethPlan v : plan.veths()) {
            if (v.a().ns().equals(dev.ns()) && v.a().name().equals(dev.name())) {
                return new LossPoint(new Dev(v.b().ns(), v.b().name()), true);
            }
            if (v.b().ns().equals(dev.ns()) && v.b().name().equals(dev.name())) {
                return new LossPoint(new Dev(v.a().ns(), v.a().name()), true);
            }
        }
        return new LossPoint(dev, false);
    }

    private void setLoss(LossPoint point, int ppm) {
        Map<LossPoint, Integer> inNs = losses.computeIfAbsent(point.dev().ns(), k -> new LinkedHashMap<>());
        Integer before = ppm == 0 ? inNs.remove(point) : inNs.put(point, ppm);
        if (before == null ? ppm == 0 : before == ppm) {
            return;
        }
        Namespace ns = namespaces.get(point.dev().ns());
        try {
            if (inNs.isEmpty()) {
                LossRules.remove(ns);
            } else {
                LossRules.replace(ns, Map.copyOf(inNs));
            }
        } catch (RuntimeException e) {
            if (before == null) {
                inNs.remove(point);
            } else {
                inNs.put(point, before);
            }
            throw e;
        }
    }

    private final class Handle implements Impairment {
        private final Link link;
        private final Dev dev;
        private final ImpairmentSpec spec;

        Handle(Link link, Dev dev, ImpairmentSpec spec) {
            this.link = link;
            this.dev = dev;
            this.spec = spec;
        }

        @Override
        public Link link() {
            return link;
        }

        @Override
        public ImpairmentSpec spec() {
            return spec;
        }

        @Override
        public boolean isActive() {
            synchronized (Impairments.this) {
                return current.get(dev) == this;
            }
        }

        @Override
        public void close() {
            remove(this);
        }

        @Override
        public String toString() {
            return "Impairment[" + spec + " on " + dev + (isActive() ? "" : ", no longer in force") + "]";
        }
    }
}
