package io.netns4j.internal.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A network emulator: delay with jitter, loss, duplication, corruption, reordering and a rate, applied to every packet
 * leaving the device. What {@code tc qdisc ... netem ...} sets. Build one with {@link #builder()}; everything not set
 * is off. Probabilities and correlations are percentages, 0 to 100.
 *
 * @param limit
 *            how many packets netem holds at most (tc's default is 1000)
 * @param delay
 *            added to every packet; sent in microseconds (rounded down, as tc does), then scheduler ticks
 * @param jitter
 *            the delay varies by up to this much (uniformly, or as {@code distribution} says)
 * @param delayCorrelation
 *            how much each packet's jitter follows the previous one's, in percent
 * @param distribution
 *            the jitter's distribution, or null for uniform
 * @param loss
 *            the probability of dropping a packet, in percent
 * @param duplicate
 *            the probability of sending a packet twice, in percent
 * @param corrupt
 *            the probability of flipping one bit of a packet, in percent
 * @param reorder
 *            the probability of sending a packet at once, ahead of the delayed ones, in percent; needs a delay
 * @param gap
 *            reorder only every gap-th packet (0: tc's default, 1, when reordering)
 * @param rateBitsPerSecond
 *            a rate to send at, 0 for none; netem spaces packets by their size at this rate
 * @param ecn
 *            mark packets with ECN Congestion Experienced instead of dropping them, where they are ECN-capable
 */
public record NetemSpec(int limit, Duration delay, Duration jitter, double delayCorrelation,
        NetemDistribution distribution, double loss, double lossCorrelation, double duplicate,
        double duplicateCorrelation, double corrupt, double corruptCorrelation, double reorder,
        double reorderCorrelation, int gap, long rateBitsPerSecond, boolean ecn) implements QdiscSpec {

    /** netem's queue size when none is given, as tc sets it. */
    public static final int DEFAULT_LIMIT = 1000;

    public NetemSpec {
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(jitter, "jitter");
        List<String> problems = new ArrayList<>();
        if (limit < 1) {
            problems.add("limit " + limit + " packets: give at least 1 (tc's default is " + DEFAULT_LIMIT + ")");
        }
        checkTime(problems, "delay", delay);
        checkTime(problems, "jitter", jitter);
        checkPercent(problems, "delay correlation", delayCorrelation);
        checkPercent(problems, "loss", loss);
        checkPercent(problems, "loss correlation", lossCorrelation);
        checkPercent(problems, "duplicate", duplicate);
        checkPercent(problems, "duplicate correlation", duplicateCorrelation);
        checkPercent(problems, "corrupt", corrupt);
        checkPercent(problems, "corrupt correlation", corruptCorrelation);
        checkPercent(problems, "reorder", reorder);
        checkPercent(problems, "reorder correlation", reorderCorrelation);
        boolean hasDelay = TbfSpec.micros(delay) > 0;
        boolean hasJitter = TbfSpec.micros(jitter) > 0;
        if (delayCorrelation != 0 && !hasJitter) {
            problems.add("a delay correlation (" + TcFormat.percentArg(delayCorrelation)
                    + ") correlates the jitter, and there is none: give a jitter too");
        }
        if (distribution != null && (!hasDelay || !hasJitter)) {
            problems.add("a " + distribution.tcName()
                    + " distribution shapes the jitter around the delay: give a delay and a jitter of at least 1 us");
        }
        if (lossCorrelation != 0 && loss == 0) {
            problems.add("a loss correlation (" + TcFormat.percentArg(lossCorrelation) + ") without loss");
        }
        if (duplicateCorrelation != 0 && duplicate == 0) {
            problems.add(
                    "a duplicate correlation (" + TcFormat.percentArg(duplicateCorrelation) + ") without duplication");
        }
        if (corruptCorrelation != 0 && corrupt == 0) {
            problems.add("a corrupt correlation (" + TcFormat.percentArg(corruptCorrelation) + ") without corruption");
        }
        if (reorderCorrelation != 0 && reorder == 0) {
            problems.add("a reorder correlation (" + TcFormat.percentArg(reorderCorrelation) + ") without reordering");
        }
        if (reorder != 0 && !hasDelay) {
            problems.add("reorder " + TcFormat.percentArg(reorder)
                    + " sends some packets ahead of the delayed ones, and nothing is delayed: give a delay too");
        }
        if (gap < 0) {
            problems.add("gap " + gap + " must not be negative");
        } else if (gap > 0 && reorder == 0) {
            problems.add("gap " + gap + " without reordering: give a reorder probability too");
        }
        if (rateBitsPerSecond < 0 || (rateBitsPerSecond > 0 && rateBitsPerSecond < 8)) {
            problems.add("rate " + rateBitsPerSecond
                    + " bit/s: the kernel counts in bytes per second; give at least 8 bit/s, or 0 for no rate");
        }
        if (ecn && loss == 0) {
            problems.add("ecn marks packets instead of losing them, and there is no loss: give a loss too");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid netem settings: " + String.join("; ", problems));
        }
    }

    private static void checkPercent(List<String> problems, String what, double percent) {
        if (!(percent >= 0 && percent <= 100)) {
            problems.add(what + " " + percent + "% is not a percentage between 0 and 100");
        }
    }

    private static void checkTime(List<String> problems, String what, Duration d) {
        if (d.isNegative()) {
            problems.add(what + " " + d + " must not be negative");
        } else if (TbfSpec.micros(d) > TbfSpec.MAX_MICROS) {
            problems.add(what + " " + d + " is longer than tc can say (" + TbfSpec.MAX_MICROS + " us)");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String kind() {
        return "netem";
    }

    /** The reordering gap the kernel gets: 1 when reordering without a gap, as tc sends it. */
    public int effectiveGap() {
        return reorder != 0 && gap == 0 ? 1 : gap;
    }

    private boolean anyCorrelation() {
        return delayCorrelation != 0 || lossCorrelation != 0 || duplicateCorrelation != 0 || reorderCorrelation != 0
                || corruptCorrelation != 0;
    }

    @Override
    public String tcArguments() {
        StringBuilder sb = new StringBuilder("netem");
        if (limit != DEFAULT_LIMIT) {
            sb.append(" limit ").append(limit);
        }
        long delayUs = TbfSpec.micros(delay);
        long jitterUs = TbfSpec.micros(jitter);
        if (delayUs > 0 || jitterUs > 0) {
            sb.append(" delay ").append(TcFormat.timeArg(delayUs));
            if (jitterUs > 0) {
                sb.append(' ').append(TcFormat.timeArg(jitterUs));
                if (delayCorrelation != 0) {
                    sb.append(' ').append(TcFormat.percentArg(delayCorrelation));
                }
            }
        }
        if (distribution != null) {
            sb.append(" distribution ").append(distribution.tcName());
        }
        appendProbability(sb, "loss", loss, lossCorrelation);
        appendProbability(sb, "duplicate", duplicate, duplicateCorrelation);
        appendProbability(sb, "corrupt", corrupt, corruptCorrelation);
        appendProbability(sb, "reorder", reorder, reorderCorrelation);
        if (gap > 0) {
            sb.append(" gap ").append(gap);
        }
        if (rateBitsPerSecond > 0) {
            sb.append(" rate ").append(TcFormat.rateArg(rateBitsPerSecond));
        }
        if (ecn) {
            sb.append(" ecn");
        }
        return sb.toString();
    }

    private static void appendProbability(StringBuilder sb, String what, double p, double correlation) {
        if (p != 0) {
            sb.append(' ').append(what).append(' ').append(TcFormat.percentArg(p));
            if (correlation != 0) {
                sb.append(' ').append(TcFormat.percentArg(correlation));
            }
        }
    }

    /**
     * {@code TCA_OPTIONS} as tc 6.1 writes it: a {@code struct tc_netem_qopt} (delay and jitter in scheduler ticks,
     * probabilities scaled to 2^32 - 1), then, where set, {@code TCA_NETEM_CORR}, {@code _REORDER}, {@code _ECN},
     * {@code _CORRUPT}, {@code _RATE64} (a rate in bytes above 32 bits), {@code _RATE} and {@code _DELAY_DIST}, in that
     * order. tc 6.1 sends no {@code TCA_NETEM_LATENCY64}/{@code JITTER64}, and neither does this.
     *
     * <p>
     * One difference from tc 6.1: tc sends {@code TCA_NETEM_CORR} only if a delay, loss, reorder or corrupt correlation
     * was given, so {@code duplicate 1% 10%} alone loses its correlation; this sends it whenever any correlation is
     * set.
     */
    @Override
    public void writeOptions(MessageWriter w, Psched psched) {
        ByteBuffer qopt = ByteBuffer.allocate(Tc.TC_NETEM_QOPT_LEN).order(ByteOrder.LITTLE_ENDIAN);
        qopt.putInt(ticks(psched, "delay", delay)).putInt(limit).putInt(scaled(loss)).putInt(effectiveGap())
                .putInt(scaled(duplicate)).putInt(ticks(psched, "jitter", jitter));
        int options = w.beginNested(Tc.TCA_OPTIONS);
        w.bytes(qopt.array());
        if (anyCorrelation()) {
            w.attr(Tc.TCA_NETEM_CORR,
                    ints(scaled(delayCorrelation), scaled(lossCorrelation), scaled(duplicateCorrelation)));
        }
        if (reorder != 0) {
            w.attr(Tc.TCA_NETEM_REORDER, ints(scaled(reorder), scaled(reorderCorrelation)));
        }
        if (ecn) {
            w.attrU32(Tc.TCA_NETEM_ECN, 1);
        }
        if (corrupt != 0) {
            w.attr(Tc.TCA_NETEM_CORRUPT, ints(scaled(corrupt), scaled(corruptCorrelation)));
        }
        if (rateBitsPerSecond > 0) {
            long rate64 = rateBitsPerSecond / 8;
            if (rate64 >= (1L << 32)) {
                w.attrU64(Tc.TCA_NETEM_RATE64, rate64);
            }
            // struct tc_netem_rate: rate, packet_overhead, cell_size, cell_overhead
            w.attr(Tc.TCA_NETEM_RATE, ints(rate64 >= (1L << 32) ? 0xFFFFFFFF : (int) rate64, 0, 0, 0));
        }
        if (distribution != null) {
            short[] table = distribution.table();
            ByteBuffer b = ByteBuffer.allocate(2 * table.length).order(ByteOrder.LITTLE_ENDIAN);
            for (short v : table) {
                b.putShort(v);
            }
            w.attr(Tc.TCA_NETEM_DELAY_DIST, b.array());
        }
        w.endNested(options);
    }

    /** A percentage as the kernel's probability: a fraction of 2^32 - 1, rounded to nearest ({@code rint}). */
    static int scaled(double percent) {
        return Psched.toU32(Math.rint(percent / 100. * 0xFFFFFFFFL));
    }

    private static int ticks(Psched psched, String what, Duration d) {
        int micros = (int) TbfSpec.micros(d);
        if (psched.tooLargeForTicks(micros)) {
            throw new IllegalArgumentException("netem " + what + " " + d
                    + " is too long for the kernel's 32-bit count of scheduler ticks (at most "
                    + TcFormat.timeArg((long) (0xFFFFFFFFL / psched.tickInUsec())) + ")");
        }
        return psched.timeToTicks(micros);
    }

    private static byte[] ints(int... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putInt(v);
        }
        return b.array();
    }

    /** Builds a {@link NetemSpec}; whatever is not set is off. Validated by {@link #build()}. */
    public static final class Builder {
        private int limit = DEFAULT_LIMIT;
        private Duration delay = Duration.ZERO;
        private Duration jitter = Duration.ZERO;
        private double delayCorrelation;
        private NetemDistribution distribution;
        private double loss;
        private double lossCorrelation;
        private double duplicate;
        private double duplicateCorrelation;
        private double corrupt;
        private double corruptCorrelation;
        private double reorder;
        private double reorderCorrelation;
        private int gap;
        private long rateBitsPerSecond;
        private boolean ecn;

        private Builder() {
        }

        public Builder limit(int packets) {
            this.limit = packets;
            return this;
        }

        public Builder delay(Duration delay) {
            this.delay = Objects.requireNonNull(delay, "delay");
            return this;
        }

        public Builder delay(Duration delay, Duration jitter) {
            this.jitter = Objects.requireNonNull(jitter, "jitter");
            return delay(delay);
        }

        public Builder delay(Duration delay, Duration jitter, double correlationPercent) {
            this.delayCorrelation = correlationPercent;
            return delay(delay, jitter);
        }

        public Builder distribution(NetemDistribution distribution) {
            this.distribution = distribution;
            return this;
        }

        public Builder loss(double percent) {
            this.loss = percent;
            return this;
        }

        public Builder loss(double percent, double correlationPercent) {
            this.lossCorrelation = correlationPercent;
            return loss(percent);
        }

        public Builder duplicate(double percent) {
            this.duplicate = percent;
            return this;
        }

        public Builder duplicate(double percent, double correlationPercent) {
            this.duplicateCorrelation = correlationPercent;
            return duplicate(percent);
        }

        public Builder corrupt(double percent) {
            this.corrupt = percent;
            return this;
        }

        public Builder corrupt(double percent, double correlationPercent) {
            this.corruptCorrelation = correlationPercent;
            return corrupt(percent);
        }

        public Builder reorder(double percent) {
            this.reorder = percent;
            return this;
        }

        public Builder reorder(double percent, double correlationPercent) {
            this.reorderCorrelation = correlationPercent;
            return reorder(percent);
        }

        public Builder gap(int gap) {
            this.gap = gap;
            return this;
        }

        public Builder rate(long bitsPerSecond) {
            this.rateBitsPerSecond = bitsPerSecond;
            return this;
        }

        public Builder ecn(boolean ecn) {
            this.ecn = ecn;
            return this;
        }

        /**
         * @throws IllegalArgumentException
         *             naming every setting that is out of range or does not go with the others
         */
        public NetemSpec build() {
            return new NetemSpec(limit, delay, jitter, delayCorrelation, distribution, loss, lossCorrelation, duplicate,
                    duplicateCorrelation, corrupt, corruptCorrelation, reorder, reorderCorrelation, gap,
                    rateBitsPerSecond, ecn);
        }
    }
}
