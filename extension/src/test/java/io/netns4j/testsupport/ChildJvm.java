package io.netns4j.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A JVM started by a test to run a {@code main} class of the test classpath: for what must happen in a process of its
 * own (a JVM that is killed, a JVM without capabilities). The child gets this JVM's class path as is (a Surefire
 * manifest-only jar works with {@code -cp} too); its standard output is collected line by line, its standard error goes
 * to the test's.
 *
 * <p>
 * {@link #close()} kills the child JVM (by its own process handle) if it still runs.
 */
public final class ChildJvm implements AutoCloseable {

    private final List<String> command;
    private final Process process;
    private final Thread reader;
    private final List<String> lines = new ArrayList<>();

    private ChildJvm(List<String> command, Process process) {
        this.command = command;
        this.process = process;
        this.reader = new Thread(this::readLines, "child-jvm-stdout-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code java -cp <this JVM's class path> main args...}. */
    public static ChildJvm start(Class<?> main, String... args) {
        return start(List.of(), List.of(), main, args);
    }

    /**
     * Starts {@code commandPrefix... java -cp <this JVM's class path> jvmOptions... main args...}, e.g. with the prefix
     * {@code setpriv --bounding-set=-net_admin ...} to run the child with fewer capabilities.
     */
    public static ChildJvm start(List<String> commandPrefix, List<String> jvmOptions, Class<?> main, String... args) {
        return start(commandPrefix, System.getProperty("java.class.path"), jvmOptions, main, args);
    }

    /**
     * Starts {@code commandPrefix... java -cp classPath jvmOptions... main args...}: with a class path of its own, e.g.
     * a {@linkplain ReadableClassPath copy} that another user can read.
     */
    public static ChildJvm start(List<String> commandPrefix, String classPath, List<String> jvmOptions, Class<?> main,
            String... args) {
        return start(commandPrefix, javaExecutable(), classPath, jvmOptions, main, args);
    }

    /**
     * Starts {@code commandPrefix... java -cp classPath jvmOptions... main args...} with {@code java} as the executable
     * (e.g. a launcher script that starts the real one).
     */
    public static ChildJvm start(List<String> commandPrefix, String java, String classPath, List<String> jvmOptions,
            Class<?> main, String... args) {
        List<String> command = new ArrayList<>(commandPrefix);
        command.add(java);
        command.addAll(List.of("-cp", classPath));
        command.addAll(jvmOptions);
        command.add(main.getName());
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            p.getOutputStream().close();
            return new ChildJvm(List.copyOf(command), p);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + command, e);
        }
    }

    /** The {@code java} executable of this JVM. */
    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public Process process() {
        return process;
    }

    public long pid() {
        return process.pid();
    }

    /**
     * The first line the child printed (so far or within {@code timeout}) that matches; lines are kept, so waiting for
     * a later line does not lose an earlier one.
     *
     * @throws AssertionError
     *             if no such line came within the timeout or before the child's output ended, with what it printed
     */
    public String awaitLine(Predicate<String> matching, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            int seen = 0;
            while (true) {
                for (; seen < lines.size(); seen++) {
                    if (matching.test(lines.get(seen))) {
                        return lines.get(seen);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || !reader.isAlive()) {
                    throw new AssertionError("The child JVM " + command + " printed no expected line within " + timeout
                            + (reader.isAlive() ? "" : " (its output ended)") + "; it printed:\n"
                            + String.join("\n", lines));
                }
                TimeUnit.NANOSECONDS.timedWait(lines, Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
            }
        }
    }

    /**
     * Waits until the child ends by itself and returns everything it printed.
     *
     * @throws AssertionError
     *             if it runs longer than {@code timeout}; it is killed then
     */
    public List<String> awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            close();
            throw new AssertionError(
                    "The child JVM " + command + " did not end within " + timeout + "; it printed:\n" + output());
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));
        return lines();
    }

    /** The lines printed so far. */
    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    private String output() {
        return String.join("\n", lines());
    }

    private void readLines() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // the stream closed: the child ended or was killed
        } finally {
            synchronized (lines) {
                lines.notifyAll();
            }
        }
    }

    /** Kills the child JVM if it still runs, and waits for it. */
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
}
