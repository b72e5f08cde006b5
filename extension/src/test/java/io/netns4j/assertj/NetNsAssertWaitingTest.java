package io.netns4j.assertj;

import static io.netns4j.assertj.Assertions.assertThat;
import static io.netns4j.assertj.Assertions.tcp;
import static java.lang.String.format;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netns4j.Link;
import io.netns4j.NetNs;
import io.netns4j.RouteInfo;
import io.netns4j.ThrowingRunnable;
import io.netns4j.Topology;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link NetNsAssert#eventually()} and {@link NetNsAssert#within(Duration)}: a check that becomes true while it is
 * repeated passes; one that stays false fails with a message naming the timeout and what the last attempt saw.
 *
 * <pre>
 * client                        server
 *   eth0  10.0.0.1/24 ---------- eth0  10.0.0.2/24
 *   flapc 10.1.0.1/24 ---------- flaps 10.1.0.2/24   taken down and up by the tests, restored after each
 * </pre>
 */
@DisplayName("NetNsAssert eventually() / within()")
class NetNsAssertWaitingTest {

    /** Long enough for a change made 300 ms into the wait, short enough to keep the failing cases quick. */
    private static final Duration DELAY = Duration.ofMillis(300);

    private static Topology net;
    private static NetNs client;
    private static NetNs server;
    private static Link flapc;

    @BeforeAll
    static void build() {
        net = Topology.builder().namespace("client").namespace("server")
                .veth("client", "10.0.0.1/24", "server", "10.0.0.2/24").veth("client", "server",
                        v -> v.aName("flapc").aAddress("10.1.0.1/24").bName("flaps").bAddress("10.1.0.2/24"))
                .build();
        client = net.ns("client");
        server = net.ns("server");
        flapc = net.link("client", "flapc");
    }

    @AfterAll
    static void tearDown() {
        if (net != null) {
            net.close();
        }
    }

    /** Puts flapc back as built: up, carrying its route, MTU 1500. */
    @AfterEach
    void restoreFlapc() {
        flapc.setMtu(1500);
        flapc.up();
        await("flapc up again").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> flapc.info().isOperationallyUp()
                        && client.routes().stream().map(RouteInfo::toString).anyMatch("10.1.0.0/24 dev flapc"::equals));
    }

    @Test
    void eventuallyReachesAServerThatStartsLater() throws Exception {
        AtomicReference<ServerSocket> started = new AtomicReference<>();
        assertThat(client).cannotReach(tcp("10.0.0.2", 8082));
        Later later = Later.run(DELAY, () -> started.set(server.serverSocket(8082)));
        try {
            assertThat(client).eventually().canReach(tcp("10.0.0.2", 8082));
        } finally {
            later.join();
            if (started.get() != null) {
                started.get().close();
            }
        }
    }

    @Test
    void withinSeesALinkComeUp() throws Exception {
        flapc.down();
        assertThat(client).hasInterface("flapc").down();
        assertThat(client).cannotPing("10.1.0.2");
        Later later = Later.run(DELAY, flapc::up);
        try {
            assertThat(client).within(Duration.ofSeconds(5)).hasInterface("flapc").up();
            assertThat(client).within(Duration.ofSeconds(5)).hasRoute("10.1.0.0/24").canPing("10.1.0.2");
        } finally {
            later.join();
        }
    }

    @Test
    void withinFailsNamingTheTimeoutAndTheLastAttempt() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> assertThat(client).within(Duration.ofMillis(500)).canReach(tcp("10.0.0.2", 8089)))
                .isInstanceOf(AssertionError.class)
                .hasMessage(format("%nExpecting namespace:%n  client%nto reach:%n  tcp 10.0.0.2:8089%n"
                        + "but the connection failed: Connection refused%n"
                        + "within 500 ms (the last of the attempts made until then)"));
        org.assertj.core.api.Assertions.assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("time spent retrying").isBetween(Duration.ofMillis(500), Duration.ofSeconds(5));
    }

    @Test
    void withinFailsOnAnInterfaceThatStaysDown() {
        flapc.down();
        assertThatThrownBy(() -> assertThat(client).within(Duration.ofMillis(500)).hasInterface("flapc").up())
                .isInstanceOf(AssertionError.class)
                .hasMessage(format("%nExpecting interface:%n  flapc in namespace client%n"
                        + "to be operationally up, but its state is DOWN (administratively down)%n"
                        + "within 500 ms (the last of the attempts made until then)"));
    }

    @Test
    void withinReportsTheStateSeenLastNotFirst() throws Exception {
        // the MTU changes from 1500 to 1400 during the wait, and never becomes 9000
        Later later = Later.run(DELAY, () -> flapc.setMtu(1400));
        try {
            assertThatThrownBy(
                    () -> assertThat(client).within(Duration.ofMillis(1500)).hasInterface("flapc").withMtu(9000))
                            .isInstanceOf(AssertionError.class)
                            .hasMessage(format("%nExpecting interface:%n  flapc in namespace client%n"
                                    + "to have MTU 9000, but it has 1400%n"
                                    + "within 1500 ms (the last of the attempts made until then)"));
        } finally {
            later.join();
        }
    }

    @Test
    void withinFailsOnAnInterfaceThatNeverAppears() {
        assertThatThrownBy(() -> assertThat(client).within(Duration.ofMillis(300)).hasInterface("eth9"))
                .isInstanceOf(AssertionError.class)
                .hasMessage(format("%nExpecting namespace:%n  client%nto have interface:%n  eth9%n"
                        + "but it has:%n  lo, eth0, flapc%nwithin 300 ms (the last of the attempts made until then)"));
    }

    /** Runs a change on a thread of its own after a delay; {@link #join()} waits for it and rethrows its failure. */
    private static final class Later {
        private final Thread thread;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        private Later(Duration delay, ThrowingRunnable change) {
            thread = new Thread(() -> {
                try {
                    Thread.sleep(delay.toMillis());
                    change.run();
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "later");
        }

        static Later run(Duration delay, ThrowingRunnable change) {
            Later later = new Later(delay, change);
            later.thread.start();
            return later;
        }

        void join() throws InterruptedException {
            thread.join();
            if (failure.get() != null) {
                throw new AssertionError("the delayed change failed", failure.get());
            }
        }
    }
}
