package io.netns4j.internal.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;

/**
 * A token bucket filter: traffic leaves at {@code rate} on average, in bursts of at most {@code burst} bytes, and waits
 * in a queue of {@code limit} bytes (or, given a latency instead, of as many bytes as wait at most that long). What
 * {@code tc qdisc ... tbf rate R burst B (limit L | latency T)} sets.
 *
 * @param rateBitsPerSecond
 *            the rate in bit/s, at least 8; sent to the kernel in bytes/s (rounded down, as tc does)
 * @param burstBytes
 *            the bucket size in bytes; the kernel drops a frame larger than this (a GSO packet is split first), so it
 *            should be at least the device's MTU plus its link-layer header
 * @param limitBytes
 *            the queue size in bytes, or 0 when {@code latency} gives it
 * @param latency
 *            the longest a packet may wait, or null when {@code limitBytes} is given; tc turns it into the limit
 *            {@code rate * latency + burst}, in microseconds
 */
public record TbfSpec(long rateBitsPerSecond, int burstBytes, int limitBytes, Duration latency) implements QdiscSpec {

    /** The longest latency tc can express: 2^32 - 1 microseconds. */
    static final long MAX_MICROS = 0xFFFFFFFFL;

    public TbfSpec {
        if (rateBitsPerSecond < 8) {
            throw new IllegalArgumentException("tbf rate " + rateBitsPerSecond
                    + " bit/s is too low: the kernel counts in bytes per second; give at least 8 bit/s");
        }
        if (burstBytes <= 0) {
            throw new IllegalArgumentException("tbf burst " + burstBytes
                    + " bytes: give a positive number of bytes, at least the largest frame (MTU + 14 on Ethernet)");
        }
        if (limitBytes < 0) {
            throw new IllegalArgumentException("tbf limit " + limitBytes + " bytes must not be negative");
        }
        if ((limitBytes == 0) == (latency == null)) {
            throw new IllegalArgumentException(
                    limitBytes == 0 ? "tbf needs a queue size: give a limit in bytes or a latency"
                            : "tbf takes a limit or a latency, not both (limit " + limitBytes + " bytes, latency "
                                    + latency + ")");
        }
        if (latency != null) {
            long micros = micros(latency);
            if (micros < 1 || micros > MAX_MICROS) {
                throw new IllegalArgumentException("tbf latency " + latency
                        + " is out of range: give between 1 microsecond and " + MAX_MICROS / 1_000_000 + " s");
            }
        }
    }

    /** A TBF whose queue holds what drains in {@code latency}. */
    public static TbfSpec withLatency(long rateBitsPerSecond, int burstBytes, Duration latency) {
        return new TbfSpec(rateBitsPerSecond, burstBytes, 0, latency);
    }

    /** A TBF whose queue holds {@code limitBytes}. */
    public static TbfSpec withLimit(long rateBitsPerSecond, int burstBytes, int limitBytes) {
        return new TbfSpec(rateBitsPerSecond, burstBytes, limitBytes, null);
    }

    /** The burst of {@link #ofRate(long)}: 10 ms worth of traffic, but at least four full Ethernet frames. */
    public static int defaultBurst(long rateBitsPerSecond) {
        long tenMs = rateBitsPerSecond / 8 / 100;
        return (int) Math.min(Integer.MAX_VALUE, Math.max(4 * 1514, tenMs));
    }

    /** The latency of {@link #ofRate(long)}, in milliseconds. */
    public static final int DEFAULT_LATENCY_MS = 100;

    /** The latency of {@link #ofRate(long)}. */
    public static final Duration DEFAULT_LATENCY = Duration.ofMillis(DEFAULT_LATENCY_MS);

    /**
     * A TBF for {@code rateBitsPerSecond} with a burst of 10 ms worth of traffic (at least four full Ethernet frames)
     * and a queue of {@value #DEFAULT_LATENCY_MS} ms. The burst is what absorbs a late timer: a TBF that wakes up later
     * than its bucket covers loses that time's share of the rate (under QEMU's TCG a two-frame bucket cost 9 % of 5
     * Mbit/s, a 25 ms one nothing). The queue is long enough that TCP fills the rate instead of losing its packets to a
     * short queue.
     */
    public static TbfSpec ofRate(long rateBitsPerSecond) {
        return withLatency(rateBitsPerSecond, defaultBurst(rateBitsPerSecond), DEFAULT_LATENCY);
    }

    @Override
    public String kind() {
        return "tbf";
    }

    /** The rate in bytes/s, as the kernel counts it. */
    public long rateBytesPerSecond() {
        return rateBitsPerSecond / 8;
    }

    /**
     * The queue size in bytes the kernel gets: {@code limitBytes}, or what tc computes from the latency,
     * {@code rate * latency + burst}.
     *
     * @throws IllegalArgumentException
     *             if that does not fit the kernel's 32-bit limit
     */
    public int effectiveLimit() {
        if (limitBytes != 0) {
            return limitBytes;
        }
        double limit = (double) rateBytesPerSecond() * (double) micros(latency) / Psched.TIME_UNITS_PER_SEC
                + burstBytes;
        if (limit >= 0x1p32) {
            throw new IllegalArgumentException("tbf latency " + TcFormat.timeArg(micros(latency)) + " at rate "
                    + TcFormat.rateArg(rateBitsPerSecond) + " makes a queue of " + (long) limit
                    + " bytes, more than the kernel's 32-bit limit: give a shorter latency or a limit");
        }
        return Psched.toU32(limit);
    }

    @Override
    public String tcArguments() {
        return "tbf rate " + TcFormat.rateArg(rateBitsPerSecond) + " burst " + burstBytes + "b"
                + (latency != null ? " latency " + TcFormat.timeArg(micros(latency)) : " limit " + limitBytes + "b");
    }

    /**
     * {@code TCA_OPTIONS} as tc writes it: {@code TCA_TBF_PARMS} (a {@code struct tc_tbf_qopt} with the 32-bit rate,
     * the limit and the burst in scheduler ticks), {@code TCA_TBF_BURST}, {@code TCA_TBF_RATE64} when the rate in bytes
     * does not fit 32 bits, and {@code TCA_TBF_RTAB}, the rate table. Kernels since 3.8 compute rates themselves and
     * ignore the table when the rate spec names its link layer (tc names Ethernet), but tc still sends it, and so does
     * this.
     */
    @Override
    public void writeOptions(MessageWriter w, Psched psched) {
        long rate64 = rateBytesPerSecond();
        int rate32 = rate64 >= (1L << 32) ? 0xFFFFFFFF : (int) rate64;
        long rate32u = Integer.toUnsignedLong(rate32);
        int limit = effectiveLimit();
        // cell_log for tc's default MTU of 2047 bytes: the smallest that maps 2047 into 256 cells
        int cellLog = 0;
        while ((2047 >> cellLog) > 255) {
            cellLog++;
        }
        ByteBuffer rtab = ByteBuffer.allocate(Tc.TC_RTAB_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 256; i++) {
            rtab.putInt(psched.transmitTime(rate32u, (i + 1) << cellLog));
        }
        int bufferTicks = psched.transmitTime(rate32u, burstBytes);

        ByteBuffer qopt = ByteBuffer.allocate(Tc.TC_TBF_QOPT_LEN).order(ByteOrder.LITTLE_ENDIAN);
        // struct tc_ratespec rate: cell_log, linklayer, overhead, cell_align, mpu, rate
        qopt.put((byte) cellLog).put((byte) Tc.TC_LINKLAYER_ETHERNET).putShort((short) 0).putShort((short) -1)
                .putShort((short) 0).putInt(rate32);
        // struct tc_ratespec peakrate: none
        qopt.position(qopt.position() + Tc.TC_RATESPEC_LEN);
        qopt.putInt(limit).putInt(bufferTicks).putInt(0);

        int options = w.beginNested(Tc.TCA_OPTIONS);
        w.attr(Tc.TCA_TBF_PARMS, qopt.array());
        w.attrU32(Tc.TCA_TBF_BURST, burstBytes);
        if (rate64 >= (1L << 32)) {
            w.attrU64(Tc.TCA_TBF_RATE64, rate64);
        }
        w.attr(Tc.TCA_TBF_RTAB, rtab.array());
        w.endNested(options);
    }

    static long micros(Duration d) {
        try {
            return d.toNanos() / 1000;
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
