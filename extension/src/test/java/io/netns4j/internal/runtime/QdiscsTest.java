package io.netns4j.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netns4j.ExecResult;
import io.netns4j.KernelFeatureMissingException;
import io.netns4j.NetNs;
import io.netns4j.Topology;
import io.netns4j.internal.netlink.NetemSpec;
import io.netns4j.internal.netlink.QdiscMessage;
import io.netns4j.internal.netlink.TbfSpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Qdiscs} on a veth pair between namespaces a (10.0.0.1, {@code eth0}) and b (10.0.0.2): the TBF is applied over
 * our netlink codec, tc is the witness of what the kernel holds, and TCP from a to b is measured against the rate. The
 * netem paths need {@code sch_netem}: {@link QdiscsNetemTest}, in the kernel lane.
 */
class QdiscsTest {

    static final String A = "10.0.0.1/24";
    static final String B = "10.0.0.2/24";

    Topology net;
    Namespace a;
    NetNs b;
    Qdiscs qdiscs;

    @BeforeEach
    void build() {
        net = Topology.builder().namespace("a").namespace("b").veth("a", A, "b", B).build();
        a = (Namespace) net.ns("a");
        b = net.ns("b");
        qdiscs = Qdiscs.of(a);
    }

    @AfterEach
    void close() {
        net.close();
    }

    /** What tc prints for the device, line by line, as the witness of what the kernel holds. */
    static List<String> tcShow(NetNs ns, String device) {
        ExecResult r = ns.exec("tc", "qdisc", "show", "dev", device);
        assertThat(r.exitCode()).as("%s", r).isZero();
        return r.stdout().lines().map(String::stripTrailing).toList();
    }

    static String tcJson(NetNs ns, String device) {
        ExecResult r = ns.exec("tc", "-j", "qdisc", "show", "dev", device);
        assertThat(r.exitCode()).as("%s", r).isZero();
        return r.stdout().strip();
    }

    /** tc shows the device's default qdisc, noqueue (a veth's), and nothing else. */
    static void assertDefault(NetNs ns) {
        assertThat(tcShow(ns, "eth0")).singleElement().asString().matches("qdisc noqueue 0: root refcnt \\d+");
    }

    /** Our decoder prints every qdisc of the device exactly as tc does. */
    static void assertListedAsTcShows(Qdiscs qdiscs, NetNs ns, String device) {
        assertThat(qdiscs.list(device)).map(QdiscMessage::toString).isEqualTo(tcShow(ns, device));
    }

    @Test
    void tbfIsAppliedAndRemoved() {
        assertDefault(a);
        assertThat(qdiscs.clear("eth0")).as("nothing to delete: harmless").isFalse();

        qdiscs.apply("eth0", TbfSpec.withLatency(10_000_000, 8000, Duration.ofMillis(50)));
        assertThat(tcJson(a, "eth0")).startsWith("[{\"kind\":\"tbf\",\"handle\":\"1:\",\"root\":true,")
                .contains("\"options\":{\"rate\":1250000,\"burst\":8000,\"lat\":50000}");
        assertListedAsTcShows(qdiscs, a, "eth0");
        assertThat(b.links()).as("b's end is left alone").isNotEmpty();
        assertDefault(b);

        assertThat(qdiscs.clear("eth0")).isTrue();
        assertDefault(a);
        assertThat(qdiscs.list("eth0")).singleElement().matches(QdiscMessage::isDefault, "is the default");
        assertThat(qdiscs.clear("eth0")).isFalse();
    }

    /** Every apply makes a fresh tree under the other root handle; the settings are the last ones, whole. */
    @Test
    void applyingAgainReplacesTheWholeTree() {
        qdiscs.apply("eth0", TbfSpec.withLatency(10_000_000, 8000, Duration.ofMillis(50)));
        qdiscs.apply("eth0", TbfSpec.withLimit(20_000_000, 16000, 100_000));
        assertThat(tcShow(a, "eth0")).singleElement().asString()
                .matches("qdisc tbf 2: root refcnt \\d+ rate 20Mbit burst 16000b lat 33.6ms");
        qdiscs.apply("eth0", TbfSpec.ofRate(1_000_000));
        assertThat(tcShow(a, "eth0")).singleElement().asString()
                .matches("qdisc tbf 1: root refcnt \\d+ rate 1Mbit burst 6056b lat 100ms");
        assertListedAsTcShows(qdiscs, a, "eth0");
    }

    @Test
    void listOfTheWholeNamespace() {
        qdiscs.apply("eth0", TbfSpec.ofRate(1_000_000));
        assertThat(qdiscs.list()).extracting(QdiscMessage::kind).containsExactlyInAnyOrder("noqueue", "tbf");
    }

    /** The TCP payload in a full frame: 1448 of 1514 bytes (IPv4, TCP with timestamps, Ethernet header). */
    static final double PAYLOAD_SHARE = 1448.0 / 1514;

    /**
     * TCP from a to b through the TBF, at 10 and 100 Mbit/s. Measured after half a second (the burst, slow start) over
     * two seconds: the bytes the TBF let out (its counters, link-layer headers included: what the rate limits) must be
     * within 10 % of the rate; the TCP payload received follows, below it by the headers' share (66 of 1514 bytes a
     * full frame).
     */
    @Test
    void tcpThroughputFollowsTheRate() throws Exception {
        for (long rate : new long[] { 10_000_000, 100_000_000 }) {
            qdiscs.apply("eth0", TbfSpec.ofRate(rate));
            Throughput t = measure(a, b, qdiscs, Duration.ofMillis(500), Duration.ofSeconds(2));
            System.out.printf("tbf rate %d bit/s: %s%n", rate, t);
            assertThat(t.wireBitsPerSecond()).as("%s at %d bit/s", t, rate).isBetween(0.9 * rate, 1.1 * rate);
            assertThat(t.payloadBitsPerSecond()).as("%s at %d bit/s", t, rate).isBetween(0.9 * PAYLOAD_SHARE * rate,
                    1.1 * PAYLOAD_SHARE * rate);
        }
        qdiscs.clear("eth0");
        Throughput unshaped = measure(a, b, qdiscs, Duration.ofMillis(200), Duration.ofSeconds(1));
        System.out.printf("no tbf: %s%n", unshaped);
        assertThat(unshaped.payloadBitsPerSecond()).as("without the TBF: above the 100 Mbit/s it had")
                .isGreaterThan(150_000_000);
    }

    @Test
    void badInput() {
        assertThatThrownBy(() -> qdiscs.apply("eth9", TbfSpec.ofRate(1_000_000)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Namespace a has no device \"eth9\" to set a qdisc on (it has [lo, eth0])");
        assertThatThrownBy(() -> qdiscs.clear("eth9")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Namespace a has no device \"eth9\"");
        assertThatThrownBy(() -> qdiscs.apply("eth0", TbfSpec.withLatency(1_000_000, 1500, Duration.ofMillis(10))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tbf burst 1500 bytes on eth0 in namespace a is smaller than its largest frame, 1514"
                        + " bytes (MTU 1500 + 14 for the Ethernet header): the TBF would drop every full-size frame;"
                        + " give a burst of at least 1514 bytes");
        assertThatThrownBy(() -> qdiscs.apply("eth0", null, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Nothing to apply to eth0 in namespace a: give netem settings, a rate or both (clear()"
                        + " restores the default qdisc)");
        assertThatThrownBy(
                () -> qdiscs.apply("eth0", TbfSpec.withLatency(40_000_000_000L, 1514, Duration.ofSeconds(1))))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageStartingWith("tbf latency 1s at rate 40gbit makes a queue of 5000001514 bytes");
        assertDefault(a);
    }

    /** A root made by someone else (here tc, with the handle 2:) is replaced like one of ours. */
    @Test
    void aForeignRootIsReplaced() {
        ExecResult htb = a.exec("tc", "qdisc", "replace", "dev", "eth0", "root", "handle", "2:", "htb");
        assumeTrue(htb.exitCode() == 0, () -> "no htb here: " + htb);
        qdiscs.apply("eth0", TbfSpec.ofRate(1_000_000));
        assertThat(tcShow(a, "eth0")).singleElement().asString().startsWith("qdisc tbf 1: root");
    }

    /** A refusal by the kernel names the request as the tc command, the namespace, the errno and the kernel's words. */
    @Test
    void aRefusalNamesTheRequestTheNamespaceAndTheKernelsWords() {
        int index = a.index("eth0");
        assertThatThrownBy(() -> a.rtnl().ack(io.netns4j.internal.netlink.QdiscRequests.replace(index, "eth0",
                io.netns4j.internal.netlink.Tc.handle(7, 1), 0, TbfSpec.ofRate(1_000_000), Qdiscs.psched())))
                        .isInstanceOf(io.netns4j.internal.netlink.NetlinkException.class)
                        .hasMessage("tc qdisc replace dev eth0 parent 7:1 tbf rate 1mbit burst 6056b latency 100ms in"
                                + " namespace a failed: ENOENT (No such file or directory); kernel: \"Failed to find"
                                + " specified qdisc\"");
    }

    /** On a kernel without sch_netem (this host's), netem gives the probe's reason, and nothing changes. */
    @Test
    void netemWhereTheKernelHasNone() {
        assumeTrue(KernelFeatures.missingQdisc("netem").isPresent(), "this kernel has sch_netem");
        NetemSpec delay = NetemSpec.builder().delay(Duration.ofMillis(50)).build();
        assertThatThrownBy(() -> qdiscs.apply("eth0", delay, TbfSpec.ofRate(1_000_000)))
                .isInstanceOf(KernelFeatureMissingException.class)
                .hasMessage("netem: this kernel has no netem queueing discipline (RTM_NEWQDISC: ENOENT (No such file"
                        + " or directory), \"Specified qdisc kind is unknown\"); load the sch_netem module or set"
                        + " netns4j.missingKernelFeature=fail");
        assertDefault(a);
    }

    /**
     * @param wireBitsPerSecond
     *            what the root qdisc sent (its {@code Sent ... bytes}, frames with their link-layer header)
     * @param payloadBitsPerSecond
     *            TCP payload received in b
     */
    record Throughput(double wireBitsPerSecond, double payloadBitsPerSecond, double seconds) {
        @Override
        public String toString() {
            return String.format("wire %.2f Mbit/s, TCP payload %.2f Mbit/s over %.2f s", wireBitsPerSecond / 1e6,
                    payloadBitsPerSecond / 1e6, seconds);
        }
    }

    /** TCP from a to b as fast as it goes; rates measured over {@code window} after {@code warmUp}. */
    static Throughput measure(NetNs from, NetNs to, Qdiscs fromQdiscs, Duration warmUp, Duration window)
            throws Exception {
        // The reader's own (time, total) after each read: the test thread's clock would count, as received in the
        // window, what waited in the socket while the reader was not running.
        AtomicReference<long[]> received = new AtomicReference<>(new long[] { System.nanoTime(), 0 });
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<SocketChannel> accepted = new AtomicReference<>();
        try (ServerSocketChannel server = to.serverSocketChannel()) {
            server.bind(new InetSocketAddress("10.0.0.2", 0));
            int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            Future<?> reader = to.submit(() -> {
                try (SocketChannel s = server.accept()) {
                    accepted.set(s);
                    // larger than the socket's receive buffer can grow: each read takes all there is, so each sample
                    // is of a reader that has caught up
                    ByteBuffer buf = ByteBuffer.allocateDirect(16 * 1024 * 1024);
                    long total = 0;
                    while (s.read(buf) >= 0) {
                        total += buf.position();
                        received.set(new long[] { System.nanoTime(), total });
                        buf.clear();
                    }
                } catch (IOException e) {
                    if (!stop.get()) {
                        throw e;
                    }
                }
                return null;
            });
            SocketChannel c = from.socketChannel();
            try {
                c.connect(new InetSocketAddress("10.0.0.2", port));
                Future<?> writer = from.submit(() -> {
                    ByteBuffer buf = ByteBuffer.allocateDirect(256 * 1024);
                    try {
                        while (!stop.get()) {
                            buf.clear();
                            c.write(buf);
                        }
                    } catch (IOException e) {
                        if (!stop.get()) {
                            throw e;
                        }
                    }
                    return null;
                });
                Thread.sleep(warmUp.toMillis());
                long t0 = System.nanoTime();
                long wire0 = sent(fromQdiscs);
                long[] payload0 = received.get();
                Thread.sleep(window.toMillis());
                long t1 = System.nanoTime();
                long wire1 = sent(fromQdiscs);
                long[] payload1 = received.get();
                // Stop at once: what waits in the socket buffers would take seconds to drain at a low rate.
                stop.set(true);
                c.setOption(StandardSocketOptions.SO_LINGER, 0);
                c.close();
                SocketChannel s = accepted.get();
                if (s != null) {
                    s.close();
                }
                writer.get(10, TimeUnit.SECONDS);
                reader.get(10, TimeUnit.SECONDS);
                double seconds = (t1 - t0) / 1e9;
                double readerSeconds = (payload1[0] - payload0[0]) / 1e9;
                return new Throughput(8 * (wire1 - wire0) / seconds, 8 * (payload1[1] - payload0[1]) / readerSeconds,
                        seconds);
            } finally {
                c.close();
            }
        }
    }

    /** The bytes the device's root qdisc has sent (0 counters for the default noqueue, which counts nothing). */
    private static long sent(Qdiscs q) {
        QdiscMessage root = q.list("eth0").stream().filter(QdiscMessage::isRoot).findFirst().orElseThrow();
        return root.stats() == null ? 0 : root.stats().bytes();
    }
}
