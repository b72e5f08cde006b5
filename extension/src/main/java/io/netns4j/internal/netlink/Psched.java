package io.netns4j.internal.netlink;

/**
 * The packet scheduler's clock, as the kernel describes it in {@code /proc/net/psched}, and the conversions tc makes
 * with it between microseconds, scheduler ticks and bytes. Several qdisc parameters travel in ticks (TBF's buffer,
 * netem's latency and jitter); tc computes them from this file, and so must an encoder that sends the same bytes.
 *
 * <p>
 * The arithmetic is tc's own ({@code tc/tc_core.c} of iproute2): double-precision products truncated to unsigned 32-bit
 * integers. On Linux since 2.6.31 the file reads {@code 000003e8 00000040 000f4240 3b9aca00}: a tick is 64 ns, 15.625
 * ticks a microsecond.
 *
 * @param t2us
 *            the first field ({@code NSEC_PER_USEC} in the kernel)
 * @param us2t
 *            the second field (nanoseconds per tick)
 * @param clockRes
 *            the third field (1000000 on every kernel since 2.6.31)
 */
public record Psched(int t2us, int us2t, int clockRes) {

    /** tc's {@code TIME_UNITS_PER_SEC}: its times are microseconds. */
    public static final int TIME_UNITS_PER_SEC = 1_000_000;

    public Psched {
        if (t2us == 0 || us2t == 0 || clockRes == 0) {
            throw new IllegalArgumentException(
                    "/proc/net/psched fields must not be zero: " + t2us + " " + us2t + " " + clockRes);
        }
    }

    /**
     * Reads the content of {@code /proc/net/psched}: at least three hexadecimal fields.
     *
     * @throws IllegalArgumentException
     *             naming the text if it is not that
     */
    public static Psched parse(String text) {
        String[] f = text.trim().split("\\s+");
        if (f.length < 3) {
            throw new IllegalArgumentException(
                    "/proc/net/psched should hold at least three hexadecimal numbers, but reads \"" + text.trim()
                            + "\"");
        }
        try {
            return new Psched(Integer.parseUnsignedInt(f[0], 16), Integer.parseUnsignedInt(f[1], 16),
                    Integer.parseUnsignedInt(f[2], 16));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "/proc/net/psched should hold hexadecimal numbers, but reads \"" + text.trim() + "\"", e);
        }
    }

    /**
     * Ticks per microsecond ({@code tick_in_usec}). A clock resolution of 10^9 is the kernel's hint to old tools that
     * the tick multiplier means 1; tc honours it, and so does this.
     */
    public double tickInUsec() {
        int t2 = Integer.toUnsignedLong(clockRes) == 1_000_000_000L ? us2t : t2us;
        double clockFactor = (double) Integer.toUnsignedLong(clockRes) / TIME_UNITS_PER_SEC;
        return (double) Integer.toUnsignedLong(t2) / Integer.toUnsignedLong(us2t) * clockFactor;
    }

    /** Microseconds to ticks ({@code tc_core_time2tick}). */
    public int timeToTicks(int microseconds) {
        return toU32(Integer.toUnsignedLong(microseconds) * tickInUsec());
    }

    /** Whether a time in microseconds is too large for a 32-bit tick count ({@code tc_core_time2big}). */
    public boolean tooLargeForTicks(int microseconds) {
        long ticks = (long) (Integer.toUnsignedLong(microseconds) * tickInUsec());
        return (ticks >>> 32) != 0;
    }

    /** Ticks to microseconds ({@code tc_core_tick2time}). */
    public int ticksToTime(int ticks) {
        return toU32(Integer.toUnsignedLong(ticks) / tickInUsec());
    }

    /** The ticks it takes to send {@code size} bytes at {@code rate} bytes/s ({@code tc_calc_xmittime}). */
    public int transmitTime(long rate, int size) {
        return timeToTicks(toU32(TIME_UNITS_PER_SEC * ((double) Integer.toUnsignedLong(size) / (double) rate)));
    }

    /** The bytes sent in {@code ticks} at {@code rate} bytes/s ({@code tc_calc_xmitsize}). */
    public int transmitSize(long rate, int ticks) {
        return toU32(((double) rate * Integer.toUnsignedLong(ticksToTime(ticks))) / TIME_UNITS_PER_SEC);
    }

    /**
     * A double converted to an unsigned 32-bit integer as C does it on x86-64 (truncated towards zero through a 64-bit
     * integer, the low 32 bits kept). Callers keep their values in range; this only makes the bits equal to tc's.
     */
    static int toU32(double value) {
        return (int) (long) value;
    }

    @Override
    public String toString() {
        return String.format("%08x %08x %08x", t2us, us2t, clockRes);
    }
}
