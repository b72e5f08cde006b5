package io.netns4j.internal.runtime;

import io.netns4j.ImpairmentSpec;
import io.netns4j.internal.netlink.NetemDistribution;
import io.netns4j.internal.netlink.NetemSpec;
import io.netns4j.internal.netlink.TbfSpec;

/**
 * The queueing disciplines of an impairment: TBF for a rate, netem (with TBF under it) for the rest; see {@link Qdiscs}
 * for the trees made.
 */
final class ImpairmentQdiscs {

    private ImpairmentQdiscs() {
    }

    /** Changes the root qdisc of {@code dev} from what {@code was} needs to what {@code spec} needs. */
    static void apply(Namespace ns, String dev, ImpairmentSpec was, ImpairmentSpec spec) {
        boolean had = was.rateKbit() > 0 || was.needsNetem();
        boolean wants = spec.rateKbit() > 0 || spec.needsNetem();
        if (!wants) {
            if (had) {
                Qdiscs.of(ns).clear(dev);
            }
            return;
        }
        if (was.equals(spec)) {
            return;
        }
        Qdiscs.of(ns).apply(dev, netem(spec), tbf(spec));
    }

    /** The TBF of a rate, or null. */
    static TbfSpec tbf(ImpairmentSpec spec) {
        if (spec.rateKbit() == 0) {
            return null;
        }
        long bits = spec.rateKbit() * 1000;
        return spec.burstBytes() > 0 ? TbfSpec.withLatency(bits, spec.burstBytes(), TbfSpec.DEFAULT_LATENCY)
                : TbfSpec.ofRate(bits);
    }

    /** The netem settings of the components that need it, or null if none does. */
    static NetemSpec netem(ImpairmentSpec spec) {
        if (!spec.needsNetem()) {
            return null;
        }
        NetemSpec.Builder b = NetemSpec.builder();
        if (!spec.delay().isZero()) {
            b.delay(spec.delay(), spec.jitter(), spec.delayCorrelation());
            NetemDistribution d = switch (spec.distribution()) {
            case UNIFORM -> null;
            case NORMAL -> NetemDistribution.NORMAL;
            case PARETO -> NetemDistribution.PARETO;
            case PARETO_NORMAL -> NetemDistribution.PARETONORMAL;
            };
            if (d != null) {
                b.distribution(d);
            }
        }
        if (spec.lossCorrelation() > 0) {
            b.loss(spec.lossPercent(), spec.lossCorrelation());
        }
        if (spec.duplicatePercent() > 0) {
            b.duplicate(spec.duplicatePercent());
        }
        if (spec.corruptPercent() > 0) {
            b.corrupt(spec.corruptPercent());
        }
        if (spec.reorderPercent() > 0) {
            b.reorder(spec.reorderPercent(), spec.reorderCorrelation());
        }
        return b.build();
    }
}
