package io.netns4j.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.netns4j.Impairment;
import io.netns4j.Link;
import io.netns4j.NetNs;
import io.netns4j.Topology;
import io.netns4j.testsupport.Snmp;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.BitSet;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Loss and rate, measured with real traffic over a veth pair, and the state left when an impairment goes. Witnesses:
 * {@code tc} and {@code nft} run inside the namespaces, and the receiver's own UDP counters, so that a datagram lost to
 * a full socket buffer is never mistaken for one lost to the impairment.
 */
@DisplayName("impairments, measured")
class ImpairmentTest {

    private Topology net;
    private NetNs a;
    private NetNs b;
    private Link aEth0;

    @BeforeEach
    void build() {
        net = Topology.builder().namespace("a").namespace("b").veth("a", "10.5.0.1/24", "b", "10.5.0.2/24").build();
        a = net.ns("a");
        b = net.ns("b");
        aEth0 = net.link("a", "eth0");
        // Resolve the neighbours first: the loss also applies to ARP, and a datagram queued behind an unanswered
        // ARP request would count as lost.
        assertThat(a.ping("10.5.0.2").allReceived()).isTrue();
    }

    @AfterEach
    void close() {
        net.close();
    }

    /** Sends {@code count} numbered datagrams from a to b, paced, and returns how many distinct ones b received. */
    private int sendAndCount(int count, int port) throws Exception {
        DatagramChannel rx = b.datagramChannel();
        rx.setOption(StandardSocketOptions.SO_RCVBUF, 8 << 20);
        rx.bind(new InetSocketAddress("10.5.0.2", port));
        Future<Integer> received = b.submit(() -> {
            BitSet seen = new BitSet(count);
            ByteBuffer buf = ByteBuffer.allocate(64);
            rx.socket().setSoTimeout(1000);
            while (true) {
                buf.clear();
                java.net.DatagramPacket p = new java.net.DatagramPacket(buf.array(), 64);
                try {
                    rx.socket().receive(p);
                } catch (java.net.SocketTimeoutException e) {
                    return seen.cardinality();
                }
                seen.set(ByteBuffer.wrap(p.getData()).getInt());
            }
        });
        try (DatagramChannel tx = a.datagramChannel()) {
            tx.connect(new InetSocketAddress("10.5.0.2", port));
            ByteBuffer buf = ByteBuffer.allocate(64);
            for (int i = 0; i < count; i++) {
                tx.write(buf.clear().putInt(0, i));
                if (i % 50 == 49) {
                    Thread.sleep(1);
                }
            }
        }
        try {
            return received.get();
        } finally {
            rx.close();
        }
    }

    @Test
    @DisplayName("10 % loss over 10,000 datagrams: 1,000 lost ± 4.5 sigma (±135)")
    void loss() throws Exception {
        long errorsBefore = Snmp.udpRcvbufErrors(b);
        int got;
        try (Impairment i = aEth0.impair().loss(10).apply()) {
            assertThat(aEth0.impairment()).contains(i);
            got = sendAndCount(10_000, 7100);
        }
        assertThat(Snmp.udpRcvbufErrors(b)).as("datagrams the receiver's buffer dropped").isEqualTo(errorsBefore);
        int lost = 10_000 - got;
        // Binomial(n = 10,000, p = 0.1): mean 1,000, sigma = sqrt(n p (1 - p)) = 30. ±4.5 sigma fails a correct
        // implementation about once in 150,000 runs.
        System.out.printf("loss 10 %%: %d of 10,000 datagrams lost (%.2f %%)%n", lost, lost / 100.0);
        assertThat(lost).isBetween(865, 1135);
        assertThat(sendAndCount(2_000, 7101)).as("after close").isEqualTo(2_000);
    }

    @Test
    @DisplayName("a second impairment replaces the first in place: 30 % after 5 %; the first handle goes inactive")
    void changeInPlace() throws Exception {
        try (Impairment five = aEth0.impair().loss(5).apply()) {
            int first = 4_000 - sendAndCount(4_000, 7110);
            Impairment thirty = aEth0.impair().loss(30).apply();
            assertThat(five.isActive()).isFalse();
            assertThat(thirty.isActive()).isTrue();
            int second = 4_000 - sendAndCount(4_000, 7111);
            System.out.printf("loss 5 %% then 30 %%: %d and %d of 4,000 lost%n", first, second);
            // sigma 13.8 and 29: ±4.5 sigma.
            assertThat(first).isBetween(138, 262);
            assertThat(second).isBetween(1069, 1331);
            thirty.close();
        } // five is closed here too: replaced already, it does nothing
        assertThat(aEth0.impairment()).isEmpty();
        assertThat(b.exec("nft", "list", "ruleset").stdout()).isEmpty();
    }

    @Test
    @DisplayName("rate 8,000 kbit/s: TCP goodput within 10 % of the setting; the qdisc goes with close()")
    void rate() throws Exception {
        String qdiscBefore = a.exec("tc", "qdisc", "show", "dev", "eth0").stdout();
        try (Impairment i = aEth0.impair().rate(8_000).apply(); ServerSocket server = b.serverSocket(7200)) {
            assertThat(i.spec().rateKbit()).isEqualTo(8_000);
            assertThat(a.exec("tc", "qdisc", "show", "dev", "eth0").stdout()).contains("tbf", "rate 8Mbit");
            AtomicLong bytes = new AtomicLong();
            Future<Void> sink = b.submit(() -> {
                try (Socket s = server.accept()) {
                    byte[] buf = new byte[64 << 10];
                    int n;
                    while ((n = s.getInputStream().read(buf)) > 0) {
                        bytes.addAndGet(n);
                    }
                }
                return null;
            });
            double mbit;
            try (Socket s = a.socket("10.5.0.2", 7200)) {
                Future<Void> source = a.submit(() -> {
                    byte[] buf = new byte[64 << 10];
                    try {
                        while (true) {
                            s.getOutputStream().write(buf);
                        }
                    } catch (java.io.IOException e) {
                        return null; // closed below
                    }
                });
                Thread.sleep(1000); // past slow start and the initial burst
                long b0 = bytes.get();
                long t0 = System.nanoTime();
                Thread.sleep(3000);
                long b1 = bytes.get();
                long t1 = System.nanoTime();
                mbit = (b1 - b0) * 8 / ((t1 - t0) / 1e9) / 1e6;
                s.shutdownOutput(); // the source's next write fails, the sink reads the end
                source.get();
            }
            sink.get();
            System.out.printf("rate 8 Mbit/s: TCP goodput %.3f Mbit/s (%.1f %% of the setting)%n", mbit,
                    mbit / 8 * 100);
            assertThat(mbit).isBetween(8 * 0.9, 8 * 1.1);
        }
        assertThat(a.exec("tc", "qdisc", "show", "dev", "eth0").stdout()).isEqualTo(qdiscBefore);
    }
}
