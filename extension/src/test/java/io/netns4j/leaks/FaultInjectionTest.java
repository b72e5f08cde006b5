package io.netns4j.leaks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proof by fault injection: a JVM killed with SIGKILL at a random point — while it builds a topology, while a test body
 * runs with programs, captures, an nftables cut, nftables loss and a qdisc in force, or while it tears down — leaves
 * nothing behind: no namespace, no process, no bind mount, and no change to the root namespace's links or nftables
 * ruleset.
 *
 * <p>
 * Each trial starts {@link FaultTrialMain} in a child JVM, waits a random time, then freezes the child with SIGSTOP:
 * that instant is the kill point. While it is frozen the test records everything the child holds: the namespaces of its
 * threads and descriptors (the bridge's hidden one included, and one half-built), its descendant processes (the
 * library's watchdog included) and the processes living in those namespaces. Then SIGKILL, and a bounded wait (the
 * kernel frees namespaces asynchronously, and the watchdog needs a moment to kill programs) until none of it remains.
 * The child's memory-mapped marker, read while it is frozen, says which phase the kill hit.
 *
 * <p>
 * The trials are drawn from a seeded random generator; the seed is printed, and {@code -Dnetns4j.faultSeed=N} replays a
 * run. {@code -Dnetns4j.faultTrials=N} changes the number of trials (default {@value #DEFAULT_TRIALS}, split evenly
 * among the phases).
 */
class FaultInjectionTest {

    private static final int DEFAULT_TRIALS = 120;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CLEAN_TIMEOUT = Duration.ofSeconds(20);

    enum Phase {
        BUILD(FaultTrialMain.BUILDING), BODY(FaultTrialMain.IN_BODY), TEARDOWN(FaultTrialMain.TEARING_DOWN);

        final int marker;

        Phase(int marker) {
            this.marker = marker;
        }

        static String of(int marker) {
            for (Phase p : values()) {
                if (p.marker == marker) {
                    return p.name();
                }
            }
            return marker == FaultTrialMain.STARTING ? "STARTING" : "BETWEEN";
        }
    }

    @TempDir
    Path dir;

    private HeldJvm child;
    private long childStartTicks;
    private final List<ProcessHandle> recorded = new ArrayList<>();

    @Test
    void sigkillAtRandomPointsLeavesNothingBehind() throws Exception {
        long seed = Long.getLong("netns4j.faultSeed", System.nanoTime() ^ ProcessHandle.current().pid());
        int trials = Integer.getInteger("netns4j.faultTrials", DEFAULT_TRIALS);
        System.out.printf("[FaultInjectionTest] seed %d (replay: -Dnetns4j.faultSeed=%d), %d trials%n", seed, seed,
                trials);
        Random random = new Random(seed);
        List<Phase> plan = new ArrayList<>();
        for (int i = 0; i < trials; i++) {
            plan.add(Phase.values()[i % Phase.values().length]);
        }
        Collections.shuffle(plan, random);

        Map<Phase, Integer> targeted = new EnumMap<>(Phase.class);
        Map<String, Integer> landed = new HashMap<>();
        Map<String, List<Double>> cleanMillis = new java.util.TreeMap<>();
        int namespacesSeen = 0;
        int processesSeen = 0;
        long t0 = System.nanoTime();
        for (int trial = 1; trial <= trials; trial++) {
            Phase phase = plan.get(trial - 1);
            Trial t = runTrial(trial, phase, random, seed);
            targeted.merge(phase, 1, Integer::sum);
            landed.merge(t.landedIn, 1, Integer::sum);
            cleanMillis.computeIfAbsent(t.landedIn, p -> new ArrayList<>()).add(t.cleanMillis);
            namespacesSeen += t.namespaces;
            processesSeen += t.processes;
        }
        double total = (System.nanoTime() - t0) / 1e9;

        List<Double> all = new ArrayList<>();
        cleanMillis.values().forEach(all::addAll);
        System.out.printf("[FaultInjectionTest] %d trials in %.1f s (seed %d); targeted %s; the kill landed in %s%n",
                trials, total, seed, targeted, new java.util.TreeMap<>(landed));
        System.out.printf("[FaultInjectionTest] recorded at the kill points: %d namespaces, %d processes"
                + " (descendants and programs in the namespaces)%n", namespacesSeen, processesSeen);
        cleanMillis.forEach((p, ms) -> System.out.printf(
                "[FaultInjectionTest] killed in %-8s %3d trials, clean after the kill: median %s, max %s%n", p,
                ms.size(), median(ms), max(ms)));
        System.out.printf(
                "[FaultInjectionTest] all trials         %3d trials, clean after the kill: median %s, max %s%n",
                all.size(), median(all), max(all));
        for (Phase p : Phase.values()) {
            assertThat(landed.getOrDefault(p.name(), 0)).as("kills that landed in phase %s (of %s)", p, landed)
                    .isGreaterThanOrEqualTo(trials / Phase.values().length / 2);
        }
    }

    private record Trial(String landedIn, double cleanMillis, int namespaces, int processes) {
    }

    private Trial runTrial(int trial, Phase phase, Random random, long seed) throws Exception {
        String rootNs = Proc.rootInode();
        Set<String> linksBefore = Proc.rootLinks();
        String nftBefore = nftRuleset();
        Path markerFile = dir.resolve("marker-" + trial);
        MappedByteBuffer marker = FaultTrialMain.map(markerFile);
        child = HeldJvm.start(FaultTrialMain.class, markerFile.toString(), phase == Phase.BODY ? "body" : "loop");
        String where = String.format("trial %d (%s, seed %d), child pid %d", trial, phase, seed, child.pid());
        String[] childStat = statFields(child.pid());
        childStartTicks = childStat == null ? 0 : Long.parseLong(childStat[19]);

        if (phase == Phase.BODY) {
            child.awaitLine(l -> l.startsWith("READY"), START_TIMEOUT);
            sleepMillis(random.nextInt(300));
        } else {
            // from the first build on (it starts the watchdog and loads the classes: a kill point of its own), a
            // random time, then into the targeted phase at a random depth
            awaitMarker(marker, m -> m != FaultTrialMain.STARTING, where);
            sleepMillis(random.nextInt(400));
            awaitMarker(marker, m -> m == phase.marker, where);
            // a teardown of this topology takes about a millisecond, a build a few
            LockSupport.parkNanos(random.nextInt(phase == Phase.TEARDOWN ? 600_000 : 3_000_000));
        }

        // At once, not through a kill(1) process: a teardown takes well under the few milliseconds one needs.
        io.netns4j.internal.sys.Sys.kill((int) child.pid(), SIGSTOP);
        awaitStopped(child.pid(), where);
        int markerAtKill = marker.getInt(0);
        Set<String> namespaces = Proc.namespacesHeldBy(child.pid());
        namespaces.remove(rootNs);
        Set<Long> pids = new LinkedHashSet<>(descendantsOf(child.pid()));
        pids.addAll(Proc.pidsIn(namespaces));
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(recorded::add);
        }
        long killedAt = System.nanoTime();
        child.process().destroyForcibly();

        List<String> problems = List.of();
        long deadline = killedAt + CLEAN_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            problems = leftovers(namespaces, linksBefore, nftBefore);
            if (problems.isEmpty()) {
                break;
            }
            sleepMillis(5);
        }
        double cleanMillis = (System.nanoTime() - killedAt) / 1e6;
        assertThat(problems).as(
                "what remains %d ms after SIGKILL in %s, kill landed in %s; recorded namespaces %s,"
                        + " processes %s%n%s",
                CLEAN_TIMEOUT.toMillis(), where, Phase.of(markerAtKill), namespaces, pids, child.output()).isEmpty();
        child.close();
        child = null;
        recorded.clear();
        Files.deleteIfExists(markerFile);
        return new Trial(Phase.of(markerAtKill), cleanMillis, namespaces.size(), pids.size());
    }

    /** Everything of the killed child that is still there, as readable lines; empty when all is clean. */
    private List<String> leftovers(Set<String> namespaces, Set<String> linksBefore, String nftBefore) {
        List<String> out = new ArrayList<>();
        if (child.process().isAlive()) {
            out.add("the child JVM is alive");
        }
        for (ProcessHandle p : recorded) {
            if (Proc.isRunning(p)) {
                out.add("process " + p.pid() + " `" + p.info().commandLine().orElse("?") + "` runs");
            }
        }
        out.addAll(notForeign(Proc.processesIn(namespaces)));
        if (!out.isEmpty()) {
            return out;
        }
        out.addAll(notForeign(Proc.referencesTo(namespaces)));
        for (String line : readLines(Path.of("/proc/self/mountinfo"))) {
            String[] f = line.split(" ");
            if (f.length > 4 && namespaces.contains(f[3])) {
                out.add("bind mount of " + f[3] + " at " + f[4]);
            }
        }
        for (Path entry : Proc.list(Path.of("/run/netns"))) {
            try {
                String ns = "net:[" + Files.getAttribute(entry, "unix:ino") + "]";
                if (namespaces.contains(ns)) {
                    out.add(entry + " -> " + ns);
                }
            } catch (IOException | UnsupportedOperationException e) {
                // not a namespace (any more)
            }
        }
        if (!out.isEmpty()) {
            return out;
        }
        Set<String> links = Proc.rootLinks();
        if (!links.equals(linksBefore)) {
            out.add("root namespace links " + links + ", before " + linksBefore);
        }
        String nft = nftRuleset();
        if (!nft.equals(nftBefore)) {
            out.add("root namespace nft ruleset now:\n" + nft + "\nbefore:\n" + nftBefore);
        }
        return out;
    }

    private static final java.util.regex.Pattern PID = java.util.regex.Pattern.compile("\\bpid (\\d+) ");

    /**
     * {@code lines} without those about processes that are not the child's: the kernel hands a freed namespace's inode
     * number to the next namespace made on the host, and on a shared machine that may be another program's, whose
     * processes would then look like ours. A process is the child's if it was recorded at the kill point, or descends
     * from one that was, or from the child, or is an orphan (its parent is init) started after the child: a program of
     * the child's that outlived its parent. Every line without a pid is kept.
     */
    private List<String> notForeign(List<String> lines) {
        Set<Long> ours = new java.util.HashSet<>();
        recorded.forEach(p -> ours.add(p.pid()));
        ours.add(child.pid());
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            java.util.regex.Matcher m = PID.matcher(line);
            if (!m.find() || isOurs(Long.parseLong(m.group(1)), ours)) {
                out.add(line);
            }
        }
        return out;
    }

    private boolean isOurs(long pid, Set<Long> ours) {
        for (int depth = 0; depth < 64 && pid > 1; depth++) {
            if (ours.contains(pid)) {
                return true;
            }
            String[] stat = statFields(pid);
            if (stat == null) {
                return true; // gone meanwhile: look again at the next poll
            }
            long ppid = Long.parseLong(stat[1]);
            if (ppid == 1) {
                return Long.parseLong(stat[19]) >= childStartTicks;
            }
            pid = ppid;
        }
        return false;
    }

    /** The fields of {@code /proc/PID/stat} after the command: state, ppid, ... (starttime is [19]); null if gone. */
    private static String[] statFields(long pid) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        int close = stat.lastIndexOf(')');
        return close < 0 || close + 2 >= stat.length() ? null : stat.substring(close + 2).split(" ");
    }

    /** The pids of every process below {@code pid} in the process tree, read from {@code /proc/PID/stat}. */
    private static List<Long> descendantsOf(long pid) {
        Map<Long, List<Long>> children = new HashMap<>();
        for (Path p : Proc.list(Path.of("/proc"))) {
            String name = p.getFileName().toString();
            if (name.isEmpty() || !name.chars().allMatch(Character::isDigit)) {
                continue;
            }
            String stat = read(p.resolve("stat"));
            int close = stat.lastIndexOf(')');
            if (close < 0 || close + 2 >= stat.length()) {
                continue;
            }
            String[] fields = stat.substring(close + 2).split(" ");
            children.computeIfAbsent(Long.parseLong(fields[1]), k -> new ArrayList<>()).add(Long.parseLong(name));
        }
        List<Long> out = new ArrayList<>();
        List<Long> todo = new ArrayList<>(List.of(pid));
        while (!todo.isEmpty()) {
            for (long c : children.getOrDefault(todo.remove(todo.size() - 1), List.of())) {
                out.add(c);
                todo.add(c);
            }
        }
        return out;
    }

    private void awaitMarker(MappedByteBuffer marker, java.util.function.IntPredicate condition, String where)
            throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!condition.test(marker.getInt(0))) {
            if (System.nanoTime() > deadline || !child.process().isAlive()) {
                throw new IllegalStateException("The child of " + where + " did not reach the expected phase (marker "
                        + marker.getInt(0) + ", alive " + child.process().isAlive() + ")\n" + child.output());
            }
            LockSupport.parkNanos(50_000);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    /** Waits until the kernel reports every thread of {@code pid} stopped ({@code T}). */
    private static void awaitStopped(long pid, String where) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        Path task = Path.of("/proc", Long.toString(pid), "task");
        while (System.nanoTime() < deadline) {
            boolean all = true;
            for (Path t : Proc.list(task)) {
                String stat = read(t.resolve("stat"));
                int close = stat.lastIndexOf(')');
                if (close > 0 && close + 2 < stat.length() && stat.charAt(close + 2) != 'T') {
                    all = false;
                    break;
                }
            }
            if (all) {
                return;
            }
            LockSupport.parkNanos(100_000);
        }
        throw new IllegalStateException("The child of " + where + " did not stop within 5 s");
    }

    /** {@code SIGSTOP} on x86-64 and arm64 Linux. */
    private static final int SIGSTOP = 19;

    /** The root namespace's nftables ruleset without counter values. */
    private static String nftRuleset() {
        try {
            Process nft = new ProcessBuilder("nft", "list", "ruleset").redirectErrorStream(true).start();
            String out = new String(nft.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            nft.waitFor();
            return out.replaceAll("counter packets \\d+ bytes \\d+", "counter");
        } catch (IOException e) {
            return "nft not runnable: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static void sleepMillis(long ms) throws InterruptedException {
        Thread.sleep(ms);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "";
        }
    }

    private static List<String> readLines(Path p) {
        try {
            return Files.readAllLines(p);
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String median(List<Double> ms) {
        if (ms.isEmpty()) {
            return "-";
        }
        List<Double> sorted = new ArrayList<>(ms);
        Collections.sort(sorted);
        return String.format("%.0f ms", sorted.get(sorted.size() / 2));
    }

    private static String max(List<Double> ms) {
        return ms.isEmpty() ? "-" : String.format("%.0f ms", Collections.max(ms));
    }

    /** Whatever the outcome, kills the child and whatever it was recorded to have started, each by pid. */
    @AfterEach
    void killWhatIsLeft() {
        if (child != null) {
            child.close();
        }
        recorded.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
