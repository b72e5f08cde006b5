package io.netns4j.internal.runtime;

import io.netns4j.Netns4jConfig;
import io.netns4j.Topology;
import io.netns4j.internal.sys.Fd;
import io.netns4j.internal.sys.Sys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Keeps the topology of a failed test alive so that a person can look at it with the usual tools, before it is torn
 * down: the value of {@value Netns4jConfig#KEEP_ON_FAILURE} ({@code false}, {@code true} or a duration) and what
 * {@link #hold} does with it.
 *
 * <h2>While kept</h2> Every namespace gets a name under {@code /run/netns} ({@link DebugNames}); a hint names the
 * commands that enter each ({@code ip netns exec <name> bash}, or {@code nsenter --net=/proc/<pid>/fd/<n> bash} where
 * names cannot be made, e.g. without privileges for {@code mount}), and is also written to {@value #MARKER} in the
 * test's report directory.
 *
 * <h2>Release</h2> The topology is released when the duration has passed, when {@value #MARKER} is deleted, when the
 * thread is interrupted, or when Enter is pressed on the JVM's controlling terminal if the JVM runs in the terminal's
 * foreground process group (a Surefire fork started from an interactive {@code mvn} does; a CI job has no terminal).
 * Standard input is never read: Surefire uses it for its own commands. Then the names are removed and the usual
 * teardown follows, which ends every process in the namespaces, shells opened with {@code ip netns exec} included.
 */
public final class KeepOnFailure {

    /** The file in the test's report directory whose deletion releases the topology; it holds the hint. */
    public static final String MARKER = "kept.txt";

    private static final Duration POLL = Duration.ofMillis(100);

    /** Not kept: the default. */
    public static final KeepOnFailure OFF = new KeepOnFailure(Duration.ZERO);

    /** Kept until released; null duration. */
    private final Duration duration;

    private KeepOnFailure(Duration duration) {
        this.duration = duration;
    }

    /**
     * Reads a value of {@value Netns4jConfig#KEEP_ON_FAILURE}: {@code false}, {@code true} (until released) or a
     * duration ({@code 30s}, {@code 500ms}, {@code 2m}, {@code PT30S}, or plain seconds).
     *
     * @param where
     *            names the value's origin in an error message, e.g. {@code Configuration netns4j.keepOnFailure}
     *
     * @throws IllegalArgumentException
     *             naming {@code where}, the value and the values that are valid
     */
    public static KeepOnFailure parse(String value, String where) {
        String v = value.trim();
        if (v.equalsIgnoreCase("false")) {
            return OFF;
        }
        if (v.equalsIgnoreCase("true")) {
            return new KeepOnFailure(null);
        }
        Duration d;
        try {
            d = Durations.parse(v, Netns4jConfig.KEEP_ON_FAILURE);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(invalid(value, where, "is neither true, false nor a duration"), e);
        }
        if (d.isNegative()) {
            throw new IllegalArgumentException(invalid(value, where, "is a negative duration"));
        }
        return d.isZero() ? OFF : new KeepOnFailure(d);
    }

    private static String invalid(String value, String where, String why) {
        return where + " = \"" + value + "\" " + why + ". Use \"false\" (do not keep; the default), \"true\" (keep"
                + " until released) or how long to keep the topology of a failed test, like \"30s\", \"2m\" or"
                + " \"PT30S\".";
    }

    /** Whether a failed test's topology is kept at all. */
    public boolean isOn() {
        return duration == null || !duration.isZero();
    }

    /** How long it is kept; empty if until released. */
    public java.util.Optional<Duration> duration() {
        return java.util.Optional.ofNullable(duration);
    }

    @Override
    public String toString() {
        return duration == null ? "true" : duration.isZero() ? "false" : duration.toString();
    }

    /**
     * Keeps the topology alive as the class comment says, then removes its names; the caller tears it down as usual.
     *
     * @param test
     *            the failed test, as the hint names it
     * @param directory
     *            the test's report directory, where {@value #MARKER} goes
     * @param hint
     *            receives the hint (several lines) once the names exist
     *
     * @return what released the topology, e.g. {@code "30 s passed"}
     */
    public String hold(Topology topology, String test, Path directory, Consumer<String> hint) {
        if (!isOn()) {
            throw new IllegalStateException("keepOnFailure is off");
        }
        if (!(topology instanceof LiveTopology live)) {
            throw new IllegalArgumentException("netns4j cannot keep " + topology + ": it was not built by netns4j");
        }
        DebugNames names = null;
        RuntimeException namesFailed = null;
        try {
            names = DebugNames.mount(live);
        } catch (RuntimeException e) {
            namesFailed = e;
        }
        Path marker = directory.toAbsolutePath().resolve(MARKER);
        try {
            long deadline = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
            try (Fd terminal = foregroundTerminal()) {
                String text = hint(live, test, names, namesFailed, marker, terminal != null);
                Files.createDirectories(directory);
                Files.writeString(marker, text, StandardCharsets.UTF_8);
                hint.accept(text);
                return await(deadline, marker, terminal);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + marker, e);
        } finally {
            try {
                Files.deleteIfExists(marker);
            } catch (IOException e) {
                // the hint outlives the topology; harmless
            }
            if (names != null) {
                names.close();
            }
        }
    }

    private String await(long deadline, Path marker, Fd terminal) {
        boolean tty = terminal != null;
        while (true) {
            if (!Files.exists(marker)) {
                return marker + " was deleted";
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return human(duration) + " passed";
            }
            if (Thread.currentThread().isInterrupted()) {
                return "the test's thread was interrupted";
            }
            long wait = Math.min(left, POLL.toNanos());
            if (tty) {
                short revents = Sys.pollIn((int) Math.max(1, wait / 1_000_000), terminal)[0];
                if ((revents & (Sys.POLLERR | Sys.POLLHUP)) != 0) {
                    tty = false;
                } else if ((revents & Sys.POLLIN) != 0) {
                    byte[] line = new byte[256];
                    int n = Sys.read(terminal, line);
                    if (n <= 0) {
                        tty = false;
                    } else if (line[n - 1] == '\n') {
                        return "Enter was pressed";
                    }
                }
            } else {
                LockSupport.parkNanos(wait);
            }
        }
    }

    /**
     * {@code /dev/tty} if the JVM has a controlling terminal and runs in its foreground process group (reading it from
     * the background would stop the JVM with SIGTTIN), else null.
     */
    private static Fd foregroundTerminal() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields 5 (pgrp), 7 (tty_nr), 8 (tpgid) of proc(5), counted from 3 (state)
            String pgrp = f[5 - 3];
            String ttyNr = f[7 - 3];
            String tpgid = f[8 - 3];
            if (ttyNr.equals("0") || !tpgid.equals(pgrp)) {
                return null;
            }
            return Sys.open("/dev/tty", Sys.O_RDONLY | Sys.O_NONBLOCK);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private String hint(LiveTopology topology, String test, DebugNames names, RuntimeException namesFailed, Path marker,
            boolean tty) {
        StringBuilder b = new StringBuilder();
        b.append("netns4j keeps the topology of the failed test ").append(test).append(' ');
        if (duration == null) {
            b.append("until it is released.\n");
        } else {
            LocalTime until = LocalTime.now().plus(duration).truncatedTo(ChronoUnit.SECONDS);
            b.append("for ").append(human(duration)).append(" (until ")
                    .append(until.format(DateTimeFormatter.ISO_LOCAL_TIME)).append(").\n");
        }
        long pid = ProcessHandle.current().pid();
        if (names == null) {
            b.append("Its namespaces have no names under ").append(DebugNames.DIRECTORY).append(" (")
                    .append(namesFailed.getMessage()).append("); enter them with nsenter:\n");
        } else {
            b.append("Enter its namespaces with:\n");
        }
        Map<String, Namespace> all = topology.allNamespaces();
        int width = all.keySet().stream().mapToInt(String::length).max().orElse(0);
        List<DebugNames.Entry> entries = names == null ? List.of() : names.entries();
        for (Map.Entry<String, Namespace> e : all.entrySet()) {
            String label = String.format("  %-" + width + "s  ", e.getKey());
            String pad = " ".repeat(label.length());
            String nsenter = "nsenter --net=/proc/" + pid + "/fd/" + e.getValue().fd().get() + " bash";
            var entry = entries.stream().filter(x -> x.ns().equals(e.getKey())).findFirst();
            if (entry.isPresent()) {
                b.append(label).append("ip netns exec ").append(entry.get().name()).append(" bash\n");
                b.append(pad).append(nsenter).append('\n');
            } else {
                b.append(label).append(nsenter).append('\n');
            }
        }
        b.append("Release it now: ");
        if (tty) {
            b.append("press Enter in this terminal, or ");
        }
        b.append("rm ").append(marker).append('\n');
        return b.toString();
    }

    private static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
