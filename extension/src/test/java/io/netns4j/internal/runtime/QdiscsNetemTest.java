package io.netns4j.internal.runtime;

import static io.netns4j.internal.runtime.QdiscsTest.assertListedAsTcShows;
import static io.netns4j.internal.runtime.QdiscsTest.tcJson;
import static io.netns4j.internal.runtime.QdiscsTest.tcShow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.netns4j.Netns4jConfig;
import io.netns4j.NetNs;
import io.netns4j.PingResult;
import io.netns4j.Topology;
import io.netns4j.testsupport.Snmp;
import io.netns4j.internal.netlink.NetemDistribution;
import io.netns4j.internal.netlink.NetemSpec;
import io.netns4j.internal.netlink.QdiscMessage;
import io.netns4j.internal.netlink.TbfSpec;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link Qdiscs} with netem, alone and with a TBF under it, on the veth pair of {@link QdiscsTest}: tc is the witness
 * of the tree, ping of the delay, UDP of the loss, TCP of the rate. Needs {@code sch_netem}: skipped with the kernel's
 * reason where it is missing (this host), run by {@code ci/kernel-lane} in its guest (Debian 12's Linux 6.1 under
 * QEMU's TCG), where {@code netns4j.missingKernelFeature=fail} makes a missing netem fail instead.
 */
@Tag("kernel-netem")
class QdiscsNetemTest {

    /**
     * How much later than the delay a packet may come: netem releases it by an hrtimer at its time to send, so it is
     * never early, and late by the scheduling of the timer's softirq and of the two ping sockets' threads. Under TCG on
     * a loaded 2-core host that has been seen to reach a few milliseconds; 15 ms bounds it with room and still tells a
     * 50 ms delay from 65 ms.
     */
    static final Duration LATE = Duration.ofMillis(15);

    Topology net;
    Namespace a;
    NetNs b;
    Qdiscs qdiscs;

    @BeforeEach
    void build() {
        List<String> missing = KernelFeatures.missingQdisc("netem").stream().toList();
        if (!missing.isEmpty() && "fail".equals(System.getProperty(Netns4jConfig.MISSING_KERNEL_FEATURE))) {
            fail(String.join("; ", missing) + " (" + Netns4jConfig.MISSING_KERNEL_FEATURE + "=fail)");
        }
        Assumptions.assumeTrue(missing.isEmpty(), () -> String.join("; ", missing));
        net = Topology.builder().namespace("a").namespace("b").veth("a", QdiscsTest.A, "b", QdiscsTest.B).build();
        a = (Namespace) net.ns("a");
        b = net.ns("b");
        qdiscs = Qdiscs.of(a);
    }

    @AfterEach
    void close() {
        if (net != null) {
            net.close();
        }
    }

    /** The round trips of {@code count} pings from a to b, all answered. */
    List<Duration> rtts(int count) {
        PingResult r = a.ping("10.0.0.2", count, Duration.ofSeconds(5));
        assertThat(r.received()).as("%s", r).isEqualTo(count);
        return r.rtts();
    }

    /** The median round trip of {@code count} pings from a to b. */
    Duration medianRtt(int count) {
        return median(rtts(count));
    }

    static Duration median(List<Duration> rtts) {
        List<Duration> sorted = rtts.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /** netem on a's egress delays the echo requests; the replies come back at once: the round trip grows by it. */
    @Test
    void aDelayIsAddedToTheRoundTrip() {
        Duration before = medianRtt(5);
        qdiscs.apply("eth0", NetemSpec.builder().delay(Duration.ofMillis(50)).build());
        assertThat(tcJson(a, "eth0")).startsWith("[{\"kind\":\"netem\",\"handle\":\"1:\",\"root\":true,")
                .contains("\"delay\":{\"delay\":0.05,\"jitter\":0");
        assertListedAsTcShows(qdiscs, a, "eth0");
        List<Duration> delayed = rtts(5);
        Duration after = median(delayed);
        Duration added = after.minus(before);
        System.out.printf("netem delay 50ms: round trip %s before, %s after, %s added%n", before, after, added);
        // netem holds each request for 50 ms and never sends one early; the median shows it late by no more than LATE.
        assertThat(delayed).as("round trips with the delay")
                .allSatisfy(rtt -> assertThat(rtt).isGreaterThanOrEqualTo(Duration.ofMillis(50)));
        assertThat(added).as("before %s, after %s", before, after)
                .isLessThanOrEqualTo(Duration.ofMillis(50).plus(LATE));

        qdiscs.clear("eth0");
        assertThat(medianRtt(5)).as("the delay is gone").isLessThan(Duration.ofMillis(25));
    }

    /**
     * netem at the root, a TBF in its class: tc shows both; the round trip carries the delay and TCP leaves at the
     * rate. The burst is 25 ms worth rather than the default's two frames (4.8 ms at this rate): a TBF loses rate when
     * its timer fires later than the burst can cover, and under TCG it does (4.54 Mbit/s for 5 with the default).
     */
    @Test
    void delayAndRateTogether() throws Exception {
        qdiscs.apply("eth0", NetemSpec.builder().delay(Duration.ofMillis(20)).build(),
                TbfSpec.withLatency(5_000_000, 15_625, Duration.ofMillis(100)));
        List<String> shown = tcShow(a, "eth0");
        assertThat(shown).hasSize(2);
        assertThat(shown.get(0)).matches("qdisc netem 1: root refcnt \\d+ limit 1000 delay 20ms");
        assertThat(shown.get(1)).isEqualTo("qdisc tbf 10: parent 1:1 rate 5Mbit burst 15625b lat 100ms");
        assertListedAsTcShows(qdiscs, a, "eth0");

        Duration rtt = medianRtt(5);
        assertThat(rtt).isBetween(Duration.ofMillis(20), Duration.ofMillis(20).plus(LATE).plus(LATE));

        QdiscsTest.Throughput t = QdiscsTest.measure(a, b, qdiscs, Duration.ofSeconds(1), Duration.ofSeconds(3));
        System.out.printf("netem delay 20ms + tbf rate 5 Mbit/s: %s%n", t);
        assertThat(t.wireBitsPerSecond()).as("%s", t).isBetween(0.9 * 5_000_000, 1.1 * 5_000_000);
    }

    /**
     * A second apply leaves nothing of the first: not the reordering netem would keep on a change in place, not the TBF
     * child.
     */
    @Test
    void applyingAgainLeavesNothingOfTheFormerTree() {
        qdiscs.apply("eth0",
                NetemSpec.builder().delay(Duration.ofMillis(10), Duration.ofMillis(2), 25)
                        .distribution(NetemDistribution.NORMAL).reorder(25, 50).loss(1).build(),
                TbfSpec.ofRate(5_000_000));
        assertThat(tcShow(a, "eth0")).hasSize(2).first().asString().matches(
                "qdisc netem 1: root refcnt \\d+ limit 1000 delay 10ms  2ms 25% loss 1% reorder 25% 50%" + " gap 1");
        qdiscs.apply("eth0", NetemSpec.builder().delay(Duration.ofMillis(10)).build());
        assertThat(tcShow(a, "eth0")).singleElement().asString()
                .matches("qdisc netem 2: root refcnt \\d+ limit 1000 delay 10ms");
        assertListedAsTcShows(qdiscs, a, "eth0");
    }

    /**
     * 2000 UDP datagrams through 10 % loss. What netem dropped is read from its own counters (through
     * {@link Qdiscs#list}) and is binomial: n = every packet netem saw (the datagrams and the odd neighbour message), p
     * = 0.1, within four standard deviations (a correct netem fails that once in 15,000 runs). The receiver is the
     * end-to-end witness: it misses exactly the datagrams netem dropped, give or take the packets that were not
     * datagrams, once the datagrams its own buffer could not take are counted ({@code RcvbufErrors}; the guest's 6.1
     * kernel caps a receive buffer at 416 KiB, so a stalled receiver can overflow).
     */
    @Test
    void lossDropsItsShare() throws Exception {
        // Resolve the neighbours first: the loss applies to ARP too, and a lost request or reply holds every datagram
        // for the one-second retry.
        assertThat(a.ping("10.0.0.2", 1, Duration.ofSeconds(5)).allReceived()).isTrue();
        qdiscs.apply("eth0", NetemSpec.builder().loss(10).build());
        assertListedAsTcShows(qdiscs, a, "eth0");
        int sent = 2000;
        long bufferErrorsBefore = Snmp.udpRcvbufErrors(b);
        int received;
        try (DatagramChannel server = b.datagramChannel(); DatagramChannel client = a.datagramChannel()) {
            server.setOption(StandardSocketOptions.SO_RCVBUF, 4 * 1024 * 1024);
            server.bind(new InetSocketAddress("10.0.0.2", 0));
            InetSocketAddress to = (InetSocketAddress) server.getLocalAddress();
            Future<Integer> counted = b.submit(() -> {
                ByteBuffer buf = ByteBuffer.allocate(64);
                int n = 0;
                server.configureBlocking(false);
                long quietSince = System.nanoTime();
                while (System.nanoTime() - quietSince < 3_000_000_000L) {
                    if (server.receive(buf) != null) {
                        n++;
                        buf.clear();
                        quietSince = System.nanoTime();
                    } else {
                        Thread.sleep(1);
                    }
                }
                return n;
            });
            ByteBuffer one = ByteBuffer.allocate(32);
            for (int i = 0; i < sent; i++) {
                one.clear();
                client.send(one, to);
                if (i % 10 == 9) {
                    Thread.sleep(1);
                }
            }
            received = counted.get(60, TimeUnit.SECONDS);
        }
        QdiscMessage.Stats stats = qdiscs.list("eth0").get(0).stats();
        long dropped = Integer.toUnsignedLong(stats.drops());
        long seen = dropped + Integer.toUnsignedLong(stats.packets());
        long bufferErrors = Snmp.udpRcvbufErrors(b) - bufferErrorsBefore;
        long missing = sent - received - bufferErrors;
        System.out.printf("netem loss 10%%: netem dropped %d of %d packets; the receiver missed %d of %d datagrams"
                + " (%d of them for its full buffer)%n", dropped, seen, sent - received, sent, bufferErrors);
        assertThat(seen).as("packets netem saw").isGreaterThanOrEqualTo(sent);
        double mean = 0.1 * seen;
        double sigma = Math.sqrt(seen * 0.1 * 0.9);
        assertThat((double) dropped).as("netem's drops of %d packets", seen).isBetween(mean - 4 * sigma,
                mean + 4 * sigma);
        assertThat(missing).as("datagrams lost on the way (netem dropped %d of %d packets)", dropped, seen)
                .isBetween(dropped - (seen - sent), dropped);
    }
}
