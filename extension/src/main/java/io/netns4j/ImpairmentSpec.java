package io.netns4j;

import io.netns4j.annotations.DelayDistribution;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What an {@link Impairment} does to the packets leaving an interface. Zero (or {@link Duration#ZERO}) means "not
 * impaired" for every component. Build one with {@link Impairment.Builder}.
 *
 * @param lossPercent
 *            packets lost, 0 to 100
 * @param lossCorrelation
 *            correlation of successive losses in percent, 0 to 100 (needs netem)
 * @param rateKbit
 *            rate limit in kbit/s (1000 bit/s), 0 for none
 * @param burstBytes
 *            bucket of the rate limit in bytes, 0 to pick one from the rate
 * @param delay
 *            added one-way delay (needs netem)
 * @param jitter
 *            variation of the delay (needs netem)
 * @param delayCorrelation
 *            correlation of successive delays in percent
 * @param distribution
 *            distribution of the jitter
 * @param duplicatePercent
 *            packets sent twice (needs netem)
 * @param corruptPercent
 *            packets with one flipped bit (needs netem)
 * @param reorderPercent
 *            packets sent at once, overtaking delayed ones (needs netem and a delay)
 * @param reorderCorrelation
 *            correlation of successive reorderings in percent
 */
public record ImpairmentSpec(double lossPercent, double lossCorrelation, long rateKbit, int burstBytes, Duration delay,
        Duration jitter, double delayCorrelation, DelayDistribution distribution, double duplicatePercent,
        double corruptPercent, double reorderPercent, double reorderCorrelation) {

    /** Nothing impaired. */
    public static final ImpairmentSpec NONE = new ImpairmentSpec(0, 0, 0, 0, Duration.ZERO, Duration.ZERO, 0,
            DelayDistribution.UNIFORM, 0, 0, 0, 0);

    /**
     * @throws IllegalArgumentException
     *             naming every value out of range
     */
    public ImpairmentSpec {
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(jitter, "jitter");
        Objects.requireNonNull(distribution, "distribution");
        List<String> problems = problems(lossPercent, lossCorrelation, rateKbit, burstBytes, delay, jitter,
                delayCorrelation, duplicatePercent, corruptPercent, reorderPercent, reorderCorrelation);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid impairment: " + String.join(" ", problems));
        }
    }

    /**
     * The problems of these values, one sentence or two each naming the component ({@code loss}, {@code rate}...), its
     * value and how to fix it; empty if they make a valid impairment.
     */
    public static List<String> problems(double lossPercent, double lossCorrelation, long rateKbit, int burstBytes,
            Duration delay, Duration jitter, double delayCorrelation, double duplicatePercent, double corruptPercent,
            double reorderPercent, double reorderCorrelation) {
        List<String> out = new ArrayList<>();
        percent(out, "loss", lossPercent);
        percent(out, "loss correlation", lossCorrelation);
        percent(out, "delay correlation", delayCorrelation);
        percent(out, "duplicate", duplicatePercent);
        percent(out, "corrupt", corruptPercent);
        percent(out, "reorder", reorderPercent);
        percent(out, "reorder correlation", reorderCorrelation);
        if (rateKbit < 0) {
            out.add("rate " + rateKbit + " kbit/s is negative. Give a rate in kbit/s, or 0 for none.");
        }
        if (burstBytes < 0) {
            out.add("burst " + burstBytes
                    + " bytes is negative. Give a size in bytes, or 0 to pick one from the rate.");
        }
        if (burstBytes > 0 && rateKbit == 0) {
            out.add("burst " + burstBytes
                    + " bytes without a rate: a burst is the bucket of a rate limit. Give a rate too, or no burst.");
        }
        if (delay.isNegative()) {
            out.add("delay " + delay + " is negative. Give a positive duration, or zero for none.");
        }
        if (jitter.isNegative()) {
            out.add("jitter " + jitter + " is negative. Give a positive duration, or zero for none.");
        }
        if (!jitter.isZero() && delay.isZero()) {
            out.add("jitter " + jitter + " without a delay: jitter varies a delay. Give a delay too.");
        }
        if (delay.toNanos() / 1000 > 0xffff_ffffL || jitter.toNanos() / 1000 > 0xffff_ffffL) {
            out.add("delay or jitter above " + Duration.ofNanos(0xffff_ffffL * 1000)
                    + ": netem cannot delay longer. Give a shorter one.");
        }
        if (reorderPercent > 0 && delay.isZero()) {
            out.add("reorder " + reorderPercent + " % without a delay: netem reorders by sending some packets"
                    + " ahead of delayed ones. Give a delay too.");
        }
        if (lossCorrelation > 0 && lossPercent == 0) {
            out.add("loss correlation " + lossCorrelation + " % without a loss. Give a loss too, or no correlation.");
        }
        return out;
    }

    private static void percent(List<String> out, String what, double value) {
        if (!(value >= 0 && value <= 100)) {
            out.add(what + " " + value + " % is not a percentage. Give a value from 0 to 100.");
        }
    }

    /** Whether this impairment needs the kernel's {@code sch_netem}. */
    public boolean needsNetem() {
        return lossCorrelation > 0 || !delay.isZero() || duplicatePercent > 0 || corruptPercent > 0
                || reorderPercent > 0;
    }

    /** Whether this spec impairs nothing. */
    public boolean isNone() {
        return lossPercent == 0 && rateKbit == 0 && !needsNetem();
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        if (lossPercent > 0) {
            parts.add("loss " + lossPercent + "%" + (lossCorrelation > 0 ? " " + lossCorrelation + "%" : ""));
        }
        if (rateKbit > 0) {
            parts.add("rate " + rateKbit + "kbit" + (burstBytes > 0 ? " burst " + burstBytes + "b" : ""));
        }
        if (!delay.isZero()) {
            parts.add("delay " + delay.toMillis() + "ms" + (jitter.isZero() ? "" : " " + jitter.toMillis() + "ms")
                    + (delayCorrelation > 0 ? " " + delayCorrelation + "%" : "")
                    + (distribution != DelayDistribution.UNIFORM ? " distribution " + distribution : ""));
        }
        if (duplicatePercent > 0) {
            parts.add("duplicate " + duplicatePercent + "%");
        }
        if (corruptPercent > 0) {
            parts.add("corrupt " + corruptPercent + "%");
        }
        if (reorderPercent > 0) {
            parts.add(
                    "reorder " + reorderPercent + "%" + (reorderCorrelation > 0 ? " " + reorderCorrelation + "%" : ""));
        }
        return parts.isEmpty() ? "none" : String.join(" ", parts);
    }
}
