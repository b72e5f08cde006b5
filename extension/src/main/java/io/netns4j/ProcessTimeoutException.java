package io.netns4j;

/** A program run by {@link NetNs#exec} did not finish in time; it was killed. */
public final class ProcessTimeoutException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The exception with its message: the command, the timeout and the output so far. */
    public ProcessTimeoutException(String message) {
        super(message);
    }
}
