package io.netns4j.internal.sys;

/**
 * A system call failed. The message names the call with its arguments and the errno symbol and text:
 * {@code setns(fd 12, CLONE_NEWNET) failed: EPERM (Operation not permitted)}.
 */
public final class SyscallException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String call;
    private final int errno;

    public SyscallException(String call, int errno) {
        super(call + " failed: " + Errno.describe(errno));
        this.call = call;
        this.errno = errno;
    }

    /** The call as written in the message, e.g. {@code setns(fd 12, CLONE_NEWNET)}. */
    public String call() {
        return call;
    }

    /** The errno value. */
    public int errno() {
        return errno;
    }

    /** Whether the errno is the given one. */
    public boolean is(Errno e) {
        return errno == e.number();
    }
}
