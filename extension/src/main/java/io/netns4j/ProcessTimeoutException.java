package io.netns4j;

/** A program run by {@link NetNs#exec} did not finish in time; it was killed. */
public final class ProcessTimeoutException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ProcessTimeoutException(String message) {
        super(message);
    }
}
