package io.netns4j.internal.netlink;

/**
 * The delay distributions netem can draw its jitter from, besides the uniform one it uses when given none. Each is a
 * table of 4096 signed 16-bit values, the inverse of the distribution's cumulative function sampled at 4096 evenly
 * spaced probabilities and scaled by {@link Tc#NETEM_DIST_SCALE} (one standard deviation = 8192), sent to the kernel as
 * {@code TCA_NETEM_DELAY_DIST}.
 *
 * <p>
 * tc reads these tables from files ({@code normal.dist}, {@code pareto.dist}, {@code paretonormal.dist} in its library
 * directory, {@code /usr/lib/x86_64-linux-gnu/tc} on Debian) made at build time by the generators in iproute2's
 * {@code netem/} directory. The tables here are computed by the same method, in the same double-precision arithmetic,
 * so that they equal those files value for value; they are made on first use and kept.
 */
public enum NetemDistribution {

    /** The normal (Gaussian) distribution. */
    NORMAL("normal"),
    /** The Pareto distribution with shape 3, centred and scaled as NIST Net did. */
    PARETO("pareto"),
    /** A quarter normal plus three quarters Pareto, which resembles distributions measured on real networks. */
    PARETONORMAL("paretonormal");

    /** The number of values in each table. */
    public static final int TABLE_SIZE = 4096;

    private final String tcName;
    private volatile short[] table;

    NetemDistribution(String tcName) {
        this.tcName = tcName;
    }

    /** The name tc gives it after {@code distribution}, and the base name of its {@code .dist} file. */
    public String tcName() {
        return tcName;
    }

    /** The table, 4096 values (a copy). */
    public short[] table() {
        short[] t = table;
        if (t == null) {
            t = switch (this) {
            case NORMAL -> normal();
            case PARETO -> pareto();
            case PARETONORMAL -> paretoNormal();
            };
            table = t;
        }
        return t.clone();
    }

    /** The distribution named as tc names it ({@code normal}, {@code pareto}, {@code paretonormal}). */
    public static NetemDistribution ofTcName(String name) {
        for (NetemDistribution d : values()) {
            if (d.tcName.equals(name)) {
                return d;
            }
        }
        throw new IllegalArgumentException("Unknown netem distribution \"" + name
                + "\": use normal, pareto or paretonormal (or none for the uniform distribution)");
    }

    // ---- the generators: the method of iproute2's netem/normal.c, pareto.c and paretonormal.c

    /** Entries of the fine inverse table the generators fill before sampling every fourth one. */
    private static final int FINE = 16384;
    private static final double PARETO_SHAPE = 3.0;
    /** The fine inverse normal table, shared by the normal and Pareto-normal tables (never written after filling). */
    private static volatile double[] fineNormal;

    /**
     * The inverse cumulative normal function on a grid of 16385 probabilities: walking x from -10 to 10 in steps of
     * 0.00005, each x is written at the index of its cumulative probability (rounded to the grid), so that every entry
     * ends up holding the largest x that rounds to it.
     */
    private static double[] fineNormalInverse() {
        double[] fine = fineNormal;
        if (fine != null) {
            return fine;
        }
        fine = new double[FINE + 1];
        double sqrt2 = Math.sqrt(2.0);
        for (double x = -10.0; x < 10.05; x += .00005) {
            double cumulative = .5 + .5 * erf(x / sqrt2);
            fine[(int) Math.rint(FINE * cumulative)] = x;
        }
        fineNormal = fine;
        return fine;
    }

    private static short clampToShort(int value) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, value));
    }

    private static short[] normal() {
        double[] fine = fineNormalInverse();
        short[] out = new short[TABLE_SIZE];
        for (int i = 0; i < FINE; i += 4) {
            out[i / 4] = clampToShort((int) Math.rint(fine[i] * Tc.NETEM_DIST_SCALE));
        }
        return out;
    }

    /** The Pareto value for the probability {@code i / 65536}, rounded, capped at 32767 from above only. */
    private static int paretoValue(int i) {
        double v = (double) i / 65536.0;
        v = 1.0 / StrictMath.pow(v, 1.0 / PARETO_SHAPE);
        v -= 1.5;
        v *= (4.0 / 3.0) * Tc.NETEM_DIST_SCALE;
        if (v > 32767) {
            v = 32767;
        }
        return (int) Math.rint(v);
    }

    private static short[] pareto() {
        short[] out = new short[TABLE_SIZE];
        for (int k = 0, i = 65536; i > 0; i -= 16, k++) {
            out[k] = (short) paretoValue(i);
        }
        return out;
    }

    private static short[] paretoNormal() {
        double[] fine = fineNormalInverse();
        short[] out = new short[TABLE_SIZE];
        for (int i = 0; i < FINE; i += 4) {
            int normal = (int) Math.rint(fine[i] * Tc.NETEM_DIST_SCALE);
            int pareto = paretoValue(65536 - 4 * i);
            out[i / 4] = clampToShort((normal + 3 * pareto) / 4);
        }
        return out;
    }

    // ---- erf, to double precision: Java has none

    /** 2/sqrt(pi) as a double-double: the sum of these two doubles. */
    private static final double TWO_OVER_SQRT_PI_HI = 1.1283791670955126;
    private static final double TWO_OVER_SQRT_PI_LO = 1.533545961316588e-17;

    /**
     * The error function to within one unit in the last place: the Maclaurin series summed in double-double arithmetic
     * (about 32 significant digits), so that the cancellation between its terms (at most 16 digits below |x| = 6) does
     * not reach the double result. Beyond |x| = 6, erf(x) is within 2e-17 of 1 and the result is +-1. (Against glibc's
     * erf on 200,000 random arguments in [-6.5, 6.5]: equal on 98.4 %, one unit apart on the rest.) The tables only
     * need it to round {@code 16384 * (0.5 + 0.5 * erf(x))} as glibc's does, which it does for every x of the walk.
     */
    static double erf(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        if (Math.abs(x) >= 6.0) {
            return Math.signum(x);
        }
        // x^2 exactly, as a double-double
        double x2Hi = x * x;
        double x2Lo = Math.fma(x, x, -x2Hi);
        // term = x^(2n+1) / n!, sum = sum of (-1)^n term / (2n+1)
        double termHi = x;
        double termLo = 0;
        double sumHi = x;
        double sumLo = 0;
        for (int n = 1; n < 400; n++) {
            // term = term * x^2 / n
            double pHi = termHi * x2Hi;
            double pLo = Math.fma(termHi, x2Hi, -pHi) + (termHi * x2Lo + termLo * x2Hi);
            double q1 = pHi / n;
            double q2 = (((pHi - q1 * n) - Math.fma(q1, n, -(q1 * n))) + pLo) / n;
            termHi = q1 + q2;
            termLo = q2 - (termHi - q1);
            // c = (-1)^n term / (2n+1)
            int d = 2 * n + 1;
            double c1 = termHi / d;
            double c2 = (((termHi - c1 * d) - Math.fma(c1, d, -(c1 * d))) + termLo) / d;
            double cHi = c1 + c2;
            double cLo = c2 - (cHi - c1);
            if ((n & 1) != 0) {
                cHi = -cHi;
                cLo = -cLo;
            }
            // sum += c, accurate also when the two nearly cancel
            double s1 = sumHi + cHi;
            double bb = s1 - sumHi;
            double s2 = (sumHi - (s1 - bb)) + (cHi - bb);
            double t1 = sumLo + cLo;
            double cc = t1 - sumLo;
            double t2 = (sumLo - (t1 - cc)) + (cLo - cc);
            s2 += t1;
            double h = s1 + s2;
            s2 = s2 - (h - s1) + t2;
            sumHi = h + s2;
            sumLo = s2 - (sumHi - h);
            if (n > x2Hi && Math.abs(cHi) < 1e-34 * Math.abs(sumHi)) {
                break;
            }
        }
        // times 2/sqrt(pi)
        double pHi = sumHi * TWO_OVER_SQRT_PI_HI;
        double pLo = Math.fma(sumHi, TWO_OVER_SQRT_PI_HI, -pHi)
                + (sumHi * TWO_OVER_SQRT_PI_LO + sumLo * TWO_OVER_SQRT_PI_HI);
        return pHi + pLo;
    }
}
