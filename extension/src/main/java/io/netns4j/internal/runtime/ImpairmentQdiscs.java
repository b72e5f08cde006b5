package io.netns4j.internal.runtime;

import io.netns4j.ImpairmentSpec;

/** The queueing disciplines of an impairment: TBF for a rate, netem (with TBF under it) for the rest. */
final class ImpairmentQdiscs {

    private ImpairmentQdiscs() {
    }

    /** Changes the root qdisc of {@code dev} from what {@code was} needs to what {@code spec} needs. */
    static void apply(Namespace ns, String dev, ImpairmentSpec was, ImpairmentSpec spec) {
        boolean had = was.rateKbit() > 0 || was.needsNetem();
        boolean wants = spec.rateKbit() > 0 || spec.needsNetem();
        if (!had && !wants) {
            return;
        }
        throw new UnsupportedOperationException("pending tc codec");
    }
}
