package io.netns4j.bench;

import static io.netns4j.packet.Matchers.udp;

import io.netns4j.Capture;
import io.netns4j.ExecResult;
import io.netns4j.NetNs;
import io.netns4j.NsProcess;
import io.netns4j.Topology;
import io.netns4j.testsupport.Snmp;
import io.netns4j.packet.Packet;
import io.netns4j.packet.PacketMatcher;
import io.netns4j.packet.PcapReader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A benchmark, not a test (it has a {@code main} and no JUnit annotation): does a netns4j {@link Capture} record every
 * packet of a burst sent at full speed, and how does it compare with {@code tcpdump} capturing the same burst, side by
 * side, at the same time, in the same namespace?
 *
 * <pre>
 *   sender 10.0.0.1 ---- veth ---- receiver 10.0.0.2     on the receiver's eth0:
 *   DatagramChannel, tight loop                          - netns4j: receiver.capture("eth0")
 *   of N datagrams to 10.0.0.2:PORT                      - tcpdump -i eth0 -w FILE -U -B KIB -n -Z root
 *                                                        - a UDP socket bound to PORT, counting what arrived
 * </pre>
 *
 * For each iteration and each payload size (a burst): a fresh topology; ARP resolved beforehand with one ping (so no
 * datagram waits in, or is dropped from, the neighbour queue); the receiving socket, the netns4j capture and tcpdump
 * started, tcpdump awaited until it says {@code listening on}; the burst sent (its datagrams numbered, so the socket
 * counts distinct ones); then the captures are given time to drain (until their counts stop growing), tcpdump stopped
 * with SIGTERM and its statistics read from stderr, the netns4j capture closed. Reported per burst:
 * <ul>
 * <li>sent: datagrams the sender's {@code write} accepted, and the send rate (datagrams/s of the loop);</li>
 * <li>the truth of what arrived: the receiver's eth0 {@code rx_packets} delta ({@code /proc/thread-self/net/dev} read
 * inside the namespace; includes the few non-UDP frames, if any), the datagrams read by the socket, and UDP
 * {@code RcvbufErrors} (datagrams the socket's buffer could not take; they still crossed the interface, so the captures
 * should have them);</li>
 * <li>per capture: matching packets recorded ({@code udp().dstPort(PORT)}), drops the kernel reports
 * ({@link Capture#dropped()}; tcpdump's {@code packets dropped by kernel}), whether all N were recorded, and the rate
 * seen on the wire (first to last captured timestamp).</li>
 * </ul>
 * tcpdump's file is counted with netns4j's {@link PcapReader} and, when {@code tshark} is installed, with
 * {@code tshark -r FILE -Y udp.dstport==PORT} as an independent witness.
 *
 * <p>
 * Run it as root with the test classpath: {@code ci/bench-capture [iterations] [--warmup N] [--count N]
 * [--sizes 64,1400] [--tcpdump-buffer KIB] [--no-tshark] [--rings]} (defaults: 5 iterations after 1 warm-up, 10,000
 * datagrams, 64 and 1400 bytes, {@code -B 16384}, the same 16 MiB as netns4j's ring). {@code --rings} then also runs
 * {@link CaptureBurstBenchRings}: how much of a burst rings of other sizes hold while their reader stalls. Everything
 * lives in anonymous namespaces (the kernel removes them when this JVM ends); tcpdump runs inside the receiver
 * namespace and is stopped by its pid (and killed at teardown if still alive); the host's interfaces, routes, firewall
 * and sysctls are never touched.
 */
public final class CaptureBurstBench {

    /** A count that has not grown for this long is taken as final (netns4j's ring retires a block after 4 ms). */
    private static final Duration SETTLE = Duration.ofMillis(300);
    /**
     * The same for tcpdump's file: libpcap hands tcpdump's timeout (1000 ms by default) to the kernel as the ring's
     * block-retire timeout, so the last frames of a burst reach tcpdump up to a second after they arrived; whatever is
     * still in the ring at SIGTERM is counted as "received by filter" but never written.
     */
    private static final Duration TCPDUMP_SETTLE = Duration.ofMillis(2500);
    private static final Duration MAX_DRAIN = Duration.ofSeconds(10);
    private static final Pattern TCPDUMP_STAT = Pattern
            .compile("(\\d+) packets? (captured|received by filter|dropped by kernel)");

    private final int count;
    private final int[] sizes;
    private final int tcpdumpBufferKib;
    private final boolean tshark;
    private final Path work;
    private final List<Row> rows = new ArrayList<>();

    /** One burst's figures. */
    record Row(int iteration, int payload, int count, double barePps, long sent, long sendErrors, double sendPps,
            long ifRx, long ifRxDropped, long senderTxDropped, long socketReceived, long socketRcvbufErrors,
            long netns4jCaptured, long netns4jDropped, double netns4jWirePps, long tcpdumpInFile, long tcpdumpTshark,
            long tcpdumpCaptured, long tcpdumpReceived, long tcpdumpDropped, double tcpdumpWirePps) {
    }

    private CaptureBurstBench(int count, int[] sizes, int tcpdumpBufferKib, boolean tshark, Path work) {
        this.count = count;
        this.sizes = sizes;
        this.tcpdumpBufferKib = tcpdumpBufferKib;
        this.tshark = tshark;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        int iterations = 5;
        int warmup = 1;
        int count = 10_000;
        int[] sizes = { 64, 1400 };
        int buffer = 16 * 1024;
        boolean tshark = true;
        boolean rings = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
            case "--iterations", "-n" -> iterations = Integer.parseInt(args[++i]);
            case "--count", "-c" -> count = Integer.parseInt(args[++i]);
            case "--warmup", "-w" -> warmup = Integer.parseInt(args[++i]);
            case "--sizes" -> sizes = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
            case "--tcpdump-buffer" -> buffer = Integer.parseInt(args[++i]);
            case "--no-tshark" -> tshark = false;
            case "--rings" -> rings = true;
            case "--help", "-h" -> {
                System.out.println("usage: CaptureBurstBench [iterations] [--warmup N] [--count N] [--sizes 64,1400]"
                        + " [--tcpdump-buffer KIB] [--no-tshark] [--rings]");
                return;
            }
            default -> {
                if (args[i].matches("\\d+")) {
                    iterations = Integer.parseInt(args[i]);
                } else {
                    throw new IllegalArgumentException("unknown argument " + args[i] + " (try --help)");
                }
            }
            }
        }
        if (iterations < 1 || warmup < 0 || count < 1 || buffer < 1 || sizes.length == 0) {
            throw new IllegalArgumentException("iterations, count, sizes and buffer must be positive, warm-up >= 0");
        }
        for (int s : sizes) {
            if (s < 4 || s > 1472) {
                throw new IllegalArgumentException("payload sizes must be 4..1472 bytes (one frame of MTU 1500): " + s);
            }
        }
        Optional<String> cause = Topology.unavailabilityCause();
        if (cause.isPresent()) {
            System.err.println("CaptureBurstBench: cannot build topologies: " + cause.get());
            System.exit(2);
        }
        if (tshark && !onPath("tshark")) {
            System.err.println("CaptureBurstBench: tshark not found, counting tcpdump's file with PcapReader only");
            tshark = false;
        }
        if (!onPath("tcpdump")) {
            System.err.println("CaptureBurstBench: tcpdump not found (ci/install installs it)");
            System.exit(2);
        }
        Path work = Files.createTempDirectory("netns4j-capture-bench");
        try {
            new CaptureBurstBench(count, sizes, buffer, tshark, work).run(warmup, iterations);
            if (rings) {
                System.out.println();
                CaptureBurstBenchRings.run(count, sizes, 3);
            }
        } finally {
            try (var files = Files.list(work)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(work);
        }
    }

    private void run(int warmup, int iterations) throws Exception {
        printEnvironment(warmup, iterations);
        for (int i = 1; i <= warmup; i++) {
            for (int size : sizes) {
                Row r = burst(0, size); // lets the JIT compile the send loop and the capture's reader; not reported
                System.err.printf(Locale.ROOT,
                        "  warm-up %d %4d B: netns4j %d (drops %d), tcpdump %d (drops %d) of %d%n", i, size,
                        r.netns4jCaptured, r.netns4jDropped, r.tcpdumpInFile, r.tcpdumpDropped, count);
            }
        }
        for (int i = 1; i <= iterations; i++) {
            for (int size : sizes) {
                Row r = burst(i, size);
                rows.add(r);
                System.err.printf(Locale.ROOT,
                        "  #%d %4d B: bare %.0f/s; sent %d (%.0f/s), arrived %d, socket %d; netns4j %d (drops %d),"
                                + " tcpdump %d (received %d, drops %d)%n",
                        i, size, r.barePps, r.sent, r.sendPps, r.ifRx, r.socketReceived, r.netns4jCaptured,
                        r.netns4jDropped, r.tcpdumpInFile, r.tcpdumpReceived, r.tcpdumpDropped);
            }
        }
        printTable();
    }

    // ---- one burst

    private Row burst(int iteration, int size) throws Exception {
        int port = 9000 + size % 1000;
        Path pcap = work.resolve("tcpdump-" + iteration + "-" + size + ".pcap");
        try (Topology net = Topology.builder().namespace("sender").namespace("receiver")
                .veth("sender", "10.0.0.1/24", "receiver", "10.0.0.2/24").build()) {
            NetNs sender = net.ns("sender");
            NetNs receiver = net.ns("receiver");
            if (!sender.ping("10.0.0.2", 1, Duration.ofSeconds(2)).allReceived()) {
                throw new IllegalStateException("the receiver does not answer pings");
            }

            // The truth: a socket counting distinct datagrams, and the interface's own counters.
            DatagramChannel sink = receiver.datagramChannel();
            sink.setOption(StandardSocketOptions.SO_RCVBUF, 8 << 20); // capped by net.core.rmem_max; not changed
            sink.bind(new InetSocketAddress("10.0.0.2", port));
            Counter counter = new Counter(sink, count);
            Thread reading = new Thread(counter, "bench-receiver");
            reading.setDaemon(true);
            reading.start();

            // Reference: the same burst with no capture at all (numbered below 0, so not counted in the burst's).
            long[] bare = send(sender, port, size, -count);
            awaitStable(() -> counter.baseline.get(), count, SETTLE, MAX_DRAIN);
            double barePps = bare[0] / (bare[2] / 1e9);

            long[] devBefore = devCounters(receiver, "eth0");
            long[] senderDevBefore = devCounters(sender, "eth0");
            long rcvbufBefore = Snmp.udpRcvbufErrors(receiver);

            PacketMatcher burstPackets = udp().dst("10.0.0.2", port);
            NsProcess tcpdump = null;
            Capture capture = receiver.capture("eth0");
            try {
                tcpdump = receiver.start("tcpdump", "-i", "eth0", "-w", pcap.toString(), "-U", "-B",
                        Integer.toString(tcpdumpBufferKib), "-n", "-Z", "root");
                awaitListening(tcpdump);

                // The burst: a tight loop on a connected channel, each datagram numbered 0..N-1.
                long[] burst = send(sender, port, size, 0);
                long sent = burst[0];
                long errors = burst[1];
                double sendPps = sent / (burst[2] / 1e9);

                // Let everyone drain: until the counts stop growing (or everything is in).
                awaitStable(() -> counter.received.get(), count, SETTLE, MAX_DRAIN);
                awaitStable(() -> capture.packets(burstPackets).size(), count, SETTLE, MAX_DRAIN);
                awaitStable(() -> sizeOf(pcap), Long.MAX_VALUE, TCPDUMP_SETTLE, MAX_DRAIN);

                long[] devAfter = devCounters(receiver, "eth0");
                long[] senderDevAfter = devCounters(sender, "eth0");
                long rcvbufErrors = Snmp.udpRcvbufErrors(receiver) - rcvbufBefore;

                tcpdump.terminate();
                ExecResult done = tcpdump.waitFor(Duration.ofSeconds(10))
                        .orElseThrow(() -> new IllegalStateException("tcpdump did not end on SIGTERM"));
                long[] tcpdumpStats = tcpdumpStatistics(done.stderr());
                tcpdump = null;

                long dropped = capture.dropped();
                capture.close();
                dropped = Math.max(dropped, capture.dropped());
                List<Packet> ours = capture.packets(burstPackets);

                sink.close();
                reading.join(2_000);

                List<Packet> theirs = PcapReader.read(pcap).stream().filter(burstPackets::matches).toList();
                long theirsTshark = tshark ? tsharkCount(pcap, port) : -1;

                return new Row(iteration, size, count, barePps, sent, errors, sendPps, devAfter[0] - devBefore[0],
                        devAfter[1] - devBefore[1], senderDevAfter[3] - senderDevBefore[3], counter.distinct(),
                        rcvbufErrors, ours.size(), dropped, wirePps(ours), theirs.size(), theirsTshark, tcpdumpStats[0],
                        tcpdumpStats[1], tcpdumpStats[2], wirePps(theirs));
            } finally {
                if (tcpdump != null) {
                    tcpdump.kill();
                }
                capture.close();
                sink.close();
                Files.deleteIfExists(pcap);
            }
        }
    }

    /**
     * Sends {@link #count} datagrams of {@code size} bytes from {@code sender} to 10.0.0.2:{@code port} in a tight
     * loop, numbered from {@code firstSeq} on (in their first 4 bytes). Returns {@code [sent, errors, nanoseconds]}.
     */
    private long[] send(NetNs sender, int port, int size, int firstSeq) throws IOException {
        try (DatagramChannel out = sender.datagramChannel()) {
            out.connect(new InetSocketAddress("10.0.0.2", port));
            ByteBuffer buf = ByteBuffer.allocateDirect(size);
            byte[] fill = new byte[size];
            Arrays.fill(fill, (byte) 'x');
            long sent = 0;
            long errors = 0;
            long t0 = System.nanoTime();
            for (int i = 0; i < count; i++) {
                buf.clear();
                buf.put(fill).putInt(0, firstSeq + i).flip();
                try {
                    out.write(buf);
                    sent++;
                } catch (IOException e) {
                    errors++; // e.g. ENOBUFS
                }
            }
            return new long[] { sent, errors, System.nanoTime() - t0 };
        }
    }

    /**
     * Reads datagrams until its channel is closed, counting those of the burst (numbered 0 and up), the distinct ones
     * among them, and those of the reference burst (numbered below 0).
     */
    private static final class Counter implements Runnable {
        final DatagramChannel channel;
        final AtomicLong received = new AtomicLong();
        final AtomicLong baseline = new AtomicLong();
        final BitSet seen;

        Counter(DatagramChannel channel, int count) {
            this.channel = channel;
            this.seen = new BitSet(count);
        }

        @Override
        public void run() {
            ByteBuffer b = ByteBuffer.allocateDirect(2048);
            try {
                while (true) {
                    b.clear();
                    channel.receive(b);
                    int seq = b.position() >= 4 ? b.getInt(0) : -1;
                    if (seq < 0) {
                        baseline.incrementAndGet();
                        continue;
                    }
                    synchronized (seen) {
                        seen.set(seq);
                    }
                    received.incrementAndGet();
                }
            } catch (ClosedChannelException e) { // AsynchronousCloseException included
                // done
            } catch (IOException e) {
                System.err.println("bench-receiver: " + e);
            }
        }

        long distinct() {
            synchronized (seen) {
                return seen.cardinality();
            }
        }
    }

    private static void awaitListening(NsProcess tcpdump) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!tcpdump.stderr().contains("listening on")) {
            if (!tcpdump.isAlive()) {
                throw new IllegalStateException("tcpdump ended before listening: " + tcpdump.stderr());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("tcpdump did not say 'listening on' within 10 s: " + tcpdump.stderr());
            }
            Thread.sleep(5);
        }
    }

    /** Waits until {@code value} reaches {@code target} or has not changed for {@code settle}, at most {@code max}. */
    private static void awaitStable(LongSupplier value, long target, Duration settle, Duration max)
            throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        long last = value.getAsLong();
        long since = System.nanoTime();
        while (last < target && System.nanoTime() < deadline) {
            Thread.sleep(20);
            long now = value.getAsLong();
            if (now != last) {
                last = now;
                since = System.nanoTime();
            } else if (System.nanoTime() - since >= settle.toNanos()) {
                return;
            }
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    /** {@code [captured, received by filter, dropped by kernel]} from tcpdump's closing lines, -1 where absent. */
    static long[] tcpdumpStatistics(String stderr) {
        long[] s = { -1, -1, -1 };
        Matcher m = TCPDUMP_STAT.matcher(stderr);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            switch (m.group(2)) {
            case "captured" -> s[0] = n;
            case "received by filter" -> s[1] = n;
            default -> s[2] = n;
            }
        }
        return s;
    }

    /** Datagrams per second between the first and the last captured packet's timestamps. */
    private static double wirePps(List<Packet> packets) {
        if (packets.size() < 2) {
            return Double.NaN;
        }
        Instant first = packets.get(0).timestamp();
        Instant last = packets.get(packets.size() - 1).timestamp();
        long nanos = Duration.between(first, last).toNanos();
        return nanos <= 0 ? Double.NaN : (packets.size() - 1) / (nanos / 1e9);
    }

    /**
     * {@code /proc/thread-self/net/dev} of {@code ns} for {@code dev}, read inside it:
     * {@code [rx packets, rx drop, tx packets, tx drop]}.
     */
    private static long[] devCounters(NetNs ns, String dev) throws Exception {
        String text = ns.run(() -> Files.readString(Path.of("/proc/thread-self/net/dev")));
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals(dev)) {
                String[] f = line.substring(colon + 1).trim().split("\\s+");
                return new long[] { Long.parseLong(f[1]), Long.parseLong(f[3]), Long.parseLong(f[9]),
                        Long.parseLong(f[11]) };
            }
        }
        throw new IllegalStateException("no " + dev + " in /proc/net/dev of " + ns.name());
    }

    /** Packets of {@code file} to UDP port {@code port}, as tshark counts them; -1 if tshark failed. */
    private static long tsharkCount(Path file, int port) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("tshark", "-n", "-r", file.toString(), "-Y", "udp.dstport==" + port, "-T",
                "fields", "-e", "frame.number").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            return -1;
        }
        return new String(out, StandardCharsets.US_ASCII).lines().filter(l -> !l.isBlank()).count();
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    // ---- output

    private void printEnvironment(int warmup, int iterations) throws IOException, InterruptedException {
        System.out.printf("CaptureBurstBench: %d iterations (after %d warm-up) x bursts of %d UDP datagrams,"
                + " payloads %s bytes%n", iterations, warmup, count, Arrays.toString(sizes));
        System.out.printf("JVM: %s %s (%s); kernel: %s; CPUs: %d%n", System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), System.getProperty("os.arch"),
                System.getProperty("os.version"), Runtime.getRuntime().availableProcessors());
        System.out.printf("netns4j capture: TPACKET_V3 ring of 16 blocks x 1 MiB, retire 4 ms, snap 262144%n");
        String version = firstLine("tcpdump", "--version");
        System.out.printf("tcpdump: %s; -B %d KiB, -U (packet-buffered), snap 262144; tshark witness: %s%n", version,
                tcpdumpBufferKib, tshark ? firstLine("tshark", "--version") : "off");
        System.out.println();
    }

    private static String firstLine(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        return out.lines().filter(l -> !l.isBlank() && !l.startsWith("Running as")).findFirst().orElse("?").trim();
    }

    private void printTable() {
        System.out.println();
        System.out.println("Per burst (N = " + count + " datagrams; all = every one of the N recorded):");
        String head = String.format(Locale.ROOT,
                "%2s %5s | %8s | %6s %8s | %7s %6s %6s %6s | %7s %5s %3s %8s | %7s %7s %7s %5s %3s %8s | %6s", "#",
                "bytes", "bare/s", "sent", "send/s", "eth0 rx", "rxdrop", "socket", "rcvbuf", "netns4j", "drops", "all",
                "wire/s", "tcpdump", "tshark", "rcvd", "drops", "all", "wire/s", "n4j/td");
        System.out.println(head);
        System.out.println("-".repeat(head.length()));
        for (Row r : rows) {
            System.out.printf(Locale.ROOT,
                    "%2d %5d | %8.0f | %6d %8.0f | %7d %6d %6d %6d | %7d %5d %3s %8.0f | %7d %7s %7d %5d %3s %8.0f |"
                            + " %6.3f%n",
                    r.iteration, r.payload, r.barePps, r.sent, r.sendPps, r.ifRx, r.ifRxDropped, r.socketReceived,
                    r.socketRcvbufErrors, r.netns4jCaptured, r.netns4jDropped, yesNo(r.netns4jCaptured, r.count),
                    r.netns4jWirePps, r.tcpdumpInFile, r.tcpdumpTshark < 0 ? "-" : Long.toString(r.tcpdumpTshark),
                    r.tcpdumpReceived, r.tcpdumpDropped, yesNo(r.tcpdumpInFile, r.count), r.tcpdumpWirePps,
                    r.tcpdumpInFile == 0 ? Double.NaN : (double) r.netns4jCaptured / r.tcpdumpInFile);
        }
        System.out.println();
        System.out.println("Per payload size, over the iterations (medians; min..max of the captured counts):");
        String sh = String.format(Locale.ROOT, "%5s | %8s %8s %6s | %7s %13s %5s | %7s %13s %5s | %s", "bytes",
                "bare/s", "send/s", "ratio", "netns4j", "captured", "drops", "tcpdump", "captured", "drops",
                "n4j/td min..max");
        System.out.println(String.format(Locale.ROOT, "%5s | %8s %8s %6s | %7s %13s %5s | %7s %13s %5s |", "", "", "",
                "", "all", "", "sum", "all", "", "sum"));
        System.out.println(sh);
        System.out.println("-".repeat(sh.length()));
        for (int size : sizes) {
            List<Row> rs = rows.stream().filter(r -> r.payload == size).toList();
            double bare = median(rs.stream().mapToDouble(Row::barePps).toArray());
            double send = median(rs.stream().mapToDouble(Row::sendPps).toArray());
            double[] ratios = rs.stream().filter(r -> r.tcpdumpInFile > 0)
                    .mapToDouble(r -> (double) r.netns4jCaptured / r.tcpdumpInFile).sorted().toArray();
            System.out.printf(Locale.ROOT, "%5d | %8.0f %8.0f %6.3f | %7s %13s %5d | %7s %13s %5d | %s%n", size, bare,
                    send, send / bare, rs.stream().filter(r -> r.netns4jCaptured >= r.count).count() + "/" + rs.size(),
                    range(rs.stream().mapToLong(Row::netns4jCaptured).toArray()),
                    rs.stream().mapToLong(Row::netns4jDropped).sum(),
                    rs.stream().filter(r -> r.tcpdumpInFile >= r.count).count() + "/" + rs.size(),
                    range(rs.stream().mapToLong(Row::tcpdumpInFile).toArray()),
                    rs.stream().mapToLong(r -> Math.max(0, r.tcpdumpDropped)).sum(), ratios.length == 0 ? "-"
                            : String.format(Locale.ROOT, "%.3f..%.3f", ratios[0], ratios[ratios.length - 1]));
        }
        System.out.println();
        System.out.println(
                "bare/s    the burst's send rate with no capture running (same topology, same socket reading)");
        System.out.println("sent      datagrams the sender's write() accepted; send/s its rate with both captures"
                + " running; ratio = send/s / bare/s");
        System.out.println("eth0 rx   the receiver's interface counters (delta over the burst, every frame);"
                + " rxdrop its rx_dropped");
        System.out.println("socket    distinct datagrams of the burst the receiving socket read; rcvbuf = UDP"
                + " RcvbufErrors (arrived, socket buffer full)");
        System.out.println("netns4j   datagrams of the burst in the capture (udp().dst(\"10.0.0.2\", port));"
                + " drops = Capture.dropped()");
        System.out.println("tcpdump   datagrams of the burst in its pcap file (PcapReader); tshark = tshark -r's count"
                + " of the same file;");
        System.out.println("          rcvd/drops = its own 'packets received by filter' / 'packets dropped by kernel'");
        System.out.println("wire/s    rate between the first and the last captured timestamp;"
                + " n4j/td = netns4j's count / tcpdump's");
        long errors = rows.stream().mapToLong(Row::sendErrors).sum();
        long txDropped = rows.stream().mapToLong(Row::senderTxDropped).sum();
        System.out.printf(Locale.ROOT,
                "Send errors (write() threw): %d; sender eth0 tx_dropped: %d (over all bursts)%n", errors, txDropped);
        long missed = rows.stream().filter(r -> r.netns4jCaptured < r.count).count();
        if (missed > 0) {
            System.out.printf(Locale.ROOT,
                    "netns4j's capture MISSED packets in %d of %d bursts: %d datagrams in all, %d kernel drops"
                            + " reported.%n",
                    missed, rows.size(), rows.stream().mapToLong(r -> r.count - r.netns4jCaptured).sum(),
                    rows.stream().mapToLong(Row::netns4jDropped).sum());
        } else {
            System.out.printf(Locale.ROOT, "netns4j's capture recorded all %d datagrams in each of the %d bursts.%n",
                    count, rows.size());
        }
    }

    private static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s.length == 0 ? Double.NaN : s[s.length / 2];
    }

    private static String range(long[] values) {
        long min = Arrays.stream(values).min().orElse(0);
        long max = Arrays.stream(values).max().orElse(0);
        return min == max ? Long.toString(min) : min + ".." + max;
    }

    private static String yesNo(long captured, int count) {
        return captured >= count ? "yes" : "NO";
    }
}
