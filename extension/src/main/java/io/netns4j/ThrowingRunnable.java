package io.netns4j;

/** A block of code that returns nothing and may throw, for {@link NetNs#run(ThrowingRunnable)}. */
@FunctionalInterface
public interface ThrowingRunnable {
    /**
     * Runs the code.
     *
     * @throws Exception
     *             whatever the code throws
     */
    void run() throws Exception;
}
