package io.netns4j;

import java.time.Duration;
import java.util.Optional;

/** A program started in a namespace by {@link NetNs#start}. */
public interface NsProcess extends AutoCloseable {

    /** The process id, as the host's {@code /proc} sees it. */
    int pid();

    /** Whether the program is still running. */
    boolean isAlive();

    /** Waits for the program to end; empty if it is still running after {@code timeout}. */
    Optional<ExecResult> waitFor(Duration timeout) throws InterruptedException;

    /** What the program wrote to its standard output so far. */
    String stdout();

    /** What the program wrote to its standard error so far. */
    String stderr();

    /** Writes to the program's standard input. */
    void writeStdin(byte[] data);

    /** Closes the program's standard input, so it reads end of file. */
    void closeStdin();

    /** Sends SIGTERM to the program's process group. */
    void terminate();

    /** Sends SIGKILL to the program's process group and waits for the program to end. */
    void kill();

    /** Kills the program if it is still running ({@link #kill()}). */
    @Override
    void close();
}
