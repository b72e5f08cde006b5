package io.netns4j.leaks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netns4j.Topology;
import io.netns4j.testsupport.Leftovers;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Many build/teardown cycles in one JVM leak no descriptor, no thread and no namespace: the counts after 1,000 cycles
 * are those after a warm-up of 100 (give or take a small slack for the JDK's own lazily started threads).
 */
class CycleTest {

    private static final int WARM_UP = 100;
    private static final int CYCLES = 1_000;
    private static final int SLACK = 10;

    @Test
    void thousandCyclesLeaveDescriptorsThreadsAndNamespacesFlat() throws Exception {
        Leftovers.Snapshot before = Leftovers.snapshot();
        Set<String> made = new HashSet<>();
        int perCycle = Integer.MAX_VALUE;
        String root = Proc.rootInode();
        Sample warm = null;
        long t0 = System.nanoTime();
        long tWarm = 0;
        for (int i = 1; i <= CYCLES; i++) {
            try (Topology net = Topology.builder().namespace("a").namespace("b")
                    .veth("a", "10.0.0.1/24", "b", "10.0.0.2/24").build()) {
                Set<String> held = Proc.namespacesHeldBy(ProcessHandle.current().pid());
                held.remove(root);
                perCycle = Math.min(perCycle, held.size());
                made.addAll(held);
                if (i % 100 == 0) {
                    assertThat(net.ns("a").ping("10.0.0.2", 1, Duration.ofSeconds(2)).allReceived())
                            .as("ping in cycle %d", i).isTrue();
                }
            }
            if (i == WARM_UP) {
                warm = Sample.take();
                tWarm = System.nanoTime();
            }
        }
        long t1 = System.nanoTime();
        Sample end = Sample.take();
        System.out.printf("[CycleTest] %d cycles in %.1f s: %.0f cycles/s overall, %.0f cycles/s after warm-up%n",
                CYCLES, (t1 - t0) / 1e9, CYCLES / ((t1 - t0) / 1e9), (CYCLES - WARM_UP) / ((t1 - tWarm) / 1e9));
        System.out.printf("[CycleTest] after cycle %d: %s; after cycle %d: %s%n", WARM_UP, warm, CYCLES, end);

        // the kernel reuses a freed namespace's inode number, so distinct identities are fewer than namespaces made
        assertThat(perCycle).as("namespaces of a topology seen held while it lives").isGreaterThanOrEqualTo(2);
        assertThat(end.fds).as("open fds after %d cycles vs after %d (%s)", CYCLES, WARM_UP, warm)
                .isLessThanOrEqualTo(warm.fds + SLACK);
        assertThat(end.tasks).as("OS threads after %d cycles vs after %d (%s)", CYCLES, WARM_UP, warm)
                .isLessThanOrEqualTo(warm.tasks + SLACK);
        assertThat(end.javaThreads).as("Thread.activeCount() after %d cycles vs after %d (%s)", CYCLES, WARM_UP, warm)
                .isLessThanOrEqualTo(warm.javaThreads + SLACK);
        long tc = System.nanoTime();
        await("no namespace of the cycles held, no process in one, no root link").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(Proc.leftoversSince(before, made)).isEmpty());
        assertThat(Proc.referencesTo(made)).as("anything on the host holding a namespace of the cycles").isEmpty();
        System.out.printf("[CycleTest] leftovers empty %.0f ms after the last teardown%n",
                (System.nanoTime() - tc) / 1e6);
    }

    private record Sample(int fds, int tasks, int javaThreads) {
        static Sample take() {
            return new Sample(Proc.ownFdCount(), Proc.ownThreadCount(), Thread.activeCount());
        }

        @Override
        public String toString() {
            return fds + " fds, " + tasks + " OS threads, " + javaThreads + " Java threads (active count)";
        }
    }
}
