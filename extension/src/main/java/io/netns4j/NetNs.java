package io.netns4j;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;

/**
 * A live network namespace of a {@link Topology}: run code and programs inside it, open sockets in it, ping from it,
 * look at its links, addresses and routes.
 *
 * <h2>Threads</h2> A network namespace belongs to an OS thread, not to a process. Code given to {@link #run} or
 * {@link #submit} runs on a platform thread owned by the library that lives in this namespace; the sockets returned by
 * the socket methods are created there and can then be used from any thread. Threads started from inside the namespace
 * inherit it, but work handed to an executor that is not the namespace's does not run inside it:
 * {@code CompletableFuture.supplyAsync(task)} from inside {@link #run} runs in the common pool, in the host's
 * namespace; pass {@link #executor()} as its executor to keep the task inside. A thread started from inside keeps the
 * namespace alive until it ends; at teardown the library empties such a namespace (deletes its links) and logs the
 * threads.
 *
 * <h2>Virtual threads</h2> (Java 21 and later.) Every method may be called from a virtual thread: the work that needs
 * the namespace hops to the namespace's platform threads, and a virtual thread never enters a namespace (the library
 * refuses to move one, with an {@link IllegalStateException}, since moving it would move the carrier OS thread that all
 * virtual threads share). So a virtual thread started by code running <em>inside</em> the namespace does not run in it,
 * and the carrier thread the JDK may create for it there keeps the namespace alive and runs other virtual threads
 * inside it: from inside, start platform threads ({@code new Thread}) or use {@link #executor()}.
 *
 * <h2>Lifetime</h2> Everything obtained from a namespace ends with its topology: tasks are interrupted, processes
 * killed (daemons that detached included), and the namespace released.
 */
public interface NetNs {

    /** The declared name, e.g. {@code "client"}. */
    String name();

    /**
     * Runs a program inside the namespace and waits for it, for at most the configured default timeout
     * ({@value Netns4jConfig#EXEC_TIMEOUT_DEFAULT}). Equivalent to: {@code ip netns exec NS COMMAND...}.
     *
     * @throws ProcessTimeoutException
     *             if it did not finish in time (it is then killed)
     */
    ExecResult exec(String... command);

    /** Like {@link #exec(String...)} with an explicit timeout. */
    ExecResult exec(Duration timeout, String... command);

    /**
     * Starts a program inside the namespace and returns at once. Its output is collected; it is killed at teardown if
     * still running.
     */
    NsProcess start(String... command);

    /**
     * Runs Java code on a library-owned platform thread inside the namespace and returns its result. Exceptions thrown
     * by the task are rethrown as they are.
     */
    <T> T run(Callable<T> task) throws Exception;

    /** Runs Java code inside the namespace and waits for it (see {@link #run(Callable)}). */
    void run(ThrowingRunnable task) throws Exception;

    /**
     * An executor whose tasks run inside the namespace, on the library's threads, e.g. for a JDK {@code HttpClient}:
     * build the client outside, with {@code .executor(ns.executor())}, and send from inside {@link #run}. A client
     * built inside the namespace starts its own selector thread there, and that thread keeps the namespace alive for as
     * long as the client lives.
     */
    java.util.concurrent.Executor executor();

    /** Starts Java code inside the namespace and returns at once; the task is interrupted at teardown. */
    <T> Future<T> submit(Callable<T> task);

    /** An unconnected TCP socket whose descriptor lives in this namespace; connect it from any thread. */
    Socket socket() throws IOException;

    /** A TCP socket connected, from inside this namespace, to {@code host:port}. */
    Socket socket(String host, int port) throws IOException;

    /** A TCP server socket listening on {@code port} (0 for any) of every address of this namespace. */
    ServerSocket serverSocket(int port) throws IOException;

    /** A UDP socket bound to {@code port} (0 for any) in this namespace. */
    DatagramSocket datagramSocket(int port) throws IOException;

    /** An unconnected, blocking TCP channel opened in this namespace. */
    SocketChannel socketChannel() throws IOException;

    /** An unbound TCP server channel opened in this namespace. */
    ServerSocketChannel serverSocketChannel() throws IOException;

    /** An unbound UDP channel opened in this namespace. */
    DatagramChannel datagramChannel() throws IOException;

    /**
     * Sends 3 ICMP echo requests to {@code address} (IPv4 or IPv6), one after the other, waiting up to 1 s for each
     * reply. Equivalent to {@code ping -c 3 -W 1 ADDRESS}, without a process: the requests go through an ICMP datagram
     * socket.
     */
    PingResult ping(String address);

    /** Sends {@code count} echo requests to {@code address}, waiting up to {@code timeout} for each reply. */
    PingResult ping(String address, int count, Duration timeout);

    /**
     * Starts capturing every frame on interface {@code interfaceName}; the capture listens when this returns.
     * Equivalent to {@code tcpdump -i NAME -w ...} inside the namespace, without a process.
     *
     * @throws IllegalArgumentException
     *             if the namespace has no such interface
     */
    Capture capture(String interfaceName);

    /** Starts capturing on every interface of the namespace (frames in Linux cooked form). */
    Capture capture();

    /** The namespace's links, as {@code ip link show} lists them. */
    List<LinkInfo> links();

    /** The namespace's addresses, as {@code ip addr show} lists them. */
    List<AddressInfo> addresses();

    /** The namespace's routes of the main table, as {@code ip route show} and {@code ip -6 route show} list them. */
    List<RouteInfo> routes();

    /**
     * The handle of a device of the topology by its type, e.g. {@code device("tap0", Tap.class)}; {@code Link.class}
     * gives the {@link #link(String)} handle of any interface.
     *
     * @throws IllegalArgumentException
     *             if the namespace has no such device of that type
     */
    <T> T device(String name, Class<T> type);

    /**
     * A handle on one of the namespace's interfaces.
     *
     * @throws IllegalArgumentException
     *             if there is none of that name
     */
    Link link(String name);
}
