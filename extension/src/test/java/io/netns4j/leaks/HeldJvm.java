package io.netns4j.leaks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A second JVM that a leak test keeps running while it looks at it: {@code java -cp <this JVM's java.class.path>
 * MainClass args...}, with its output captured line by line while it runs and its {@link Process} exposed, so that the
 * test can kill it. ({@code io.netns4j.testsupport.ChildJvm} runs a JUnit fixture to its end instead.)
 *
 * <p>
 * Start it from a thread of the root network namespace (a test's own thread is). {@link #close()} kills the child
 * forcibly if it still runs; it never touches any other process.
 */
final class HeldJvm implements AutoCloseable {

    private final Process process;
    private final List<String> stdout = new ArrayList<>();
    private final List<String> stderr = new ArrayList<>();
    private final Thread outPump;

    private HeldJvm(Process process) {
        this.process = process;
        this.outPump = pump(process.getInputStream(), stdout, "stdout");
        pump(process.getErrorStream(), stderr, "stderr");
    }

    /** Starts {@code java -cp <classpath> main args...}. */
    static HeldJvm start(Class<?> main, String... args) {
        return start(Map.of(), main, args);
    }

    /** Starts {@code java -cp <classpath> main args...} with {@code environment} added to this JVM's. */
    static HeldJvm start(Map<String, String> environment, Class<?> main, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto"));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        try {
            ProcessBuilder builder = new ProcessBuilder(cmd);
            builder.environment().putAll(environment);
            return new HeldJvm(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + cmd, e);
        }
    }

    Process process() {
        return process;
    }

    long pid() {
        return process.pid();
    }

    /** Everything written so far, for failure messages. */
    String output() {
        synchronized (stdout) {
            synchronized (stderr) {
                return "--- stdout of pid " + process.pid() + "\n" + String.join("\n", stdout) + "\n--- stderr\n"
                        + String.join("\n", stderr);
            }
        }
    }

    /**
     * Waits for a line of standard output that matches {@code match} and returns it.
     *
     * @throws IllegalStateException
     *             if the child ends or {@code timeout} passes first (with the output so far)
     */
    String awaitLine(Predicate<String> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (stdout) {
            int seen = 0;
            while (true) {
                for (; seen < stdout.size(); seen++) {
                    if (match.test(stdout.get(seen))) {
                        return stdout.get(seen);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || !outPump.isAlive()) {
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(stdout, Math.min(left, 50_000_000L));
            }
        }
        throw new IllegalStateException("The child JVM did not print the expected line within " + timeout.toMillis()
                + " ms (alive: " + process.isAlive() + ")\n" + output());
    }

    /** Kills the child with SIGKILL (if it still runs) and waits for it. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Thread pump(InputStream in, List<String> lines, String which) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(line);
                        lines.notifyAll();
                    }
                }
            } catch (IOException e) {
                // the stream was closed: the child ended
            } finally {
                synchronized (lines) {
                    lines.notifyAll();
                }
            }
        }, "held-jvm-" + which + "-" + process.pid());
        t.setDaemon(true);
        t.start();
        return t;
    }
}
