package io.netns4j.internal.runtime;

import io.netns4j.internal.netlink.Addresses;
import io.netns4j.AddressInfo;
import io.netns4j.Capture;
import io.netns4j.ExecResult;
import io.netns4j.Link;
import io.netns4j.LinkInfo;
import io.netns4j.NetNs;
import io.netns4j.NsProcess;
import io.netns4j.PingResult;
import io.netns4j.ProcessTimeoutException;
import io.netns4j.RouteInfo;
import io.netns4j.ThrowingRunnable;
import io.netns4j.internal.netlink.AddressMessage;
import io.netns4j.internal.netlink.AddressRequests;
import io.netns4j.internal.netlink.LinkMessage;
import io.netns4j.internal.netlink.LinkRequests;
import io.netns4j.internal.netlink.Macs;
import io.netns4j.internal.netlink.Message;
import io.netns4j.internal.netlink.Nl;
import io.netns4j.internal.netlink.RouteMessage;
import io.netns4j.internal.netlink.RouteRequests;
import io.netns4j.internal.sys.Fd;
import io.netns4j.internal.sys.Sys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A live anonymous network namespace: held by a file descriptor, configured over its own rtnetlink socket, with a pool
 * of library-owned platform threads that live inside it.
 */
public final class Namespace implements NetNs {

    /** Every group of the JVM's user namespace (all groups as real root; the mapped ones in a user namespace). */
    private static final String PING_GROUP_RANGE = UserNamespace.current().pingGroupRange();

    private final String name;
    private final Fd fd;
    private final String inode;
    private final RtnlClient rtnl;
    private final ExecutorService executor;
    private final Duration execTimeout;
    private final List<AutoCloseable> handedOut = new ArrayList<>();
    private final List<PacketCapture> captures = new ArrayList<>();
    private final List<SpawnedProcess> processes = new ArrayList<>();
    /** The executor's threads, joined at teardown: a pool thread still ending would look like a pin. */
    private final Set<Thread> poolThreads = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    /** The topology this namespace belongs to, once built; null for scratch namespaces. */
    private volatile LiveTopology topology;
    /** The nf_tables socket, opened on first use (most namespaces never need one). */
    private NftClient nftables;
    /**
     * Whether code or programs ran inside the namespace, so that processes may live in it: only then does teardown look
     * for them among all the host's processes.
     */
    private volatile boolean mayHaveProcesses;

    private Namespace(String name, Fd fd, String inode, RtnlClient rtnl, Duration execTimeout) {
        this.name = name;
        this.fd = fd;
        this.inode = inode;
        this.rtnl = rtnl;
        this.execTimeout = execTimeout;
        AtomicInteger count = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                r -> {
                    Thread t = new Thread(() -> {
                        Sys.setns(fd);
                        try {
                            r.run();
                        } finally {
                            // An ended thread can linger in /proc briefly; let it linger outside the namespace.
                            RootNamespace.get().enter();
                        }
                    }, "netns4j-" + name + "-" + count.incrementAndGet());
                    t.setDaemon(true);
                    poolThreads.removeIf(p -> p.getState() == Thread.State.TERMINATED);
                    poolThreads.add(t);
                    return t;
                });
    }

    /**
     * A namespace made but not yet named nor handed out: its descriptor, identity and rtnetlink socket, with {@code lo}
     * up, ICMP echo sockets allowed for every group and forwarding off.
     */
    record Fresh(Fd fd, String inode, RtnlClient rtnl) {

        void release() {
            WatchdogClient.forget(inode);
            rtnl.close();
            fd.close();
        }
    }

    /**
     * Makes a namespace from the calling library thread, which then returns to the root namespace: it unshares its
     * network namespace, opens the namespace's descriptor and rtnetlink socket, brings {@code lo} up, allows ICMP echo
     * sockets for every group and turns forwarding off. The descriptor keeps the namespace alive.
     */
    static Fresh createFresh() {
        RootNamespace.requirePlatformThread("create a network namespace");
        Sys.unshareNetwork();
        try {
            return configureFresh();
        } finally {
            RootNamespace.get().enter();
        }
    }

    private static Fresh configureFresh() {
        Fd fd = Sys.open("/proc/thread-self/ns/net", Sys.O_RDONLY);
        RtnlClient rtnl = null;
        try {
            String inode = Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")).toString();
            rtnl = RtnlClient.open("(not yet named)");
            rtnl.ack(LinkRequests.setUp(1, "lo", true));
            writeSysctl("net/ipv4/ping_group_range", PING_GROUP_RANGE);
            // Written either way: a new namespace inherits the host's IPv4 forwarding setting.
            writeSysctl("net/ipv4/ip_forward", "0");
            writeSysctl("net/ipv6/conf/all/forwarding", "0");
            // Watched from birth, not from the first start(): user code in run() may start programs of its own
            // (ProcessBuilder, Runtime.exec), and they must not outlive a JVM that is killed either.
            WatchdogClient.watch(inode);
            return new Fresh(fd, inode, rtnl);
        } catch (IOException | RuntimeException e) {
            if (rtnl != null) {
                rtnl.close();
            }
            fd.close();
            if (e instanceof IOException io) {
                throw new UncheckedIOException("Configuring a new namespace failed", io);
            }
            throw (RuntimeException) e;
        }
    }

    /**
     * Gives a namespace made by {@link #createFresh()} its name and, if asked, turns forwarding on; on failure the
     * namespace is released.
     */
    static Namespace adopt(Fresh fresh, String name, boolean forwarding, Duration execTimeout) {
        fresh.rtnl().namespaceName(name);
        Namespace ns = new Namespace(name, fresh.fd(), fresh.inode(), fresh.rtnl(), execTimeout);
        if (forwarding) {
            try {
                ns.setSysctl("net/ipv4/ip_forward", "1");
                ns.setSysctl("net/ipv6/conf/all/forwarding", "1");
            } catch (RuntimeException e) {
                fresh.release();
                throw new IllegalStateException("Turning forwarding on in namespace " + name + " failed", e);
            }
        }
        return ns;
    }

    private static void writeSysctl(String key, String value) throws IOException {
        Files.writeString(Path.of("/proc/sys", key), value);
    }

    /**
     * The value of sysctl {@code key} (e.g. {@code net/ipv4/icmp_ratelimit}) in this namespace, or null if the kernel
     * has no such key.
     */
    String sysctl(String key) {
        return inside(() -> {
            Path p = Path.of("/proc/sys", key);
            if (!Files.exists(p)) {
                return null;
            }
            // One read with room to spare: a sysctl answers a read that starts past 0 with end-of-file, so reading
            // in small pieces (as Files.readString does for a file of size 0) returns only the first bytes.
            try (java.io.InputStream in = Files.newInputStream(p)) {
                byte[] buf = new byte[4096];
                int n = in.read(buf);
                return n <= 0 ? "" : new String(buf, 0, n, java.nio.charset.StandardCharsets.US_ASCII).trim();
            }
        });
    }

    /** Sets sysctl {@code key} in this namespace. */
    void setSysctl(String key, String value) {
        inside(() -> {
            writeSysctl(key, value);
            return null;
        });
    }

    @Override
    public String name() {
        return name;
    }

    Fd fd() {
        return fd;
    }

    void attach(LiveTopology topology) {
        this.topology = topology;
    }

    /** The topology of this namespace. */
    LiveTopology topology() {
        LiveTopology t = topology;
        if (t == null) {
            throw new IllegalStateException("Namespace " + name + " belongs to no topology");
        }
        return t;
    }

    /** The namespace's identity, as {@code readlink /proc/PID/ns/net} gives it. */
    String inode() {
        return inode;
    }

    RtnlClient rtnl() {
        return rtnl;
    }

    /**
     * The namespace's nf_tables socket, opened on one of its threads on first use and closed when the namespace is
     * released.
     */
    synchronized NftClient nftables() {
        checkOpen();
        if (nftables == null) {
            nftables = NftClient.open(this);
        }
        return nftables;
    }

    /** The nf_tables socket if something already opened it, else null: a report need not open one. */
    synchronized NftClient nftablesIfOpen() {
        return nftables;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("Namespace " + name + " was torn down with its topology");
        }
    }

    /** The index of an interface of this namespace. */
    int index(String ifName) {
        return LinkMessage.decode(rtnl.getOne(LinkRequests.get(ifName))).index();
    }

    LinkMessage linkMessage(String ifName) {
        return LinkMessage.decode(rtnl.getOne(LinkRequests.get(ifName)));
    }

    // ---- Java code and sockets inside the namespace

    @Override
    public <T> T run(Callable<T> task) throws Exception {
        Objects.requireNonNull(task, "task");
        // From any thread, virtual ones included: the task runs on one of the namespace's platform threads.
        try {
            return submit(task).get();
        } catch (ExecutionException e) {
            throw NamespaceHop.failure(e);
        }
    }

    @Override
    public void run(ThrowingRunnable task) throws Exception {
        Objects.requireNonNull(task, "task");
        run(() -> {
            task.run();
            return null;
        });
    }

    @Override
    public <T> Future<T> submit(Callable<T> task) {
        Objects.requireNonNull(task, "task");
        checkOpen();
        mayHaveProcesses = true;
        return executor.submit(task);
    }

    @Override
    public java.util.concurrent.Executor executor() {
        return task -> submit(java.util.concurrent.Executors.callable(task));
    }

    /**
     * Runs short namespace-bound library work (socket creation, spawning, a sysctl) on a library thread that enters the
     * namespace for it (see {@link NamespaceHop}), and unwraps its failure.
     */
    <T> T inside(Callable<T> task) {
        try {
            return counted(() -> NamespaceHop.call(fd, task));
        } catch (RuntimeException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private <T extends AutoCloseable> T track(T resource) {
        synchronized (handedOut) {
            if (!closed) {
                handedOut.add(resource);
                return resource;
            }
        }
        try {
            resource.close();
        } catch (Exception e) {
            // it was never handed out
        }
        throw new IllegalStateException("Namespace " + name + " was torn down with its topology");
    }

    /**
     * Runs library work that uses the namespace's descriptor (a task inside it, through a hop thread) so that teardown
     * waits for it: the descriptor is closed only once no such work is under way, and none starts after.
     */
    private <T> T counted(Callable<T> work) throws Exception {
        synchronized (inFlightLock) {
            checkOpen();
            inFlight++;
        }
        try {
            return work.call();
        } finally {
            synchronized (inFlightLock) {
                inFlight--;
                inFlightLock.notifyAll();
            }
        }
    }

    private final Object inFlightLock = new Object();
    /** Library work under way that uses the descriptor (see {@link #counted}). */
    private int inFlight;

    private <T extends AutoCloseable> T open(Callable<T> opener) throws IOException {
        try {
            return counted(() -> track(NamespaceHop.call(fd, opener)));
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    @Override
    public Socket socket() throws IOException {
        return open(() -> SocketChannel.open().socket());
    }

    @Override
    public Socket socket(String host, int port) throws IOException {
        Socket s = socket();
        try {
            s.connect(new InetSocketAddress(host, port), 10_000);
            return s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    @Override
    public ServerSocket serverSocket(int port) throws IOException {
        return open(() -> new ServerSocket(port));
    }

    @Override
    public DatagramSocket datagramSocket(int port) throws IOException {
        return open(() -> new DatagramSocket(port));
    }

    @Override
    public SocketChannel socketChannel() throws IOException {
        return open(SocketChannel::open);
    }

    @Override
    public ServerSocketChannel serverSocketChannel() throws IOException {
        return open(ServerSocketChannel::open);
    }

    @Override
    public DatagramChannel datagramChannel() throws IOException {
        return open(DatagramChannel::open);
    }

    // ---- device handles

    private final Map<String, AutoCloseable> devices = new java.util.concurrent.ConcurrentHashMap<>();

    /** Keeps a device's handle (a TAP's descriptor...) until teardown, and makes it findable by name. */
    void own(String device, AutoCloseable handle) {
        devices.put(device, handle);
        track(handle);
    }

    @Override
    public <T> T device(String deviceName, Class<T> type) {
        checkOpen();
        AutoCloseable handle = devices.get(deviceName);
        if (type.isInstance(handle)) {
            return type.cast(handle);
        }
        if (type.isAssignableFrom(Link.class)) {
            return type.cast(link(deviceName));
        }
        throw new IllegalArgumentException("Namespace " + name + " has no " + type.getSimpleName() + " device \""
                + deviceName + "\"" + (handle == null ? "" : " (its handle is a " + publicType(handle) + ")"));
    }

    /** The public interface a handle implements, for messages: {@code Tap}, not the internal class. */
    private static String publicType(Object handle) {
        for (Class<?> i : handle.getClass().getInterfaces()) {
            if (i.getPackageName().equals("io.netns4j")) {
                return i.getSimpleName();
            }
        }
        return handle.getClass().getSimpleName();
    }

    // ---- captures

    @Override
    public Capture capture(String interfaceName) {
        checkOpen();
        Objects.requireNonNull(interfaceName, "interfaceName");
        try {
            index(interfaceName);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Cannot capture on \"" + interfaceName + "\": namespace " + name
                    + " has no such interface (it has " + links().stream().map(LinkInfo::name).toList() + ")", e);
        }
        return trackCapture(PacketCapture.open(this, interfaceName));
    }

    @Override
    public Capture capture() {
        checkOpen();
        return trackCapture(PacketCapture.open(this, null));
    }

    private Capture trackCapture(PacketCapture c) {
        synchronized (handedOut) {
            captures.add(c);
        }
        return track(c);
    }

    /** Every capture opened in this namespace, closed or not. */
    List<Capture> captures() {
        synchronized (handedOut) {
            return new ArrayList<>(captures);
        }
    }

    // ---- programs

    @Override
    public ExecResult exec(String... command) {
        return exec(execTimeout, command);
    }

    @Override
    public ExecResult exec(Duration timeout, String... command) {
        SpawnedProcess p = (SpawnedProcess) start(command);
        try {
            return p.waitFor(timeout).orElseThrow(() -> {
                p.kill();
                return new ProcessTimeoutException("`" + String.join(" ", command) + "` in namespace " + name
                        + " did not finish within " + timeout.toMillis() + " ms and was killed; stdout so far:\n"
                        + p.stdout() + "\nstderr so far:\n" + p.stderr());
            });
        } catch (InterruptedException e) {
            p.kill();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for `" + String.join(" ", command) + "`", e);
        }
    }

    @Override
    public NsProcess start(String... command) {
        if (command.length == 0) {
            throw new IllegalArgumentException(
                    "No command given: pass the program and its arguments, e.g. exec(\"ip\", \"addr\")");
        }
        checkOpen();
        List<String> cmd = List.of(command);
        Map<String, String> env = new HashMap<>(System.getenv());
        mayHaveProcesses = true;
        WatchdogClient.watch(inode);
        Sys.Spawned spawned = inside(() -> Sys.spawn(cmd, env, null));
        SpawnedProcess p = new SpawnedProcess(name, cmd, spawned);
        synchronized (processes) {
            processes.add(p);
        }
        return p;
    }

    // ---- ping

    @Override
    public PingResult ping(String address) {
        return ping(address, 3, Duration.ofSeconds(1));
    }

    @Override
    public PingResult ping(String address, int count, Duration timeout) {
        checkOpen();
        return Pinger.ping(this, address, count, timeout);
    }

    // ---- views

    @Override
    public List<LinkInfo> links() {
        List<LinkInfo> out = new ArrayList<>();
        for (Message m : rtnl.dump(LinkRequests.dump())) {
            if (m.type() == Nl.RTM_NEWLINK) {
                out.add(toInfo(LinkMessage.decode(m)));
            }
        }
        return out;
    }

    static LinkInfo toInfo(LinkMessage l) {
        return new LinkInfo(l.index(), l.name(), l.kind(), l.mtu(), Macs.format(l.address()),
                Nl.operstateName(l.operstate()), l.isUp(), l.master());
    }

    @Override
    public List<AddressInfo> addresses() {
        Map<Integer, String> names = linkNames();
        List<AddressInfo> out = new ArrayList<>();
        for (Message m : rtnl.dump(AddressRequests.dump())) {
            if (m.type() == Nl.RTM_NEWADDR) {
                AddressMessage a = AddressMessage.decode(m);
                if (a.address() != null) {
                    out.add(new AddressInfo(names.get(a.index()), a.index(), a.address(), a.prefixLength()));
                }
            }
        }
        return out;
    }

    private Map<Integer, String> linkNames() {
        Map<Integer, String> names = new HashMap<>();
        for (LinkInfo l : links()) {
            names.put(l.index(), l.name());
        }
        return names;
    }

    @Override
    public List<RouteInfo> routes() {
        Map<Integer, String> names = linkNames();
        List<RouteInfo> out = new ArrayList<>();
        for (int family : new int[] { Nl.AF_INET, Nl.AF_INET6 }) {
            for (Message m : rtnl.dump(RouteRequests.dump(family))) {
                if (m.type() != Nl.RTM_NEWROUTE) {
                    continue;
                }
                RouteMessage r = RouteMessage.decode(m);
                if (r.table() != Nl.RT_TABLE_MAIN || r.type() != Nl.RTN_UNICAST) {
                    continue;
                }
                String dst = r.dstLength() == 0 ? "default" : Addresses.format(r.destination()) + "/" + r.dstLength();
                out.add(new RouteInfo(dst, r.gateway(), r.outIndex() == 0 ? null : names.get(r.outIndex())));
            }
        }
        return out;
    }

    @Override
    public Link link(String ifName) {
        checkOpen();
        try {
            index(ifName);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Namespace " + name + " has no interface \"" + ifName + "\" (it has "
                    + links().stream().map(LinkInfo::name).toList() + ")", e);
        }
        return new LinkHandle(this, ifName);
    }

    // ---- teardown

    /** Whether code or programs ran inside the namespace (see {@link #mayHaveProcesses}). */
    boolean mayHaveProcesses() {
        return mayHaveProcesses;
    }

    /** The processes started through this namespace that may still run. */
    List<SpawnedProcess> processes() {
        synchronized (processes) {
            return new ArrayList<>(processes);
        }
    }

    /**
     * Stops accepting work, closes the sockets handed out, interrupts running tasks and waits briefly for them.
     * Processes are dealt with by the topology before this.
     */
    void stopWork(List<Throwable> failures) {
        synchronized (inFlightLock) {
            closed = true;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            boolean interrupted = false;
            while (inFlight > 0 && System.nanoTime() < deadline) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(inFlightLock, deadline - System.nanoTime());
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (inFlight > 0) {
                failures.add(new IllegalStateException("Library work inside namespace " + name
                        + " (opening a socket or a device, spawning a program) was still under way 2 s into teardown"));
            }
        }
        synchronized (handedOut) {
            for (AutoCloseable c : handedOut) {
                try {
                    c.close();
                } catch (Exception e) {
                    failures.add(e);
                }
            }
            handedOut.clear();
        }
        executor.shutdownNow();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                failures.add(new IllegalStateException("A task submitted to namespace " + name
                        + " ignored its interruption and still runs after 2 s; it keeps the namespace alive until it returns"));
            } else {
                // A terminated pool's threads may still be ending; until they have, they hold the namespace.
                for (Thread t : poolThreads) {
                    t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Releases the namespace's descriptors; the kernel then removes it and every device in it. */
    void release(List<Throwable> failures) {
        WatchdogClient.forget(inode);
        NftClient nft;
        synchronized (this) {
            nft = nftables;
            nftables = null;
        }
        for (AutoCloseable c : new AutoCloseable[] { nft, rtnl, fd }) {
            if (c == null) {
                continue;
            }
            try {
                c.close();
            } catch (Exception e) {
                failures.add(e);
            }
        }
    }

    @Override
    public String toString() {
        return "NetNs[" + name + "]";
    }
}
