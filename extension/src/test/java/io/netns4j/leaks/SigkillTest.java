package io.netns4j.leaks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A test JVM that dies without tearing down (SIGKILL, an OOM kill, a CI timeout) must leave nothing behind: no program
 * it started in a namespace, no namespace, no link in the root namespace. The kernel frees a namespace when its last
 * descriptor closes <em>and its last process exits</em>; nothing in the kernel kills those processes when the JVM dies,
 * so the library must.
 *
 * <p>
 * Each test starts {@link HoldTopologyMain} in a child JVM, waits for it to report its namespaces and programs, records
 * every namespace the child holds (its threads' and its descriptors', which includes the bridge's hidden namespace),
 * kills the child, and waits for the kernel state to be clean.
 */
class SigkillTest {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CLEAN_TIMEOUT = Duration.ofSeconds(10);

    private HeldJvm child;
    private final Set<String> namespaces = new TreeSet<>();
    private final List<ProcessHandle> programs = new ArrayList<>();
    private final List<ProcessHandle> watchdogs = new ArrayList<>();
    private final List<ProcessHandle> strays = new ArrayList<>();

    @Test
    void programsStartedThroughTheLibraryDieWithAKilledJvm() throws Exception {
        Set<String> linksBefore = Proc.rootLinks();
        startChild("library");
        long t0 = System.nanoTime();
        child.process().destroyForcibly();
        awaitClean(linksBefore, t0, "SIGKILL of the JVM; programs from start()/exec()");
    }

    @Test
    void programsStartedByUserCodeInsideANamespaceDieWithAKilledJvm() throws Exception {
        Set<String> linksBefore = Proc.rootLinks();
        startChild("jdk");
        long t0 = System.nanoTime();
        child.process().destroyForcibly();
        awaitClean(linksBefore, t0, "SIGKILL of the JVM; programs from ProcessBuilder inside run()");
    }

    /**
     * With {@code JAVA_TOOL_OPTIONS} set (CI systems set it, and so does the kernel lane), every JVM writes "Picked up
     * JAVA_TOOL_OPTIONS: ..." to its standard error first thing, the watchdog's too: that must not kill it.
     */
    @Test
    void theWatchdogSurvivesAJvmThatSpeaksFirst() throws Exception {
        Set<String> linksBefore = Proc.rootLinks();
        startChild("library", Map.of("JAVA_TOOL_OPTIONS", "-XX:+UseSerialGC"));
        assertThat(watchdogs).as("the child's watchdog").isNotEmpty().allMatch(ProcessHandle::isAlive);
        long t0 = System.nanoTime();
        child.process().destroyForcibly();
        awaitClean(linksBefore, t0, "SIGKILL of a JVM started with JAVA_TOOL_OPTIONS");
    }

    /**
     * Ctrl-C in a terminal, {@code timeout}, a CI runner cancelling a job: these signal the whole process group, which
     * the JVM shares with every child it started through {@link ProcessBuilder}, the library's helper processes
     * included. Simulated by signalling the child JVM and each of its JDK-started children, by pid.
     */
    @Test
    void programsDieWhenTheJvmsWholeProcessGroupIsTerminated() throws Exception {
        Set<String> linksBefore = Proc.rootLinks();
        startChild("library");
        List<ProcessHandle> group = new ArrayList<>();
        group.add(child.process().toHandle());
        long pgid = processGroup(child.pid());
        child.process().children().filter(c -> processGroup(c.pid()) == pgid).forEach(group::add);
        long t0 = System.nanoTime();
        group.forEach(ProcessHandle::destroy);
        awaitClean(linksBefore, t0,
                "SIGTERM to the JVM's process group " + group.stream().map(ProcessHandle::pid).toList());
    }

    private void startChild(String mode) throws InterruptedException {
        startChild(mode, Map.of());
    }

    private void startChild(String mode, Map<String, String> environment) throws InterruptedException {
        child = HeldJvm.start(environment, HoldTopologyMain.class, mode);
        String ready = child.awaitLine(l -> l.startsWith("READY"), READY_TIMEOUT);
        String ns = child.awaitLine(l -> l.startsWith("NS "), Duration.ofSeconds(1));
        for (String pid : ready.substring("READY".length()).trim().split(" ")) {
            ProcessHandle.of(Long.parseLong(pid)).ifPresent(programs::add);
        }
        child.process().children().filter(c -> c.info().commandLine().orElse("").contains("Watchdog"))
                .forEach(watchdogs::add);
        namespaces.addAll(Arrays.asList(ns.substring(3).split(" ")));
        namespaces.addAll(Proc.namespacesHeldBy(child.pid()));
        namespaces.remove(Proc.rootInode());
        assertThat(programs).as("programs reported by the child").isNotEmpty().allMatch(Proc::isRunning);
        assertThat(Proc.processesIn(namespaces)).as("programs in the child's namespaces").hasSize(programs.size());
        System.out.printf("[SigkillTest] child pid %d, namespaces %s, programs %s, watchdog %s%n", child.pid(),
                namespaces, programs.stream().map(ProcessHandle::pid).toList(),
                watchdogs.stream().map(ProcessHandle::pid).toList());
    }

    private void awaitClean(Set<String> linksBefore, long t0, String what) {
        AtomicLong programsDeadAt = new AtomicLong();
        AtomicLong cleanAt = new AtomicLong();
        try {
            await(what).atMost(CLEAN_TIMEOUT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
                    .untilAsserted(() -> {
                        assertThat(child.process().isAlive()).as("child JVM alive").isFalse();
                        assertThat(programs.stream().filter(Proc::isRunning).map(ProcessHandle::pid))
                                .as("programs still running").isEmpty();
                        assertThat(Proc.processesIn(namespaces)).as("processes in the dead JVM's namespaces").isEmpty();
                        programsDeadAt.compareAndSet(0, System.nanoTime());
                        assertThat(Proc.referencesTo(namespaces)).as("threads or fds holding the dead JVM's namespaces")
                                .isEmpty();
                        assertThat(Proc.rootLinks()).as("root namespace links").isEqualTo(linksBefore);
                        cleanAt.compareAndSet(0, System.nanoTime());
                    });
        } catch (AssertionError | RuntimeException e) {
            // Taken now, while those processes still hold the namespaces: once freed, a namespace's inode number may
            // be reused by anyone's new namespace, so the namespaces cannot identify our processes later.
            for (long pid : Proc.pidsIn(namespaces)) {
                ProcessHandle.of(pid).ifPresent(strays::add);
            }
            throw e;
        } finally {
            System.out.printf("[SigkillTest] %s: programs gone %s, namespaces unreferenced %s after the signal%n", what,
                    millisSince(t0, programsDeadAt.get()), millisSince(t0, cleanAt.get()));
        }
    }

    private static String millisSince(long t0, long t) {
        return t == 0 ? "never" : String.format("%.0f ms", (t - t0) / 1e6);
    }

    private static long processGroup(long pid) {
        String stat = readStat(pid).orElse("");
        int close = stat.lastIndexOf(')');
        // after the command: state ppid pgrp ...
        String[] fields = stat.substring(close + 2).split(" ");
        return Long.parseLong(fields[2]);
    }

    private static Optional<String> readStat(long pid) {
        try {
            return Optional.of(Files.readString(Path.of("/proc", pid + "", "stat")));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Whatever the outcome, kills what this test started and what is still alive: the child JVM, the programs it
     * reported, anything else that was in its namespaces when the test failed (all started by the child), and its
     * watchdog. Each by pid, through handles that also check the process's start time.
     */
    @AfterEach
    void killWhatIsLeft() throws InterruptedException {
        if (child != null) {
            child.close();
        }
        programs.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        strays.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        // a watchdog ends by itself once its input closes; give it the time to do its job first
        for (ProcessHandle w : watchdogs) {
            try {
                w.onExit().get(15, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                w.destroyForcibly();
            }
        }
    }
}
