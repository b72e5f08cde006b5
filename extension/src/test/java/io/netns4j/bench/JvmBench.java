package io.netns4j.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs {@link SuiteBench} in a child JVM per pool mode, one mode after the other, and prints its figures side by side:
 * the 500-test suite and the JVM at N namespaces.
 */
final class JvmBench {

    private static final List<String> MODES = List.of("on", "off");

    private final List<String> java;
    private final String witnessNs;

    /**
     * @param java
     *            the command line of a JVM with the benchmark's class path, less the main class
     * @param witnessNs
     *            a named namespace the suite's witness veths end in
     */
    JvmBench(List<String> java, String witnessNs) {
        this.java = java;
        this.witnessNs = witnessNs;
    }

    /** Runs {@code SuiteBench suite} in each pool mode and prints the table. */
    void suite(int tests) {
        Map<String, Map<String, Long>> r = new LinkedHashMap<>();
        for (String mode : MODES) {
            // Witness names: "on17c", "of17s"; PeerBench's own are "w<N>".
            r.put(mode, child(mode, "suite", Integer.toString(tests), witnessNs, mode.substring(0, 2)));
        }
        long window = r.get("on").get("window");
        System.out.printf(
                "%nJUnit suite of %d tests, each with topology a (@NetworkTest, @NetNamespace client and server,"
                        + " @VethLink with addresses) and an empty body, against the same %d tests without topology (run before"
                        + " and after it); then the suite again, witnessed; one child JVM per pool mode, one after the other.%n",
                tests, tests);
        System.out.println("A test's time: from its start to its end as JUnit reports them, less its body; in ms,"
                + " median (p10-p90).");
        String fmt = "  %-52s %20s %20s%n";
        System.out.printf(fmt, "", "pool=on", "pool=off");
        row(fmt, r, "per test with topology a", m -> spread(m, "with"));
        row(fmt, r, "per test without topology", m -> spread(m, "control"));
        row(fmt, r, "per-test overhead (target <= 3 ms)",
                m -> Stats.ms(m.get("overhead")) + (m.get("overhead") <= 3_000_000 ? " ok" : " MISSED"));
        row(fmt, r, "first " + window + " tests, median", m -> Stats.ms(m.get("first")));
        row(fmt, r, "tests " + (window + 1) + "-" + 2 * window + ", median", m -> Stats.ms(m.get("second")));
        row(fmt, r, "last " + window + " tests, median", m -> Stats.ms(m.get("last")));
        row(fmt, r, "last / first (target <= 1.20)", m -> {
            double q = (double) m.get("last") / m.get("first");
            return String.format(Locale.ROOT, "%.2f%s", q, q <= 1.2 ? " ok" : " MISSED");
        });
        row(fmt, r, "the suite, wall time (s)", m -> String.format(Locale.ROOT, "%.1f", m.get("with.wall") / 1e9));
        row(fmt, r, "kernel net_namespace objects (machine-wide): before", m -> Long.toString(m.get("slab.before")));
        row(fmt, r, "  5 s after the suite", m -> Long.toString(m.get("slab.after")));
        System.out.println("  witnessed suite: each body adds a veth from each of its namespaces to a witness namespace"
                + " (ip inside the namespace); the kernel deletes the pair when it dismantles the namespace:");
        row(fmt, r, "per test with topology a (body not counted)", m -> spread(m, "witnessed"));
        row(fmt, r, "  last / first",
                m -> String.format(Locale.ROOT, "%.2f", (double) m.get("witnessed.last") / m.get("witnessed.first")));
        row(fmt, r, "  body: two witness veths by ip", m -> spread(m, "body"));
        row(fmt, r, "all its namespaces freed, after its end (ms)",
                m -> m.get("freed") < 0 ? "not within 5 s" : Stats.ms(m.get("freed")));
        row(fmt, r, "still pending destruction 5 s after (target 0)",
                m -> m.get("pending5s") + " of " + m.get("witnesses") + (m.get("pending5s") == 0 ? " ok" : " MISSED"));
        System.out.println("  (a witness end still listed is a namespace of the suite not yet freed; polled with ip"
                + " every 20 ms. The witness's processes slow each body down, which leaves the kernel time to free the"
                + " namespaces before: the unwitnessed suite above is the tighter churn; for it, the kernel's count of"
                + " net_namespace objects, which other processes on the machine also change, and free slots of"
                + " per-CPU slabs count as allocated.)");
    }

    /** Runs {@code SuiteBench scale} in each pool mode and prints the table. */
    void scale(int n, int k) {
        Map<String, Map<String, Long>> r = new LinkedHashMap<>();
        for (String mode : MODES) {
            r.put(mode, child(mode, "scale", Integer.toString(n), Integer.toString(k)));
        }
        System.out.printf("%n%d namespaces held open (one topology of %d namespaces, no links), user code"
                + " (NetNs.run) in %d of them: the JVM's resident set (VmRSS) and thread count (/proc/self/task);"
                + " one child JVM per pool mode.%n", n, n, k);
        String fmt = "  %-52s %20s %20s%n";
        System.out.printf(fmt, "", "pool=on", "pool=off");
        String[][] points = { { "start", "JVM started, netns4j unused" },
                { "warm", "a first 1-namespace topology closed" }, { "built", n + " namespaces built" },
                { "ran", "user code ran in " + k + " of them" }, { "closed", "after their teardown" } };
        for (String[] p : points) {
            row(fmt, r, p[1] + ": RSS, threads", m -> String.format(Locale.ROOT, "%.0f MB, %d",
                    m.get(p[0] + ".rss") / 1024.0, m.get(p[0] + ".threads")));
        }
        row(fmt, r, "build of the " + n + " namespaces, close (ms)",
                m -> String.format(Locale.ROOT, "%.0f, %.0f", m.get("build") / 1e6, m.get("close") / 1e6));
        row(fmt, r, "RSS with them built and used (target <= 200 MB)", m -> {
            long mb = Math.max(m.get("built.rss"), m.get("ran.rss")) / 1024;
            return mb + " MB" + (mb <= 200 ? " ok" : " MISSED");
        });
        row(fmt, r, "peak RSS of the JVM (VmHWM), after teardown", m -> m.get("closed.hwm") / 1024 + " MB");
        row(fmt, r, "threads = C + x per namespace that ran user code: C", m -> Long.toString(m.get("built.threads")));
        row(fmt, r, "  x (target <= 1)", m -> {
            double x = (double) (m.get("ran.threads") - m.get("built.threads")) / k;
            return String.format(Locale.ROOT, "%.2f%s", x, x <= 1 ? " ok" : " MISSED");
        });
        row(fmt, r, "  x counting netns4j's threads only",
                m -> String.format(Locale.ROOT, "%.2f", (double) (m.get("ran.own") - m.get("built.own")) / k));
        row(fmt, r, "  threads the " + n + " idle namespaces added to C",
                m -> Long.toString(m.get("built.threads") - m.get("warm.threads")));
        System.out.println("  (the JVM starts threads of its own at any time, a GC or JIT compiler thread: the"
                + " second x counts only the threads named netns4j-*.)");
    }

    private interface Cell {
        String of(Map<String, Long> m);
    }

    private static void row(String fmt, Map<String, Map<String, Long>> r, String label, Cell cell) {
        List<String> cells = new ArrayList<>();
        for (String mode : MODES) {
            Map<String, Long> m = r.get(mode);
            String c;
            try {
                c = m.containsKey("failed") ? "failed" : cell.of(m);
            } catch (RuntimeException e) {
                c = "n/a";
            }
            cells.add(c);
        }
        System.out.printf(fmt, label, cells.get(0), cells.get(1));
    }

    private static String spread(Map<String, Long> m, String key) {
        return Stats.ms(m.get(key + ".median")) + " (" + Stats.ms(m.get(key + ".p10")) + "-"
                + Stats.ms(m.get(key + ".p90")) + ")";
    }

    /**
     * Runs {@code SuiteBench args} in a JVM with {@code -Dnetns4j.pool=mode}; answers its {@code R KEY VALUE} lines as
     * a map, with {@code failed} if it exited with an error.
     */
    private Map<String, Long> child(String mode, String... args) {
        List<String> cmd = new ArrayList<>(java);
        cmd.add(cmd.size() - 2, "-D" + PeerBench.POOL_PROPERTY + "=" + mode);
        cmd.add(SuiteBench.class.getName());
        cmd.addAll(List.of(args));
        System.err.printf("PeerBench: %s with pool=%s%n", String.join(" ", args), mode);
        Map<String, Long> r = new LinkedHashMap<>();
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    String[] w = line.split(" ");
                    if (w.length == 3 && w[0].equals("R")) {
                        r.put(w[1], Long.parseLong(w[2]));
                    } else {
                        System.err.println(line);
                    }
                }
            }
            int rc = p.waitFor();
            if (rc != 0) {
                System.err.printf("PeerBench: SuiteBench %s with pool=%s exited with %d%n", args[0], mode, rc);
                r.put("failed", (long) rc);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return r;
    }
}
