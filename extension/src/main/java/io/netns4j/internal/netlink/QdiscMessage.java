package io.netns4j.internal.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;

/**
 * A decoded {@code RTM_NEWQDISC} (or {@code RTM_DELQDISC}) message: one qdisc, what {@code tc qdisc show} prints of it.
 * {@link #toString()} prints it the way tc 6.1 does ({@code qdisc tbf 1: root refcnt 2 rate 1Mbit burst 4Kb lat
 * 400ms}), for TBF and netem with their options, and for other kinds without.
 *
 * @param ifindex
 *            the device's index
 * @param handle
 *            the qdisc's handle ({@code 0x10000} is {@code 1:}); 0 for a device's default qdisc
 * @param parent
 *            {@link Tc#TC_H_ROOT} or the class it hangs from
 * @param info
 *            {@code tcm_info}: the reference count of a root qdisc (tc prints it unless it is 1)
 * @param kind
 *            {@code TCA_KIND}: {@code tbf}, {@code netem}, {@code noqueue}...
 * @param tbf
 *            the TBF options, for a {@code tbf}; else null
 * @param netem
 *            the netem options, for a {@code netem}; else null
 * @param stats
 *            the counters of {@code TCA_STATS}, or null if the message has none
 */
public record QdiscMessage(int type, int ifindex, int handle, int parent, int info, String kind, Tbf tbf, Netem netem,
        Stats stats) {

    /**
     * Decodes a qdisc message. Never throws on a short or odd message: what is missing reads as zero.
     *
     * @param psched
     *            the kernel's scheduler clock, to turn the ticks of the options into times and sizes
     */
    public static QdiscMessage decode(Message m, Psched psched) {
        ByteBuffer h = m.headers(Tc.TCMSG_LEN);
        int base = Nl.NLMSG_HDRLEN;
        Attributes a = m.attributes(Tc.TCMSG_LEN);
        String kind = a.string(Tc.TCA_KIND);
        kind = kind == null ? "" : kind;
        Tbf tbf = null;
        Netem netem = null;
        if (kind.equals("tbf") && a.has(Tc.TCA_OPTIONS)) {
            tbf = Tbf.decode(a.nested(Tc.TCA_OPTIONS), psched);
        } else if (kind.equals("netem") && a.has(Tc.TCA_OPTIONS)) {
            netem = Netem.decode(a.get(Tc.TCA_OPTIONS), psched);
        }
        return new QdiscMessage(m.type(), h.getInt(base + 4), h.getInt(base + 8), h.getInt(base + 12),
                h.getInt(base + 16), kind, tbf, netem, Stats.decode(a.get(Tc.TCA_STATS)));
    }

    /** Whether this qdisc sits at the device's root. */
    public boolean isRoot() {
        return parent == Tc.TC_H_ROOT;
    }

    /** Whether this is a device's default qdisc (handle 0), which {@code tc qdisc del ... root} cannot remove. */
    public boolean isDefault() {
        return handle == 0;
    }

    /** As {@code tc qdisc show dev DEVICE} prints it (without the device, as tc does when given one). */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (type == Tc.RTM_DELQDISC) {
            sb.append("deleted ");
        }
        sb.append("qdisc ").append(kind).append(' ').append(Tc.qdiscHandle(handle)).append(' ');
        if (parent == Tc.TC_H_ROOT) {
            sb.append("root ");
        } else if (parent != 0) {
            sb.append("parent ").append(Tc.classId(parent)).append(' ');
        }
        if (info != 1) {
            sb.append("refcnt ").append(Integer.toUnsignedString(info)).append(' ');
        }
        if (tbf != null) {
            sb.append(tbf);
        } else if (netem != null) {
            sb.append(netem);
        }
        return sb.toString().stripTrailing();
    }

    /**
     * The counters {@code tc -s qdisc show} prints:
     * {@code Sent 123 bytes 4 pkt (dropped 0, overlimits 0) backlog 0b 0p}.
     */
    public record Stats(long bytes, int packets, int drops, int overlimits, int qlen, int backlog) {

        static Stats decode(ByteBuffer b) {
            // struct tc_stats: bytes u64, packets, drops, overlimits, bps, pps, qlen, backlog
            if (b == null || b.remaining() < 36) {
                return null;
            }
            return new Stats(b.getLong(0), b.getInt(8), b.getInt(12), b.getInt(16), b.getInt(28), b.getInt(32));
        }

        @Override
        public String toString() {
            return "Sent " + Long.toUnsignedString(bytes) + " bytes " + Integer.toUnsignedString(packets)
                    + " pkt (dropped " + Integer.toUnsignedString(drops) + ", overlimits "
                    + Integer.toUnsignedString(overlimits) + ") backlog " + TcFormat.size(backlog) + " "
                    + Integer.toUnsignedString(qlen) + "p";
        }
    }

    /**
     * The options of a TBF, as {@code TCA_TBF_PARMS} and {@code TCA_TBF_RATE64} give them, turned into sizes and times
     * with the scheduler clock the way tc does to print them.
     *
     * @param rateBytesPerSecond
     *            the rate, from {@code TCA_TBF_RATE64} when the 32-bit one is saturated
     * @param burstBytes
     *            the bucket, computed from the buffer in ticks ({@code tc_calc_xmitsize})
     * @param limitBytes
     *            the queue size
     * @param latencyMicros
     *            how long a full queue takes to drain, minus the burst's time: what tc prints as {@code lat} (negative
     *            when the limit is below the burst; tc then prints the limit)
     * @param peakRateBytesPerSecond
     *            the peak rate, 0 if none
     * @param minburstBytes
     *            the peak rate's bucket, 0 if none
     * @param bufferTicks
     *            the bucket in scheduler ticks, as sent
     */
    public record Tbf(long rateBytesPerSecond, int burstBytes, int limitBytes, double latencyMicros,
            long peakRateBytesPerSecond, int minburstBytes, int overhead, int linklayer, int bufferTicks) {

        static Tbf decode(Attributes o, Psched psched) {
            ByteBuffer p = o.get(Tc.TCA_TBF_PARMS);
            if (p == null || p.remaining() < Tc.TC_TBF_QOPT_LEN) {
                return new Tbf(0, 0, 0, -1, 0, 0, 0, 0, 0);
            }
            long rate = Integer.toUnsignedLong(p.getInt(8));
            ByteBuffer r64 = o.get(Tc.TCA_TBF_RATE64);
            if (r64 != null && r64.remaining() >= 8) {
                rate = r64.getLong(0);
            }
            long prate = Integer.toUnsignedLong(p.getInt(Tc.TC_RATESPEC_LEN + 8));
            ByteBuffer p64 = o.get(Tc.TCA_TBF_PRATE64);
            if (p64 != null && p64.remaining() >= 8) {
                prate = p64.getLong(0);
            }
            int limit = p.getInt(2 * Tc.TC_RATESPEC_LEN);
            int buffer = p.getInt(2 * Tc.TC_RATESPEC_LEN + 4);
            int mtu = p.getInt(2 * Tc.TC_RATESPEC_LEN + 8);
            int burst = psched.transmitSize(rate, buffer);
            int minburst = prate != 0 && mtu != 0 ? psched.transmitSize(prate, mtu) : 0;
            double latency = Psched.TIME_UNITS_PER_SEC * (Integer.toUnsignedLong(limit) / (double) rate)
                    - Integer.toUnsignedLong(psched.ticksToTime(buffer));
            if (prate != 0) {
                double lat2 = Psched.TIME_UNITS_PER_SEC * (Integer.toUnsignedLong(limit) / (double) prate)
                        - Integer.toUnsignedLong(psched.ticksToTime(mtu));
                latency = Math.max(latency, lat2);
            }
            return new Tbf(rate, burst, limit, latency, prate, minburst, Short.toUnsignedInt(p.getShort(2)),
                    p.get(1) & Tc.TC_LINKLAYER_MASK, buffer);
        }

        /** As tc prints it: {@code rate 1Mbit burst 4Kb lat 400ms}. */
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            sb.append("rate ").append(TcFormat.rate(rateBytesPerSecond)).append(" burst ")
                    .append(TcFormat.size(burstBytes)).append(' ');
            if (peakRateBytesPerSecond != 0) {
                sb.append("peakrate ").append(TcFormat.rate(peakRateBytesPerSecond)).append(' ');
                if (minburstBytes != 0) {
                    sb.append("minburst ").append(TcFormat.size(minburstBytes)).append(' ');
                }
            }
            if (latencyMicros >= 0.0) {
                sb.append("lat ").append(TcFormat.time(Psched.toU32(latencyMicros))).append(' ');
            } else {
                sb.append("limit ").append(TcFormat.size(limitBytes)).append(' ');
            }
            if (overhead != 0) {
                sb.append("overhead ").append(overhead).append(' ');
            }
            if (linklayer > Tc.TC_LINKLAYER_ETHERNET) {
                sb.append("linklayer atm ");
            }
            return sb.toString();
        }
    }

    /**
     * The options of a netem: the {@code struct tc_netem_qopt} that starts {@code TCA_OPTIONS} and the attributes after
     * it. Probabilities are fractions of 2^32 - 1 as sent; {@link #percent(int)} turns one into a percentage.
     *
     * @param delayNanos
     *            the delay: {@code TCA_NETEM_LATENCY64} when present (kernels since 4.15 send it), else the ticks of
     *            the struct
     * @param jitterNanos
     *            likewise
     * @param delayTicks
     *            the delay in ticks of the struct, which tc prints
     * @param jitterTicks
     *            likewise
     * @param rateBytesPerSecond
     *            netem's own rate, 0 if none
     */
    public record Netem(int limit, long delayNanos, long jitterNanos, int delayTicks, int jitterTicks, int loss,
            int gap, int duplicate, int delayCorrelation, int lossCorrelation, int duplicateCorrelation, int reorder,
            int reorderCorrelation, int corrupt, int corruptCorrelation, long rateBytesPerSecond, int packetOverhead,
            int cellSize, int cellOverhead, boolean ecn, Psched psched) {

        static Netem decode(ByteBuffer options, Psched psched) {
            if (options.remaining() < Tc.TC_NETEM_QOPT_LEN) {
                return new Netem(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, false, psched);
            }
            ByteBuffer q = options.duplicate().order(ByteOrder.LITTLE_ENDIAN);
            int latency = q.getInt(0);
            int limit = q.getInt(4);
            int loss = q.getInt(8);
            int gap = q.getInt(12);
            int duplicate = q.getInt(16);
            int jitter = q.getInt(20);
            Attributes a = Attributes.parse(q, Tc.TC_NETEM_QOPT_LEN, q.limit());
            long delayNs = s64(a.get(Tc.TCA_NETEM_LATENCY64),
                    Integer.toUnsignedLong(psched.ticksToTime(latency)) * 1000);
            long jitterNs = s64(a.get(Tc.TCA_NETEM_JITTER64),
                    Integer.toUnsignedLong(psched.ticksToTime(jitter)) * 1000);
            int[] corr = ints(a.get(Tc.TCA_NETEM_CORR), 3);
            int[] reorder = ints(a.get(Tc.TCA_NETEM_REORDER), 2);
            int[] corrupt = ints(a.get(Tc.TCA_NETEM_CORRUPT), 2);
            int[] rate = ints(a.get(Tc.TCA_NETEM_RATE), 4);
            long rateBytes = s64(a.get(Tc.TCA_NETEM_RATE64), Integer.toUnsignedLong(rate[0]));
            return new Netem(limit, delayNs, jitterNs, latency, jitter, loss, gap, duplicate, corr[0], corr[1], corr[2],
                    reorder[0], reorder[1], corrupt[0], corrupt[1], rateBytes, rate[1], rate[2], rate[3],
                    a.u32(Tc.TCA_NETEM_ECN, 0) != 0, psched);
        }

        private static long s64(ByteBuffer b, long absent) {
            return b != null && b.remaining() >= 8 ? b.getLong(0) : absent;
        }

        private static int[] ints(ByteBuffer b, int n) {
            int[] out = new int[n];
            for (int i = 0; b != null && i < n && b.remaining() >= 4 * (i + 1); i++) {
                out[i] = b.getInt(4 * i);
            }
            return out;
        }

        /** A probability as sent (a fraction of 2^32 - 1) in percent. */
        public static double percent(int scaled) {
            return 100.0 * Integer.toUnsignedLong(scaled) / 0xFFFFFFFFL;
        }

        public Duration delay() {
            return Duration.ofNanos(delayNanos);
        }

        public Duration jitter() {
            return Duration.ofNanos(jitterNanos);
        }

        /** As tc 6.1 prints it: {@code limit 1000 delay 50ms  10ms 25% loss 5% 25% ... gap 1}. */
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            sb.append("limit ").append(limit);
            if (delayTicks != 0) {
                sb.append(" delay ").append(TcFormat.time(psched.ticksToTime(delayTicks)));
                if (jitterTicks != 0) {
                    sb.append("  ").append(TcFormat.time(psched.ticksToTime(jitterTicks)));
                    if (delayCorrelation != 0) {
                        sb.append(' ').append(TcFormat.percent(delayCorrelation));
                    }
                }
            }
            probability(sb, "loss", loss, lossCorrelation);
            probability(sb, "duplicate", duplicate, duplicateCorrelation);
            probability(sb, "reorder", reorder, reorderCorrelation);
            probability(sb, "corrupt", corrupt, corruptCorrelation);
            if (rateBytesPerSecond != 0) {
                sb.append(" rate ").append(TcFormat.rate(rateBytesPerSecond));
                if (packetOverhead != 0) {
                    sb.append(" packetoverhead ").append(packetOverhead);
                }
                if (cellSize != 0) {
                    sb.append(" cellsize ").append(Integer.toUnsignedString(cellSize));
                }
                if (cellOverhead != 0) {
                    sb.append(" celloverhead ").append(cellOverhead);
                }
            }
            if (ecn) {
                sb.append(" ecn ");
            }
            if (gap != 0) {
                sb.append(" gap ").append(Integer.toUnsignedString(gap));
            }
            return sb.toString();
        }

        private static void probability(StringBuilder sb, String what, int p, int correlation) {
            if (p != 0) {
                sb.append(' ').append(what).append(' ').append(TcFormat.percent(p));
                if (correlation != 0) {
                    sb.append(' ').append(TcFormat.percent(correlation));
                }
            }
        }
    }
}
