package io.netns4j;

import io.netns4j.annotations.DelayDistribution;
import java.time.Duration;
import java.util.Objects;

/**
 * An impairment in force on the packets leaving one interface: loss, a rate limit and, where the kernel has
 * {@code sch_netem}, delay, jitter, duplication, corruption and reordering. {@link #close()} takes it away.
 *
 * <pre>{@code
 * try (Impairment bad = net.link("client", "eth0").impair().delay(Duration.ofMillis(50)).loss(5).apply()) {
 *     ...
 * }
 * }</pre>
 *
 * <h2>How</h2>
 * <table>
 * <caption>What each component is made of</caption>
 * <tr>
 * <th>component</th>
 * <th>kernel mechanism</th>
 * <th>where</th>
 * </tr>
 * <tr>
 * <td>loss</td>
 * <td>nftables {@code numgen random} drop</td>
 * <td>the ingress of the veth peer (silent, as a lossy wire); the interface's own egress for other kinds</td>
 * </tr>
 * <tr>
 * <td>rate</td>
 * <td>TBF queueing discipline</td>
 * <td>root qdisc of the interface</td>
 * </tr>
 * <tr>
 * <td>delay, jitter, duplicate, corrupt, reorder, correlated loss</td>
 * <td>netem queueing discipline (with TBF under it for a rate)</td>
 * <td>root qdisc of the interface</td>
 * </tr>
 * </table>
 * Without {@code sch_netem} the components that need it throw {@link KernelFeatureMissingException} (a
 * {@link NetworkTest} is then skipped with the reason), and loss and rate still work.
 *
 * <h2>Changing it</h2> Applying another impairment to the same interface replaces this one while traffic flows: the
 * loss rule is swapped in one nftables transaction, and a fresh qdisc tree is grafted at the root in one request (what
 * the old one still queued is dropped; the new settings are exactly the ones given, nothing carried over; with a rate
 * under netem, the rate follows in a second request). This handle then no longer controls anything and its
 * {@link #close()} does nothing.
 */
public interface Impairment extends AutoCloseable {

    /** The interface whose outgoing packets are impaired. */
    Link link();

    /** What is in force. */
    ImpairmentSpec spec();

    /** Whether this impairment is still in force (not closed, not replaced). */
    boolean isActive();

    /** Removes the impairment: the interface is back to its default queueing and nothing is dropped. */
    @Override
    void close();

    /** Collects an impairment's components; {@link #apply()} puts it in force. */
    final class Builder {

        private final Link link;
        private double loss;
        private double lossCorrelation;
        private long rateKbit;
        private int burstBytes;
        private Duration delay = Duration.ZERO;
        private Duration jitter = Duration.ZERO;
        private double delayCorrelation;
        private DelayDistribution distribution = DelayDistribution.UNIFORM;
        private double duplicate;
        private double corrupt;
        private double reorder;
        private double reorderCorrelation;

        /** A builder for the packets leaving {@code link}; usually obtained with {@link Link#impair()}. */
        public Builder(Link link) {
            this.link = Objects.requireNonNull(link, "link");
        }

        /** Loses {@code percent} (0 to 100) of the packets, each independently. */
        public Builder loss(double percent) {
            this.loss = percent;
            return this;
        }

        /** Loses {@code percent} of the packets, each loss depending on the previous one by {@code correlation} %. */
        public Builder loss(double percent, double correlation) {
            this.loss = percent;
            this.lossCorrelation = correlation;
            return this;
        }

        /** Limits the rate to {@code kbit} kbit/s (1000 bit/s) with a bucket picked from the rate. */
        public Builder rate(long kbit) {
            return rate(kbit, 0);
        }

        /** Limits the rate to {@code kbit} kbit/s with a bucket of {@code burstBytes}. */
        public Builder rate(long kbit, int burstBytes) {
            this.rateKbit = kbit;
            this.burstBytes = burstBytes;
            return this;
        }

        /** Delays every packet by {@code delay}. */
        public Builder delay(Duration delay) {
            return delay(delay, Duration.ZERO);
        }

        /** Delays every packet by {@code delay} ± {@code jitter}. */
        public Builder delay(Duration delay, Duration jitter) {
            this.delay = Objects.requireNonNull(delay, "delay");
            this.jitter = Objects.requireNonNull(jitter, "jitter");
            return this;
        }

        /** Delays by {@code delay} ± {@code jitter}, successive delays correlated by {@code correlation} %. */
        public Builder delay(Duration delay, Duration jitter, double correlation) {
            delay(delay, jitter);
            this.delayCorrelation = correlation;
            return this;
        }

        /** How the jitter is distributed; uniform unless set. */
        public Builder distribution(DelayDistribution distribution) {
            this.distribution = Objects.requireNonNull(distribution, "distribution");
            return this;
        }

        /** Sends {@code percent} of the packets twice. */
        public Builder duplicate(double percent) {
            this.duplicate = percent;
            return this;
        }

        /** Flips one bit in {@code percent} of the packets. */
        public Builder corrupt(double percent) {
            this.corrupt = percent;
            return this;
        }

        /** Sends {@code percent} of the packets at once, ahead of the delayed others (needs a delay). */
        public Builder reorder(double percent, double correlation) {
            this.reorder = percent;
            this.reorderCorrelation = correlation;
            return this;
        }

        /** What has been collected. */
        public ImpairmentSpec spec() {
            return new ImpairmentSpec(loss, lossCorrelation, rateKbit, burstBytes, delay, jitter, delayCorrelation,
                    distribution, duplicate, corrupt, reorder, reorderCorrelation);
        }

        /**
         * Puts the impairment in force, replacing any the interface had.
         *
         * @throws IllegalArgumentException
         *             if a value is out of range
         * @throws KernelFeatureMissingException
         *             if a component needs {@code sch_netem} and the kernel has none
         */
        public Impairment apply() {
            return link.impair(spec());
        }
    }
}
