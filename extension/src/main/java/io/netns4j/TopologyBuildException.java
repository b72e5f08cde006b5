package io.netns4j;

/**
 * The kernel refused a step of building a valid topology. Everything built before the failing step has been removed;
 * the cause names the request, the errno and the kernel's own message.
 */
public final class TopologyBuildException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The exception for a build step that failed, with the kernel's error as its cause. */
    public TopologyBuildException(String message, Throwable cause) {
        super(message, cause);
    }
}
