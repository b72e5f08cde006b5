package io.netns4j.internal.sys;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * An open file descriptor, closed exactly once. Every descriptor the library opens is opened with {@code O_CLOEXEC} (or
 * {@code SOCK_CLOEXEC}), so no child process inherits it.
 */
public final class Fd implements AutoCloseable {

    private final AtomicInteger fd;
    private final String what;

    Fd(int fd, String what) {
        this.fd = new AtomicInteger(fd);
        this.what = what;
    }

    /** The descriptor number; throws if it was closed. */
    public int get() {
        int v = fd.get();
        if (v < 0) {
            throw new IllegalStateException(what + " is closed");
        }
        return v;
    }

    public boolean isOpen() {
        return fd.get() >= 0;
    }

    /** Closes the descriptor; later calls do nothing. */
    @Override
    public void close() {
        int v = fd.getAndSet(-1);
        if (v >= 0) {
            Sys.closeFd(v, what);
        }
    }

    @Override
    public String toString() {
        return what + " (fd " + fd.get() + ")";
    }
}
