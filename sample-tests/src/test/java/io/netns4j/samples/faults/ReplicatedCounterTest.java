package io.netns4j.samples.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netns4j.Cut;
import io.netns4j.NetNs;
import io.netns4j.NetworkTest;
import io.netns4j.Topology;
import io.netns4j.annotations.Bridge;
import io.netns4j.annotations.BridgePort;
import io.netns4j.annotations.NetNamespace;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A small replicated service of our own: a leader counts and replicates its counter to two followers over UDP, all
 * three on one switched LAN. Isolating the leader stops the followers' updates; after healing they catch up.
 *
 * <pre>
 *   leader    10.0.0.1 --+
 *   follower1 10.0.0.2 --+-- [ bridge "lan" ]
 *   follower2 10.0.0.3 --+
 * </pre>
 */
@NetworkTest
@NetNamespace("leader")
@NetNamespace("follower1")
@NetNamespace("follower2")
@Bridge(name = "lan", ports = { @BridgePort(ns = "leader", address = "10.0.0.1/24"),
        @BridgePort(ns = "follower1", address = "10.0.0.2/24"),
        @BridgePort(ns = "follower2", address = "10.0.0.3/24") })
class ReplicatedCounterTest {

    private static final int PORT = 5000;
    private static final Duration UPDATE_EVERY = Duration.ofMillis(20);

    @Test
    void isolatedLeaderStopsReplicationAndFollowersCatchUpAfterHeal(Topology lan) throws Exception {
        try (Follower f1 = Follower.start(lan.ns("follower1")); Follower f2 = Follower.start(lan.ns("follower2"));
                Leader leader = Leader.start(lan.ns("leader"), "10.0.0.2", "10.0.0.3")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> f1.value() > 10 && f2.value() > 10);

            try (Cut cut = lan.isolate("leader")) {
                // Every count sent from here on is sent under the cut: no follower may ever hold one.
                long leaderAtCut = leader.value();
                await().atMost(Duration.ofSeconds(10)).alias("the leader keeps counting")
                        .until(() -> leader.value() > leaderAtCut + 10);

                assertThat(f1.value()).as("follower1 while %s", cut).isLessThanOrEqualTo(leaderAtCut);
                assertThat(f2.value()).as("follower2 while %s", cut).isLessThanOrEqualTo(leaderAtCut);
            }

            long leaderAtHeal = leader.value();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> f1.value() >= leaderAtHeal && f2.value() >= leaderAtHeal);
        }
    }

    /** Counts every {@link #UPDATE_EVERY} and sends the count to every follower. */
    static final class Leader implements AutoCloseable {
        private final AtomicLong counter = new AtomicLong();
        private final DatagramSocket socket;
        private final Future<?> loop;

        private Leader(NetNs ns, List<InetAddress> followers) throws Exception {
            socket = ns.datagramSocket(0);
            loop = ns.submit(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    byte[] b = ByteBuffer.allocate(8).putLong(counter.incrementAndGet()).array();
                    for (InetAddress f : followers) {
                        socket.send(new DatagramPacket(b, b.length, f, PORT));
                    }
                    Thread.sleep(UPDATE_EVERY.toMillis());
                }
                return null;
            });
        }

        static Leader start(NetNs ns, String... followers) throws Exception {
            List<InetAddress> addresses = new java.util.ArrayList<>();
            for (String f : followers) {
                addresses.add(InetAddress.getByName(f));
            }
            return new Leader(ns, addresses);
        }

        long value() {
            return counter.get();
        }

        @Override
        public void close() {
            loop.cancel(true);
            socket.close();
        }
    }

    /** Keeps the highest count received. */
    static final class Follower implements AutoCloseable {
        private final AtomicLong value = new AtomicLong();
        private final DatagramSocket socket;

        private Follower(NetNs ns) throws Exception {
            socket = ns.datagramSocket(PORT);
            ns.submit(() -> {
                byte[] buf = new byte[8];
                while (!socket.isClosed()) {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    try {
                        socket.receive(p);
                    } catch (java.io.IOException e) {
                        return null; // closed
                    }
                    value.accumulateAndGet(ByteBuffer.wrap(buf).getLong(), Math::max);
                }
                return null;
            });
        }

        static Follower start(NetNs ns) throws Exception {
            return new Follower(ns);
        }

        long value() {
            return value.get();
        }

        @Override
        public void close() {
            socket.close();
        }
    }
}
