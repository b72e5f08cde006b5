package io.netns4j.leaks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netns4j.Topology;
import io.netns4j.testsupport.Leftovers;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Many build/teardown cycles in one JVM leak no descriptor, no thread, no memory and no namespace. The figures (open
 * descriptors, OS and Java threads, resident set size, heap in use after a full GC) are printed at the start, every
 * {@value #REPORT_EVERY} cycles and at the end; those at the end are compared with those after a warm-up of half the
 * cycles:
 * <ul>
 * <li>descriptors and threads: equal, give or take {@value #SLACK} (the JDK starts a few threads lazily);</li>
 * <li>heap in use after a full GC: at most {@value #HEAP_SLACK_MB} MiB more (a leak of 500 bytes a cycle would exceed
 * it);</li>
 * <li>resident set size: the lowest VmRSS of a block of {@value #REPORT_EVERY} cycles (read after a full GC every
 * {@value #RSS_EVERY} cycles) at most {@value #RSS_SLACK_MB} MiB above that of the last warm-up block. A single reading
 * swings by up to 100 MiB here, with the heap regions the collector happens to keep, and the lowest one still climbs by
 * steps of about 10 MiB in the first few thousand cycles (the heap, the JVM's and glibc's native caches growing to
 * their working size); over the last 5,000 cycles it grew by 0.7 to 1.9 MiB in three runs here, and it levels off: in a
 * run of 30,000 cycles it grew by 0.2 MiB from cycle 19,000 to the end. A leak of native memory of 2 KiB a cycle would
 * exceed the slack.</li>
 * </ul>
 * {@code -Dnetns4j.cycles=N} changes the number of cycles (default {@value #CYCLES}).
 */
class CycleTest {

    private static final int CYCLES = 10_000;
    private static final int REPORT_EVERY = 1_000;
    private static final int SLACK = 10;
    private static final int HEAP_SLACK_MB = 2;
    private static final int RSS_SLACK_MB = 8;
    private static final int RSS_EVERY = 50;

    @Test
    void tenThousandCyclesLeaveDescriptorsThreadsMemoryAndNamespacesFlat() throws Exception {
        int cycles = Integer.getInteger("netns4j.cycles", CYCLES);
        int warmUp = Math.max(REPORT_EVERY, cycles / 2) / REPORT_EVERY * REPORT_EVERY;
        Leftovers.Snapshot before = Leftovers.snapshot();
        Set<String> made = new HashSet<>();
        int perCycle = Integer.MAX_VALUE;
        String root = Proc.rootInode();
        System.out.printf("[CycleTest] %-14s %s%n", "start:", Sample.take());
        Sample warm = null;
        long blockMinRssKb = Long.MAX_VALUE;
        long warmMinRssKb = 0;
        long lastMinRssKb = 0;
        long t0 = System.nanoTime();
        long tWarm = 0;
        for (int i = 1; i <= cycles; i++) {
            try (Topology net = Topology.builder().namespace("a").namespace("b")
                    .veth("a", "10.0.0.1/24", "b", "10.0.0.2/24").build()) {
                if (i % 100 == 0) {
                    Set<String> held = Proc.namespacesHeldBy(ProcessHandle.current().pid());
                    held.remove(root);
                    perCycle = Math.min(perCycle, held.size());
                    made.addAll(held);
                    assertThat(net.ns("a").ping("10.0.0.2", 1, Duration.ofSeconds(2)).allReceived())
                            .as("ping in cycle %d", i).isTrue();
                }
            }
            if (i % RSS_EVERY == 0) {
                System.gc();
                blockMinRssKb = Math.min(blockMinRssKb, Sample.readRssKb());
            }
            if (i % REPORT_EVERY == 0 || i == cycles) {
                Sample s = Sample.take();
                System.out.printf("[CycleTest] %-14s %s; lowest RSS of the block %.1f MiB (%.0f cycles/s so far)%n",
                        "cycle " + i + ":", s, blockMinRssKb / 1024.0, i / ((System.nanoTime() - t0) / 1e9));
                if (i == warmUp) {
                    warm = s;
                    warmMinRssKb = blockMinRssKb;
                    tWarm = System.nanoTime();
                }
                lastMinRssKb = blockMinRssKb;
                blockMinRssKb = Long.MAX_VALUE;
            }
        }
        long t1 = System.nanoTime();
        Sample end = Sample.take();
        System.out.printf("[CycleTest] %d cycles in %.1f s: %.0f cycles/s overall, %.0f cycles/s after warm-up%n",
                cycles, (t1 - t0) / 1e9, cycles / ((t1 - t0) / 1e9), (cycles - warmUp) / ((t1 - tWarm) / 1e9));
        System.out.printf("[CycleTest] after the warm-up (cycle %d): %s%n", warmUp, warm);
        System.out.printf("[CycleTest] at the end (cycle %d):      %s%n", cycles, end);
        System.out.printf(
                "[CycleTest] change: %+d fds, %+d OS threads, %+d Java threads, %+.1f MiB heap used,"
                        + " %+.1f MiB lowest RSS of a block (%.1f MiB in cycles %d-%d, %.1f MiB in the last %d)%n",
                end.fds - warm.fds, end.tasks - warm.tasks, end.javaThreads - warm.javaThreads,
                (end.heapUsedKb - warm.heapUsedKb) / 1024.0, (lastMinRssKb - warmMinRssKb) / 1024.0,
                warmMinRssKb / 1024.0, warmUp - REPORT_EVERY + 1, warmUp, lastMinRssKb / 1024.0, REPORT_EVERY);

        // the kernel reuses a freed namespace's inode number, so distinct identities are fewer than namespaces made
        assertThat(perCycle).as("namespaces of a topology seen held while it lives").isGreaterThanOrEqualTo(2);
        assertThat(end.fds).as("open fds after %d cycles vs after %d (%s)", cycles, warmUp, warm)
                .isLessThanOrEqualTo(warm.fds + SLACK);
        assertThat(end.tasks).as("OS threads after %d cycles vs after %d (%s)", cycles, warmUp, warm)
                .isLessThanOrEqualTo(warm.tasks + SLACK);
        assertThat(end.javaThreads).as("Thread.activeCount() after %d cycles vs after %d (%s)", cycles, warmUp, warm)
                .isLessThanOrEqualTo(warm.javaThreads + SLACK);
        assertThat(end.heapUsedKb).as("heap in use after a full GC, kB, after %d cycles vs after %d", cycles, warmUp)
                .isLessThanOrEqualTo(warm.heapUsedKb + HEAP_SLACK_MB * 1024L);
        assertThat(lastMinRssKb).as("lowest VmRSS (kB) of the last %d cycles vs of cycles %d-%d", REPORT_EVERY,
                warmUp - REPORT_EVERY + 1, warmUp).isLessThanOrEqualTo(warmMinRssKb + RSS_SLACK_MB * 1024L);
        long tc = System.nanoTime();
        await("no namespace of the cycles held, no process in one, no root link").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(Proc.leftoversSince(before, made)).isEmpty());
        // This JVM and its children only: the kernel hands a freed namespace's inode number to the next namespace
        // made on the host, and on a shared machine that may be another program's.
        Set<String> ours = new HashSet<>();
        ours.add(" of pid " + ProcessHandle.current().pid() + " ");
        ProcessHandle.current().descendants().forEach(p -> ours.add(" of pid " + p.pid() + " "));
        assertThat(Proc.referencesTo(made)).filteredOn(l -> ours.stream().anyMatch(l::contains))
                .as("anything of this JVM or its children holding a namespace of the cycles").isEmpty();
        System.out.printf("[CycleTest] leftovers empty %.0f ms after the last teardown%n",
                (System.nanoTime() - tc) / 1e6);
    }

    private record Sample(int fds, int tasks, int javaThreads, long heapUsedKb, long rssKb) {
        static Sample take() {
            System.gc();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1024;
            return new Sample(Proc.ownFdCount(), Proc.ownThreadCount(), Thread.activeCount(), heap, readRssKb());
        }

        static long readRssKb() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.substring("VmRSS:".length()).replace("kB", "").trim());
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read /proc/self/status", e);
            }
            throw new IllegalStateException("No VmRSS in /proc/self/status");
        }

        @Override
        public String toString() {
            return String.format("%d fds, %d OS threads, %d Java threads, heap used %.1f MiB, RSS %.1f MiB", fds, tasks,
                    javaThreads, heapUsedKb / 1024.0, rssKb / 1024.0);
        }
    }
}
