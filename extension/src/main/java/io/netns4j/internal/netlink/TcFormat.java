package io.netns4j.internal.netlink;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * How tc writes numbers: the arguments of a {@code tc} command (for the descriptions of requests) and what
 * {@code tc qdisc show} prints (for the decoders' {@code toString}), the latter as iproute2 6.1 formats them.
 */
public final class TcFormat {

    private TcFormat() {
    }

    // ---- command arguments, as a person would type them

    /** A rate in bit/s as a tc argument: {@code 1mbit}, {@code 40gbit}, {@code 1500kbit}, {@code 12345bit}. */
    public static String rateArg(long bitsPerSecond) {
        long[] scales = { 1_000_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L };
        String[] names = { "tbit", "gbit", "mbit", "kbit" };
        for (int i = 0; i < scales.length; i++) {
            if (bitsPerSecond >= scales[i] && bitsPerSecond % scales[i] == 0) {
                return bitsPerSecond / scales[i] + names[i];
            }
        }
        return bitsPerSecond + "bit";
    }

    /** A time in microseconds as a tc argument: {@code 2s}, {@code 400ms}, {@code 150us}. */
    public static String timeArg(long microseconds) {
        if (microseconds != 0 && microseconds % 1_000_000 == 0) {
            return microseconds / 1_000_000 + "s";
        }
        if (microseconds != 0 && microseconds % 1_000 == 0) {
            return microseconds / 1_000 + "ms";
        }
        return microseconds + "us";
    }

    /** A percentage as a tc argument: {@code 5%}, {@code 0.1%}. */
    public static String percentArg(double percent) {
        return BigDecimal.valueOf(percent).stripTrailingZeros().toPlainString() + "%";
    }

    // ---- what tc qdisc show prints

    /**
     * A rate in bytes/s as tc prints it ({@code print_rate}, SI units): {@code 1Mbit}, {@code 40Gbit},
     * {@code 1500Kbit}; a unit is taken only if the rate is a whole number of it, or at least 1000 of it.
     */
    public static String rate(long bytesPerSecond) {
        String[] units = { "", "K", "M", "G", "T" };
        long rate = bytesPerSecond << 3;
        int i = 0;
        for (; i < units.length - 1; i++) {
            if (Long.compareUnsigned(rate, 1000) < 0) {
                break;
            }
            if (Long.remainderUnsigned(rate, 1000) != 0 && Long.compareUnsigned(rate, 1000 * 1000) < 0) {
                break;
            }
            rate = Long.divideUnsigned(rate, 1000);
        }
        return Long.toUnsignedString(rate) + units[i] + "bit";
    }

    /** A size in bytes as tc prints it ({@code sprint_size}): {@code 4Kb}, {@code 1Mb}, {@code 1540b}. */
    public static String size(int bytes) {
        long sz = Integer.toUnsignedLong(bytes);
        double tmp = sz;
        long kilo = 1024;
        long mega = kilo * kilo;
        if (sz >= mega && Math.abs(mega * Math.rint(tmp / mega) - sz) < 1024) {
            return g(Math.rint(tmp / mega), 6) + "Mb";
        }
        if (sz >= kilo && Math.abs(kilo * Math.rint(tmp / kilo) - sz) < 16) {
            return g(Math.rint(tmp / kilo), 6) + "Kb";
        }
        return sz + "b";
    }

    /** A time in microseconds as tc prints it ({@code sprint_time}): {@code 400ms}, {@code 1.5s}, {@code 150us}. */
    public static String time(int microseconds) {
        double tmp = Integer.toUnsignedLong(microseconds);
        if (tmp >= Psched.TIME_UNITS_PER_SEC) {
            return g(tmp / Psched.TIME_UNITS_PER_SEC, 3) + "s";
        }
        if (tmp >= Psched.TIME_UNITS_PER_SEC / 1000) {
            return g(tmp / (Psched.TIME_UNITS_PER_SEC / 1000), 3) + "ms";
        }
        return Integer.toUnsignedString(microseconds) + "us";
    }

    /** A time in nanoseconds as tc prints it ({@code sprint_time64}): {@code 50ms}, {@code 1.5s}, {@code 10us}. */
    public static String time64(long nanoseconds) {
        double nsec = nanoseconds;
        if (nanoseconds >= 1_000_000_000L) {
            return g(nsec / 1_000_000_000L, 3) + "s";
        }
        if (nanoseconds >= 1_000_000L) {
            return g(nsec / 1_000_000L, 3) + "ms";
        }
        if (nanoseconds >= 1_000L) {
            return g(nsec / 1_000L, 3) + "us";
        }
        return nanoseconds + "ns";
    }

    /** A fraction of {@code 2^32 - 1} as tc prints a probability: {@code 5%}, {@code 0.1%}, {@code 25%}. */
    public static String percent(int scaled) {
        return g(100.0 * Integer.toUnsignedLong(scaled) / 0xFFFFFFFFL, 6) + "%";
    }

    /**
     * C's {@code %.Pg}: {@code precision} significant digits, trailing zeros dropped, scientific notation when the
     * exponent is below -4 or at least the precision. Rounds the exact binary value half to even, as glibc does.
     */
    static String g(double value, int precision) {
        if (value == 0) {
            return "0";
        }
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.isNaN(value) ? "nan" : value > 0 ? "inf" : "-inf";
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(precision, RoundingMode.HALF_EVEN));
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent < -4 || exponent >= precision) {
            BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
            String e = String.format("%02d", Math.abs(exponent));
            return mantissa.toPlainString() + "e" + (exponent < 0 ? "-" : "+") + e;
        }
        return rounded.stripTrailingZeros().toPlainString();
    }
}
