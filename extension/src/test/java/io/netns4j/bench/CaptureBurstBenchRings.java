package io.netns4j.bench;

import io.netns4j.NetNs;
import io.netns4j.Topology;
import io.netns4j.internal.sys.PacketSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A companion of {@link CaptureBurstBench} (run by {@code ci/bench-capture --rings}): how many frames of a burst can a
 * {@code TPACKET_V3} ring hold when its reader does not read at all during the burst (a GC pause, a descheduled thread,
 * a JIT that has not compiled the reader yet), for netns4j's ring (16 blocks of 1 MiB, retire 4 ms) and for
 * alternatives. Uses the library's own {@link PacketSocket} with other parameters; nothing of the library is changed.
 *
 * <p>
 * Why it matters: the kernel closes ("retires") the block it is filling when the block is full <em>or</em> when the
 * retire timeout expires, whichever comes first, and a retired block stays closed until the reader hands it back. Below
 * {@code blockSize / retire} bytes per second (1 MiB / 4 ms = 262 MB/s for netns4j) blocks are retired part-empty, so a
 * stalled reader can be away for at most {@code blocks x retire} (16 x 4 ms = 64 ms) before the kernel drops frames,
 * however much of the 16 MiB is still free. tcpdump's libpcap, by contrast, uses blocks of 256 KiB ({@code -B 16384}:
 * 64 of them) and tcpdump's 1000 ms timeout.
 *
 * <p>
 * For each variant and payload size: a fresh veth pair, ARP resolved first, the ring opened on the receiver's eth0, a
 * burst of N datagrams sent at full speed with nobody reading the ring, a pause of twice the retire timeout (so the
 * last block is retired), then the ring read and its {@code PACKET_STATISTICS} taken.
 */
public final class CaptureBurstBenchRings {

    /** A ring configuration. */
    record Ring(String label, int blockSize, int blockCount, int retireMillis) {
        long bytes() {
            return (long) blockSize * blockCount;
        }
    }

    static final List<Ring> RINGS = List.of(new Ring("netns4j today: 16 x 1 MiB, retire 4 ms", 1 << 20, 16, 4),
            new Ring("64 x 256 KiB, retire 4 ms (same 16 MiB)", 256 << 10, 64, 4),
            new Ring("16 x 1 MiB, retire 64 ms", 1 << 20, 16, 64),
            new Ring("128 x 256 KiB, retire 4 ms (32 MiB)", 256 << 10, 128, 4),
            new Ring("128 x 128 KiB, retire 8 ms (same 16 MiB)", 128 << 10, 128, 8),
            new Ring("64 x 256 KiB, retire 16 ms (same 16 MiB)", 256 << 10, 64, 16),
            new Ring("64 x 256 KiB, retire 32 ms (same 16 MiB)", 256 << 10, 64, 32),
            new Ring("tcpdump -B 16384: 64 x 256 KiB, retire 1000 ms", 256 << 10, 64, 1000));

    private CaptureBurstBenchRings() {
    }

    public static void main(String[] args) throws Exception {
        int count = 10_000;
        int[] sizes = { 64, 1400 };
        int repeats = 3;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
            case "--count", "-c" -> count = Integer.parseInt(args[++i]);
            case "--sizes" -> sizes = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
            case "--repeats", "-n" -> repeats = Integer.parseInt(args[++i]);
            default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        run(count, sizes, repeats);
    }

    static void run(int count, int[] sizes, int repeats) throws Exception {
        System.out.printf(Locale.ROOT,
                "Ring capacity with a stalled reader: bursts of %d datagrams, nobody reading the ring during the"
                        + " burst (%d repeats each; held = frames of the burst in the ring afterwards)%n",
                count, repeats);
        String head = String.format(Locale.ROOT, "%-48s %5s | %8s | %17s | %17s | %s", "ring", "bytes", "send/s",
                "held (min..max)", "dropped (min..max)", "bound: blocks x retire x send/s");
        System.out.println(head);
        System.out.println("-".repeat(head.length()));
        for (Ring ring : RINGS) {
            for (int size : sizes) {
                long[] held = new long[repeats];
                long[] dropped = new long[repeats];
                double[] pps = new double[repeats];
                for (int r = 0; r < repeats; r++) {
                    long[] result = once(ring, size, count);
                    held[r] = result[0];
                    dropped[r] = result[1];
                    pps[r] = count / (result[2] / 1e9);
                }
                Arrays.sort(pps);
                double medianPps = pps[pps.length / 2];
                double timeBound = ring.blockCount() * (ring.retireMillis() / 1000.0) * medianPps;
                System.out.printf(Locale.ROOT, "%-48s %5d | %8.0f | %17s | %17s | %.0f%n", ring.label(), size,
                        medianPps, range(held), range(dropped), timeBound);
            }
        }
    }

    /** One burst into a ring nobody reads: {@code [frames of the burst held, drops, send nanoseconds]}. */
    private static long[] once(Ring ring, int size, int count) throws Exception {
        int port = 9500;
        try (Topology net = Topology.builder().namespace("sender").namespace("receiver")
                .veth("sender", "10.0.0.1/24", "receiver", "10.0.0.2/24").build()) {
            NetNs sender = net.ns("sender");
            NetNs receiver = net.ns("receiver");
            if (!sender.ping("10.0.0.2", 1, Duration.ofSeconds(2)).allReceived()) {
                throw new IllegalStateException("the receiver does not answer pings");
            }
            int ifindex = receiver.link("eth0").info().index();
            try (DatagramChannel sink = receiver.datagramChannel()) {
                sink.bind(new InetSocketAddress("10.0.0.2", port)); // no ICMP port unreachable answers
                PacketSocket socket = receiver.run(() -> PacketSocket.open(ifindex, ring.blockSize(), ring.blockCount(),
                        ring.retireMillis(), "ring study on eth0"));
                try {
                    long nanos = send(sender, port, size, count);
                    Thread.sleep(Math.max(50, 2L * ring.retireMillis()));
                    long[] held = { 0 };
                    socket.drain(f -> {
                        if (isUdpTo(f.linkLayer(), port)) {
                            held[0]++;
                        }
                    });
                    long[] stats = socket.statistics();
                    return new long[] { held[0], stats[1], nanos };
                } finally {
                    socket.close();
                }
            }
        }
    }

    /** An Ethernet/IPv4/UDP frame to {@code port}. */
    private static boolean isUdpTo(byte[] f, int port) {
        if (f.length < 14 + 20 + 8 || f[12] != 0x08 || f[13] != 0x00 || f[14 + 9] != 17) {
            return false;
        }
        int ihl = (f[14] & 0x0f) * 4;
        int o = 14 + ihl + 2;
        return f.length >= o + 2 && ((f[o] & 0xff) << 8 | (f[o + 1] & 0xff)) == port;
    }

    private static long send(NetNs sender, int port, int size, int count) throws IOException {
        try (DatagramChannel out = sender.datagramChannel()) {
            out.connect(new InetSocketAddress("10.0.0.2", port));
            ByteBuffer buf = ByteBuffer.allocateDirect(size);
            long t0 = System.nanoTime();
            for (int i = 0; i < count; i++) {
                buf.clear();
                buf.putInt(0, i).position(size).flip();
                out.write(buf);
            }
            return System.nanoTime() - t0;
        }
    }

    private static String range(long[] values) {
        long min = Arrays.stream(values).min().orElse(0);
        long max = Arrays.stream(values).max().orElse(0);
        return min == max ? Long.toString(min) : min + ".." + max;
    }
}
