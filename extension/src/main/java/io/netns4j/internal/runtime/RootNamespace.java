package io.netns4j.internal.runtime;

import io.netns4j.internal.sys.Fd;
import io.netns4j.internal.sys.Sys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * The JVM's root network namespace, and the one-time preparation that must happen there before any namespace of ours
 * exists (see DESIGN.md, "Pitfalls").
 *
 * <ul>
 * <li>JNA is loaded (it may run {@code ldconfig}) and the JDK's lazily created NIO statics (a hidden socket pair among
 * them) are initialised, so that none of them is born inside, and pins, a test namespace.</li>
 * <li>The common {@link ForkJoinPool}'s workers are made to enter the root namespace when they start, if the pool is
 * not yet in use: a worker spawned by code running inside a namespace would otherwise stay there and run later work of
 * other tests in it.</li>
 * </ul>
 */
public final class RootNamespace {

    private static final String COMMON_POOL_FACTORY = "java.util.concurrent.ForkJoinPool.common.threadFactory";
    private static volatile RootNamespace instance;

    private final Fd fd;
    private final String inode;

    private RootNamespace(Fd fd, String inode) {
        this.fd = fd;
        this.inode = inode;
    }

    /**
     * Prepares the JVM, once, from the calling thread, which must be in the root namespace; later calls return the same
     * instance.
     */
    public static RootNamespace get() {
        RootNamespace r = instance;
        if (r == null) {
            synchronized (RootNamespace.class) {
                r = instance;
                if (r == null) {
                    instance = r = initialise();
                }
            }
        }
        return r;
    }

    private static RootNamespace initialise() {
        if (System.getProperty(COMMON_POOL_FACTORY) == null) {
            System.setProperty(COMMON_POOL_FACTORY, RootWorkerFactory.class.getName());
        }
        ForkJoinPool.commonPool();
        Sys.load();
        try {
            SocketChannel.open().close();
            ServerSocketChannel.open().close();
            DatagramChannel.open().close();
            Selector.open().close();
            InetAddress.getLoopbackAddress();
            String inode = Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")).toString();
            Fd fd = Sys.open("/proc/thread-self/ns/net", Sys.O_RDONLY);
            try {
                // Library threads return here after work in a test namespace: find out now if they cannot (a JVM
                // that is root of a user namespace, in a network namespace that user namespace does not own).
                Sys.setns(fd);
            } catch (RuntimeException e) {
                fd.close();
                throw new IllegalStateException("netns4j cannot re-enter this JVM's own network namespace ("
                        + e.getMessage()
                        + "); a JVM started as root of a user namespace needs a network namespace of its own as well:"
                        + " unshare --user --map-root-user --net java ...", e);
            }
            return new RootNamespace(fd, inode);
        } catch (IOException e) {
            throw new UncheckedIOException("Preparing the JVM's root network namespace failed", e);
        }
    }

    /** The descriptor of the root namespace, kept open for the JVM's life. */
    public Fd fd() {
        return fd;
    }

    /** The root namespace's identity as {@code readlink /proc/self/ns/net} gives it. */
    public String inode() {
        return inode;
    }

    /**
     * Moves the calling thread into the root namespace: done by every library thread that must not inherit the
     * namespace of the thread that started it.
     */
    public void enter() {
        requirePlatformThread("enter the root network namespace");
        Sys.setns(fd);
    }

    private static final java.lang.reflect.Method IS_VIRTUAL = isVirtualMethod();

    private static java.lang.reflect.Method isVirtualMethod() {
        try {
            return Thread.class.getMethod("isVirtual");
        } catch (NoSuchMethodException e) {
            return null; // before Java 21 every thread is a platform thread
        }
    }

    /** Whether the calling thread is a virtual thread (Java 21 and later). */
    static boolean onVirtualThread() {
        if (IS_VIRTUAL == null) {
            return false;
        }
        try {
            return (Boolean) IS_VIRTUAL.invoke(Thread.currentThread());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Thread.isVirtual() failed", e);
        }
    }

    /**
     * Refuses to move the calling thread to another network namespace ({@code setns}, {@code unshare}) if it is a
     * virtual thread: the call would move its carrier, an OS thread that other virtual threads share and that the
     * virtual thread leaves at its next blocking call, so the carrier would run unrelated virtual threads in the
     * namespace and keep it alive. Library threads that change namespace are platform threads; this guards that rule.
     *
     * @throws IllegalStateException
     *             on a virtual thread, naming {@code what} was attempted
     */
    static void requirePlatformThread(String what) {
        if (onVirtualThread()) {
            throw new IllegalStateException("netns4j cannot " + what + " on a virtual thread (" + Thread.currentThread()
                    + "): a network namespace belongs to an OS thread, and a virtual thread's OS thread is a carrier"
                    + " shared with other virtual threads. Namespace work runs on netns4j's own platform threads;"
                    + " call NetNs.run/submit/exec, which may be called from any thread.");
        }
    }

    /** Starts a platform daemon thread that runs {@code task} from the root namespace. */
    public Thread startThread(String name, Runnable task) {
        Thread t = new Thread(() -> {
            enter();
            task.run();
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /**
     * Factory of the common pool's workers (installed through the {@code ForkJoinPool} system property when netns4j
     * prepares the JVM first): each worker moves to the root namespace as it starts.
     */
    public static final class RootWorkerFactory implements ForkJoinPool.ForkJoinWorkerThreadFactory {

        @Override
        public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
            return new ForkJoinWorkerThread(pool) {
                @Override
                protected void onStart() {
                    super.onStart();
                    RootNamespace r = instance;
                    if (r != null) {
                        r.enter();
                    }
                }
            };
        }
    }
}
