package io.netns4j.bench;

import io.netns4j.NetNs;
import io.netns4j.NetworkTest;
import io.netns4j.Topology;
import io.netns4j.TopologyBuilder;
import io.netns4j.annotations.NetNamespace;
import io.netns4j.annotations.Ns;
import io.netns4j.annotations.VethLink;
import io.netns4j.bench.Netns4jPeer.Body;
import io.netns4j.bench.Netns4jPeer.Timing;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The JVM-wide figures of {@link PeerBench}, each run in a child JVM of its own per pool mode, answering
 * {@code R KEY VALUE} lines on its standard output for PeerBench to tabulate side by side.
 *
 * <p>
 * {@code suite TESTS WITNESS_NS PREFIX}: a JUnit suite of TESTS tests, each with topology a ({@link WithTopology}), run
 * through a {@code Launcher} in this JVM between two runs of the same suite without a topology ({@link Control}). A
 * test's time is from its start to its end as JUnit reports them (the topology's build and teardown included) less its
 * body; the per-test overhead is the median with the topology less the median without. Each body of the suite with
 * topology adds, untimed, a veth from each of its two namespaces to the named namespace WITNESS_NS (far ends
 * {@code PREFIX<i>c} and {@code PREFIX<i>s}): when the kernel dismantles a namespace it unregisters its devices and so
 * deletes the pair, so a far end still listed in WITNESS_NS is a namespace of the suite not yet freed (still pending
 * destruction, or still held). After the suite it counts them until none is left, and 5 s after.
 *
 * <p>
 * {@code scale N K}: the JVM's resident set ({@code VmRSS}) and thread count ({@code /proc/self/task}) before netns4j
 * is used, after a first one-namespace topology, with one topology of N namespaces built, after running user code
 * ({@code NetNs.run}) in K of them, and after its teardown.
 */
public final class SuiteBench {

    /** The number of invocations of each suite's test template. */
    static volatile int tests;
    static volatile String witnessPrefix;

    private SuiteBench() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        switch (args.length > 0 ? args[0] : "") {
        case "suite" -> suite(out, Integer.parseInt(args[1]), args[2], args[3]);
        case "scale" -> scale(out, Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        default -> throw new IllegalArgumentException(
                "usage: SuiteBench suite TESTS WITNESS_NS PREFIX | SuiteBench scale N K");
        }
    }

    // ---- the suite

    private static void suite(PrintStream out, int n, String witnessNs, String prefix) throws Exception {
        tests = n;
        witnessPrefix = prefix;
        List<Long> control = new ArrayList<>();
        List<Long> with;
        List<Long> witnessed;
        List<Long> bodies = new ArrayList<>();
        long slabBefore;
        long slabAfter;
        long suiteEnd;
        try (LauncherSession session = LauncherFactory.openSession()) {
            control.addAll(run(session, Control.class, Body.Action.NOTHING, null, n, null));
            slabBefore = netNamespaceObjects();
            long t0 = System.nanoTime();
            with = run(session, WithTopology.class, Body.Action.NOTHING, null, n, null);
            suiteEnd = System.nanoTime();
            out.printf("R with.wall %d%n", suiteEnd - t0);
            TimeUnit.SECONDS.sleep(5);
            slabAfter = netNamespaceObjects();
            control.addAll(run(session, Control.class, Body.Action.NOTHING, null, n, null));
            witnessed = run(session, WithTopology.class, Body.Action.WITNESS, witnessNs, n, bodies);
            suiteEnd = System.nanoTime();
        }
        int window = Math.max(1, Math.min(100, n / 5));
        out.printf("R tests %d%nR window %d%n", n, window);
        out.printf("R slab.before %d%nR slab.after %d%n", slabBefore, slabAfter);
        put(out, "control", control);
        put(out, "with", with);
        put(out, "witnessed", witnessed);
        put(out, "body", bodies);
        out.printf("R overhead %d%nR first %d%nR last %d%n", Stats.median(with) - Stats.median(control),
                Stats.median(with.subList(0, window)), Stats.median(with.subList(n - window, n)));
        out.printf("R second %d%n", Stats.median(with.subList(Math.min(window, n - 1), Math.min(2 * window, n))));
        out.printf("R witnessed.first %d%nR witnessed.last %d%n", Stats.median(witnessed.subList(0, window)),
                Stats.median(witnessed.subList(n - window, n)));

        // Until every witness end is gone, then 5 s after the suite's end.
        long allGone = -1;
        int left = witnesses(witnessNs, prefix);
        long deadline = suiteEnd + TimeUnit.SECONDS.toNanos(5);
        while (left > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
            left = witnesses(witnessNs, prefix);
        }
        if (left == 0) {
            allGone = System.nanoTime() - suiteEnd;
        }
        long wait = deadline - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
        out.printf("R witnesses %d%nR freed %d%nR pending5s %d%n", 2 * n, allGone, witnesses(witnessNs, prefix));
    }

    /**
     * The kernel's count of allocated {@code struct net} objects, machine-wide ({@code net_namespace} slab cache), or
     * -1 if not readable. An upper bound: free slots of the slabs cached per CPU count as allocated.
     */
    private static long netNamespaceObjects() {
        try {
            return Long.parseLong(
                    Files.readString(Path.of("/sys/kernel/slab/net_namespace/objects")).split(" ")[0].trim());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static void put(PrintStream out, String key, List<Long> samples) {
        out.printf("R %s.median %d%nR %s.p10 %d%nR %s.p90 %d%n", key, Stats.median(samples), key,
                Stats.percentile(samples, 0.1), key, Stats.percentile(samples, 0.9));
    }

    /**
     * Runs every test of {@code testClass}; answers each test's time from start to finish less its body, in order; adds
     * the bodies' durations to {@code bodies} if not null.
     */
    private static List<Long> run(LauncherSession session, Class<?> testClass, Body.Action action, String witnessNs,
            int n, List<Long> bodies) {
        Body.reset(action, witnessNs, null);
        Timing timing = new Timing();
        session.getLauncher().execute(Netns4jPeer.request(testClass), timing);
        timing.check(n);
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long[] t = timing.tests.get(i);
            long[] b = Body.runs.get(i);
            times.add(t[1] - t[0] - (b[1] - b[0]));
            if (bodies != null) {
                bodies.add(b[1] - b[0]);
            }
        }
        return times;
    }

    /** The number of links in {@code witnessNs} whose name starts with {@code prefix}. */
    private static int witnesses(String witnessNs, String prefix) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ip", "-n", witnessNs, "-o", "link", "show")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String listing = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("ip -n " + witnessNs + " link show failed");
        }
        // "12: on3c@if11: <BROADCAST,..." : the name is the second field, up to '@' or ':'.
        return (int) listing.lines().map(l -> l.split(" ")[1]).filter(name -> name.startsWith(prefix)).count();
    }

    /** Invokes its test template {@link SuiteBench#tests} times. */
    static final class Repeat implements TestTemplateInvocationContextProvider {
        @Override
        public boolean supportsTestTemplate(ExtensionContext context) {
            return true;
        }

        @Override
        public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
            return IntStream.rangeClosed(1, tests).mapToObj(i -> new TestTemplateInvocationContext() {
                @Override
                public String getDisplayName(int invocationIndex) {
                    return "test " + invocationIndex;
                }
            });
        }
    }

    /** The suite: every test gets topology a (two namespaces, one veth, addresses, both ends up). */
    @NetworkTest
    @NetNamespace("client")
    @NetNamespace("server")
    @VethLink(a = "client", aAddress = "10.0.0.1/24", b = "server", bAddress = "10.0.0.2/24")
    public static class WithTopology {
        @TestTemplate
        @ExtendWith(Repeat.class)
        void test(@Ns("client") NetNs client, @Ns("server") NetNs server) {
            Body.run(client, server, witnessPrefix + (Body.runs.size() + 1));
        }
    }

    /** The same suite without a topology. */
    public static class Control {
        @TestTemplate
        @ExtendWith(Repeat.class)
        void test() {
            Body.run(null, null, null);
        }
    }

    // ---- N namespaces

    private static void scale(PrintStream out, int n, int k) throws Exception {
        sample(out, "start");
        try (Topology one = Topology.builder().namespace("one").build()) {
            one.ns("one").run(() -> {
            });
        }
        sample(out, "warm");
        TopologyBuilder b = Topology.builder();
        for (int i = 0; i < n; i++) {
            b.namespace("n" + i);
        }
        long t0 = System.nanoTime();
        Topology net = b.build();
        out.printf("R build %d%n", System.nanoTime() - t0);
        try {
            sample(out, "built");
            for (int i = 0; i < k; i++) {
                net.ns("n" + i).run(() -> {
                });
            }
            sample(out, "ran");
        } finally {
            t0 = System.nanoTime();
            net.close();
            out.printf("R close %d%n", System.nanoTime() - t0);
        }
        sample(out, "closed");
    }

    private static void sample(PrintStream out, String when) throws IOException {
        long rss = -1;
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
            } else if (line.startsWith("VmHWM:")) {
                out.printf("R %s.hwm %s%n", when, line.replaceAll("[^0-9]", ""));
            }
        }
        List<String> names = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    names.add(Files.readString(task.resolve("comm")).trim());
                } catch (IOException e) {
                    // ended since the listing
                }
            }
        }
        long own = names.stream().filter(name -> name.startsWith("netns4j")).count();
        out.printf("R %s.rss %d%nR %s.threads %d%nR %s.own %d%n", when, rss, when, names.size(), when, own);
    }
}
