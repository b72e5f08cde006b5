package io.netns4j.internal.runtime;

import io.netns4j.internal.sys.Fd;
import io.netns4j.internal.sys.Sys;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The library's own short work inside a namespace (opening a socket or a device, reading a sysctl, spawning a program):
 * done by a few shared root-namespace threads that enter the namespace for one task and leave it right after. No thread
 * is started per namespace for this, and none stays inside one: a namespace holds threads only while user code runs in
 * it ({@link Namespace#run}).
 *
 * <p>
 * A descriptor keeps the namespace of the thread that created it, so what a task opens stays bound to the namespace
 * after the thread has left. Tasks must be short and must not start threads (a thread started inside would stay there).
 */
final class NamespaceHop {

    /** Enough for parallel test classes; idle threads end after a while. */
    private static final int THREADS = 4;

    private static final ThreadPoolExecutor HOPPERS = hoppers();

    /** Whether the calling thread is a hop thread. */
    private static final ThreadLocal<Boolean> ON_HOP_THREAD = ThreadLocal.withInitial(() -> false);

    private NamespaceHop() {
    }

    private static ThreadPoolExecutor hoppers() {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(THREADS, THREADS, 10, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    // The pool grows from whatever thread submits: each task starts by entering the root namespace.
                    Thread t = new Thread(r, "netns4j-hop-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    /**
     * Runs {@code task} inside the namespace of {@code namespace} on a library thread and returns its result; its
     * exception is rethrown as is.
     */
    static <T> T call(Fd namespace, Callable<T> task) throws Exception {
        return await(start(() -> {
            Sys.setns(namespace);
            return task.call();
        }));
    }

    /**
     * Starts {@code task} on a library thread of the root namespace; whatever namespace the task moves the thread into,
     * the thread returns to the root namespace afterwards.
     */
    static <T> CompletableFuture<T> start(Callable<T> task) {
        if (ON_HOP_THREAD.get()) {
            // A task waiting for another task could take every hop thread and wait forever.
            throw new IllegalStateException("netns4j library work inside a namespace may not start more of it");
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        HOPPERS.execute(() -> {
            ON_HOP_THREAD.set(true);
            T value = null;
            Throwable failure = null;
            try {
                RootNamespace.get().enter();
                value = task.call();
            } catch (Throwable e) {
                failure = e;
            }
            // Out of the namespace before the caller hears back: a caller that tears the namespace down next must
            // not find this thread still inside. (If leaving fails, the caller hears back and the thread ends.)
            try {
                leave();
            } finally {
                if (failure == null) {
                    result.complete(value);
                } else {
                    result.completeExceptionally(failure);
                }
            }
        });
        return result;
    }

    /** The result of a task started here; its exception is rethrown as is. Waits through interruptions. */
    static <T> T await(CompletableFuture<T> result) throws Exception {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return result.get();
                } catch (InterruptedException e) {
                    // The task is short and already under way; what it opens must not be lost.
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw failure(e);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * What a task threw, to rethrow as is: the exception of {@code e}; an error is thrown from here; {@code e} itself
     * if its cause is neither.
     */
    static Exception failure(ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof Exception ex) {
            return ex;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        return e;
    }

    /**
     * Back to the root namespace; a thread that cannot get back must not run another task, so it ends (the pool
     * replaces it).
     */
    private static void leave() {
        try {
            RootNamespace.get().enter();
        } catch (RuntimeException | Error e) {
            throw new IllegalStateException("A netns4j library thread could not return to the root namespace", e);
        }
    }
}
