package io.netns4j.internal.runtime;

import io.netns4j.Netns4jConfig;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where builds get their namespaces: made on the spot by a few parallel library threads, or taken from a warm pool that
 * a library thread fills ahead while tests run ({@link Netns4jConfig#POOL}).
 *
 * <p>
 * A pooled namespace is exactly what a build would make ({@link Namespace#createFresh()}) and has never been handed
 * out: nothing is ever given back to the pool, so isolation is that of a namespace made on the spot. The pool keeps as
 * many ready as the biggest of the last {@value #DEMAND_WINDOW} builds that used it took, up to the configured size; it
 * shrinks again when builds get smaller. Pooled namespaces die with the JVM like any other (they are held by
 * descriptors only) and are watched from birth by the watchdog.
 */
public final class NamespacePool {

    /** How many recent builds the pool's size follows. */
    static final int DEMAND_WINDOW = 16;

    /** Threads that make namespaces on the spot, in parallel: the kernel's work is most of the cost. */
    private static final int MAKERS = Math.max(2, Runtime.getRuntime().availableProcessors());

    /**
     * How long after a build the filler waits before it refills: builds that follow each other closer than that (a
     * suite of tests with empty bodies) leave no idle time to fill, and a filler working between them would only
     * compete with them and with the kernel's teardown of their namespaces.
     */
    static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    /** Pause of the filler after it failed to make a namespace (descriptors exhausted...). */
    private static final long BACKOFF_MILLIS = 1_000;

    private static final NamespacePool INSTANCE = new NamespacePool();

    private final Deque<Namespace.Fresh> ready = new ArrayDeque<>();
    private final int[] demand = new int[DEMAND_WINDOW];
    private int demandNext;
    private int target;
    private Thread filler;
    /** Whether the filler is making a namespace now (it is not in {@link #ready} yet). */
    private boolean making;
    /** Builds under way: the filler waits for them, so that it does not compete with them for the kernel. */
    private int building;
    /** When the last build ended; the filler starts only after {@link #QUIET_NANOS} without one. */
    private long lastBuildEnd = System.nanoTime() - QUIET_NANOS;

    private NamespacePool() {
    }

    /** The JVM's pool. */
    public static NamespacePool get() {
        return INSTANCE;
    }

    /**
     * {@code count} fresh namespaces: with {@code usePool}, first those the pool has ready, and the pool is told the
     * demand (and started, the first time); the rest are made now. On failure nothing is left and the failure is
     * thrown.
     *
     * @param poolSize
     *            the most namespaces the pool may keep ready
     */
    List<Namespace.Fresh> take(int count, boolean usePool, int poolSize) {
        List<Namespace.Fresh> out = new ArrayList<>(count);
        if (usePool && poolSize > 0) {
            synchronized (this) {
                demand[demandNext] = count;
                demandNext = (demandNext + 1) % DEMAND_WINDOW;
                target = Math.min(poolSize, Arrays.stream(demand).max().orElse(0));
                while (out.size() < count && !ready.isEmpty()) {
                    out.add(ready.pollFirst());
                }
                if (filler == null) {
                    filler = RootNamespace.get().startThread("netns4j-pool", this::fill);
                }
                notifyAll();
            }
        }
        try {
            out.addAll(make(count - out.size()));
        } catch (RuntimeException | Error e) {
            out.forEach(Namespace.Fresh::release);
            throw e;
        }
        return out;
    }

    /**
     * A build with the pool on begins: until it {@linkplain #buildEnds() ends}, the filler waits, so as not to compete
     * with it for the kernel (it refills while the test runs).
     */
    synchronized void buildStarts() {
        building++;
    }

    /** A build begun with {@link #buildStarts()} is over, built or failed. */
    synchronized void buildEnds() {
        building--;
        lastBuildEnd = System.nanoTime();
        notifyAll();
    }

    /** Makes {@code count} namespaces now, on parallel library threads (as many as there are CPUs, at least 2). */
    static List<Namespace.Fresh> make(int count) {
        if (count <= 0) {
            return List.of();
        }
        Namespace.Fresh[] made = new Namespace.Fresh[count];
        AtomicInteger next = new AtomicInteger();
        List<CompletableFuture<Void>> makers = new ArrayList<>();
        for (int m = 0; m < Math.min(count, MAKERS); m++) {
            makers.add(NamespaceHop.start(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    made[i] = Namespace.createFresh();
                }
                return null;
            }));
        }
        Throwable failure = null;
        for (CompletableFuture<Void> m : makers) {
            try {
                NamespaceHop.await(m);
            } catch (Exception | Error e) {
                // Stop the other makers early: they take the next index and find none left.
                next.set(count);
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            for (Namespace.Fresh f : made) {
                if (f != null) {
                    f.release();
                }
            }
            if (failure instanceof RuntimeException r) {
                throw r;
            }
            if (failure instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("Making namespaces failed", failure);
        }
        return List.of(made);
    }

    /** The filler: keeps {@link #target} namespaces ready. Runs on its own library thread for the JVM's life. */
    private void fill() {
        while (true) {
            Namespace.Fresh surplus = null;
            synchronized (this) {
                while (true) {
                    long quietFor = System.nanoTime() - lastBuildEnd;
                    if (ready.size() != target && building == 0 && quietFor >= QUIET_NANOS) {
                        break;
                    }
                    try {
                        if (ready.size() != target && building == 0) {
                            TimeUnit.NANOSECONDS.timedWait(this, QUIET_NANOS - quietFor);
                        } else {
                            wait();
                        }
                    } catch (InterruptedException e) {
                        // A daemon thread of the library: nobody else may stop it.
                    }
                }
                if (ready.size() > target) {
                    surplus = ready.pollLast();
                }
                // drain() waits until a namespace being made, or being released, is dealt with
                making = true;
            }
            if (surplus != null) {
                try {
                    surplus.release();
                } finally {
                    synchronized (this) {
                        making = false;
                        notifyAll();
                    }
                }
                continue;
            }
            try {
                Namespace.Fresh f = Namespace.createFresh();
                synchronized (this) {
                    ready.addLast(f);
                    making = false;
                    notifyAll();
                }
            } catch (RuntimeException | Error e) {
                synchronized (this) {
                    making = false;
                    notifyAll();
                }
                // Builds make what the pool lacks, and report the kernel's refusal themselves.
                try {
                    TimeUnit.MILLISECONDS.sleep(BACKOFF_MILLIS);
                } catch (InterruptedException ie) {
                    // as above
                }
            }
        }
    }

    /** How many namespaces are ready now. */
    public synchronized int ready() {
        return ready.size();
    }

    /** The identities ({@code net:[inode]}) of the namespaces ready now. */
    public synchronized List<String> readyInodes() {
        return ready.stream().map(Namespace.Fresh::inode).toList();
    }

    /**
     * Releases every ready namespace and forgets the demand, so that the pool stays empty until the next build that
     * uses it. For tests that count the JVM's namespaces.
     */
    public void drain() {
        List<Namespace.Fresh> released;
        synchronized (this) {
            Arrays.fill(demand, 0);
            target = 0;
            boolean interrupted = false;
            while (making) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            released = new ArrayList<>(ready);
            ready.clear();
            notifyAll();
        }
        released.forEach(Namespace.Fresh::release);
    }
}
