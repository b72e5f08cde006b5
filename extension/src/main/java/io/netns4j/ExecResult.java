package io.netns4j;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of a finished program.
 *
 * @param exitCode
 *            the exit status, or 128 + N for a program killed by signal N
 */
public record ExecResult(String namespace, List<String> command, int exitCode, String stdout, String stderr,
        Duration elapsed) {

    /** Whether the program exited with status 0. */
    public boolean succeeded() {
        return exitCode == 0;
    }

    @Override
    public String toString() {
        return "`" + String.join(" ", command) + "` in namespace " + namespace + " exited with " + exitCode + " after "
                + elapsed.toMillis() + " ms" + (stdout.isEmpty() ? "" : "\nstdout:\n" + stdout)
                + (stderr.isEmpty() ? "" : "\nstderr:\n" + stderr);
    }
}
