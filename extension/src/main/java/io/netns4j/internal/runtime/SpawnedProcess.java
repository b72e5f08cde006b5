package io.netns4j.internal.runtime;

import io.netns4j.ExecResult;
import io.netns4j.NsProcess;
import io.netns4j.internal.sys.Fd;
import io.netns4j.internal.sys.Sys;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A program spawned inside a namespace, in a process group of its own. Its exit is awaited and its output drained by
 * library threads in the root namespace, so neither they nor the JDK's own process reaper pin the test's namespace.
 */
final class SpawnedProcess implements NsProcess {

    /** Output kept per stream; more is dropped and counted. */
    private static final int MAX_OUTPUT = 16 * 1024 * 1024;

    private final String namespace;
    private final List<String> command;
    private final int pid;
    private final Fd stdin;
    private final Output stdout;
    private final Output stderr;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final long startNanos = System.nanoTime();
    private volatile long endNanos;

    SpawnedProcess(String namespace, List<String> command, Sys.Spawned spawned) {
        this.namespace = namespace;
        this.command = command;
        this.pid = spawned.pid();
        this.stdin = spawned.stdin();
        RootNamespace root = RootNamespace.get();
        this.stdout = new Output(spawned.stdout());
        this.stderr = new Output(spawned.stderr());
        root.startThread("netns4j-stdout-" + pid, stdout::drain);
        root.startThread("netns4j-stderr-" + pid, stderr::drain);
        root.startThread("netns4j-wait-" + pid, () -> {
            try {
                int status = Sys.waitpid(pid, 0);
                endNanos = System.nanoTime();
                exit.complete(Sys.exitCode(status));
            } catch (RuntimeException e) {
                exit.completeExceptionally(e);
            }
        });
    }

    @Override
    public int pid() {
        return pid;
    }

    @Override
    public boolean isAlive() {
        return !exit.isDone();
    }

    @Override
    public Optional<ExecResult> waitFor(Duration timeout) throws InterruptedException {
        int code;
        try {
            code = exit.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Waiting for pid " + pid + " failed", e.getCause());
        }
        // The pipes reach end of file when the last writer exits; a detached grandchild may keep them
        // open, so the output is taken as it is after a short grace.
        stdout.awaitEnd(200);
        stderr.awaitEnd(200);
        return Optional.of(
                new ExecResult(namespace, command, code, stdout(), stderr(), Duration.ofNanos(endNanos - startNanos)));
    }

    @Override
    public String stdout() {
        return stdout.text();
    }

    @Override
    public String stderr() {
        return stderr.text();
    }

    @Override
    public void writeStdin(byte[] data) {
        int off = 0;
        while (off < data.length) {
            byte[] chunk = off == 0 ? data : java.util.Arrays.copyOfRange(data, off, data.length);
            off += Sys.write(stdin, chunk, chunk.length);
        }
    }

    @Override
    public void closeStdin() {
        stdin.close();
    }

    @Override
    public void terminate() {
        signal(Sys.SIGTERM);
    }

    private void signal(int sig) {
        if (!exit.isDone()) {
            Sys.kill(-pid, sig);
            Sys.kill(pid, sig);
        }
    }

    @Override
    public void kill() {
        signal(Sys.SIGKILL);
        try {
            exit.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // reported by whoever waits for it
        }
        stdin.close();
        stdout.stop();
        stderr.stop();
    }

    @Override
    public void close() {
        kill();
    }

    @Override
    public String toString() {
        return "pid " + pid + " `" + String.join(" ", command) + "` in namespace " + namespace;
    }

    /** One output pipe, drained until end of file or until stopped. */
    private static final class Output {
        private final Fd fd;
        private final Fd wake = Sys.eventfd("wake-up of an output pump");
        private final ByteArrayOutputStream data = new ByteArrayOutputStream();
        private final CompletableFuture<Void> ended = new CompletableFuture<>();
        private long dropped;

        Output(Fd fd) {
            this.fd = fd;
        }

        void drain() {
            byte[] buf = new byte[8192];
            try {
                while (true) {
                    short[] ready = Sys.pollIn(-1, fd, wake);
                    if (ready[1] != 0 || ready[0] == 0) {
                        break;
                    }
                    int n = Sys.read(fd, buf);
                    if (n <= 0) {
                        break;
                    }
                    synchronized (data) {
                        int keep = Math.min(n, MAX_OUTPUT - data.size());
                        data.write(buf, 0, Math.max(keep, 0));
                        dropped += n - Math.max(keep, 0);
                    }
                }
            } catch (RuntimeException e) {
                // the descriptor was closed under us: the output ends here
            } finally {
                fd.close();
                wake.close();
                ended.complete(null);
            }
        }

        void awaitEnd(long millis) {
            try {
                ended.get(millis, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                // cannot happen: completed normally only
            }
        }

        void stop() {
            if (!ended.isDone() && wake.isOpen()) {
                try {
                    Sys.signal(wake);
                } catch (RuntimeException e) {
                    // already closing
                }
            }
        }

        String text() {
            synchronized (data) {
                String s = data.toString(StandardCharsets.UTF_8);
                return dropped == 0 ? s : s + "\n[netns4j: " + dropped + " more bytes dropped]";
            }
        }
    }
}
