package io.netns4j.leaks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netns4j.Topology;
import io.netns4j.testsupport.Leftovers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Anonymous namespaces cannot collide: two threads building and tearing down topologies with the same namespace names,
 * interface names, bridge name and addresses at the same time never fail, and every ping reaches its own peer.
 */
class ParallelTest {

    private static final int THREADS = 2;
    private static final int ROUNDS = 50;

    @Test
    void twoThreadsBuildIdenticallyNamedTopologiesConcurrently() throws Exception {
        Leftovers.Snapshot before = Leftovers.snapshot();
        Set<String> made = ConcurrentHashMap.newKeySet();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        CyclicBarrier together = new CyclicBarrier(THREADS);
        List<Thread> threads = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int k = 0; k < THREADS; k++) {
            int worker = k;
            Thread t = new Thread(() -> {
                for (int i = 0; i < ROUNDS; i++) {
                    try {
                        together.await(30, TimeUnit.SECONDS);
                        try (Topology net = Topology.builder().namespace("a").namespace("b").veth("a", "b",
                                v -> v.aName("eth0").aAddress("10.0.0.1/24").bName("eth0").bAddress("10.0.0.2/24"))
                                .bridge("br0", o -> o.namedPort("a", "lan0", "10.0.1.1/24").namedPort("b", "lan0",
                                        "10.0.1.2/24"))
                                .build()) {
                            made.add(net.ns("a").run(PinnedNamespaceTest::currentNamespace));
                            made.add(net.ns("b").run(PinnedNamespaceTest::currentNamespace));
                            for (String target : List.of("10.0.0.2", "10.0.1.2")) {
                                var ping = net.ns("a").ping(target, 1, Duration.ofSeconds(2));
                                if (!ping.allReceived()) {
                                    failures.add("worker " + worker + " round " + i + ": " + ping);
                                }
                            }
                        }
                    } catch (Exception | Error e) {
                        failures.add("worker " + worker + " round " + i + ": " + e);
                    }
                }
            }, "parallel-builder-" + k);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join(TimeUnit.MINUTES.toMillis(2));
            assertThat(t.isAlive()).as("%s finished", t.getName()).isFalse();
        }
        System.out.printf("[ParallelTest] %d threads x %d rounds in %.1f s, %d distinct namespaces seen%n", THREADS,
                ROUNDS, (System.nanoTime() - t0) / 1e9, made.size());
        assertThat(failures).as("failures").isEmpty();
        await("nothing left").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(Proc.leftoversSince(before, made)).isEmpty());
    }
}
