package io.netns4j.bench;

import java.util.List;
import java.util.Locale;

/** Order statistics of the benchmarks' samples (nanoseconds), nearest rank. */
final class Stats {

    private Stats() {
    }

    static long median(List<Long> samples) {
        return percentile(samples, 0.5);
    }

    static long percentile(List<Long> samples, double q) {
        long[] s = samples.stream().mapToLong(Long::longValue).sorted().toArray();
        int rank = (int) Math.ceil(q * s.length);
        return s[Math.max(0, Math.min(s.length - 1, rank - 1))];
    }

    /** Nanoseconds as milliseconds with two decimals. */
    static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos / 1e6);
    }
}
