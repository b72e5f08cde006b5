package io.netns4j.leaks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netns4j.NetNs;
import io.netns4j.Topology;
import io.netns4j.testsupport.Leftovers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * User code inside {@code ns.run(...)} that starts threads of its own, directly or through the JDK. A thread started
 * from inside a namespace stays in it, and the library cannot move another thread: such a thread keeps the namespace
 * alive after {@code close()}. What the library can and must do is make it harmless: then the namespace has no link but
 * {@code lo} (its veth is deleted, which also removes the peer on the other side).
 *
 * <p>
 * Each test asserts, within a few seconds of {@code close()}: strictly, that this JVM holds no thread or descriptor in
 * any of the topology's namespaces, where that is achievable (threads that end by themselves, the common pool); or, for
 * threads the JDK keeps idle and the library cannot end, that every namespace still held is emptied. Each prints which
 * threads pinned what, and for how long. Set {@code -Dnetns4j.leaks.observePinSeconds=90} to watch a pin until it ends.
 */
class PinnedNamespaceTest {

    private static final Duration GRACE = Duration.ofSeconds(5);

    private Leftovers.Snapshot before;
    private Topology net;
    private NetNs a;
    private NetNs b;
    private final Set<String> inodes = new TreeSet<>();
    private String aInode;

    @BeforeEach
    void build() throws Exception {
        before = Leftovers.snapshot();
        net = Topology.builder().namespace("a").namespace("b").veth("a", "10.0.0.1/24", "b", "10.0.0.2/24").build();
        a = net.ns("a");
        b = net.ns("b");
        aInode = a.run(PinnedNamespaceTest::currentNamespace);
        inodes.add(aInode);
        inodes.add(b.run(PinnedNamespaceTest::currentNamespace));
    }

    @AfterEach
    void tearDown() {
        net.close();
    }

    /** (a) A {@code CompletableFuture.supplyAsync} chain started inside a namespace. */
    @Test
    void supplyAsyncChainDoesNotPin() throws Exception {
        String pool = ForkJoinPool.commonPool().getFactory().getClass().getName();
        String ranIn = a.run(() -> CompletableFuture.supplyAsync(PinnedNamespaceTest::currentNamespace)
                .thenApplyAsync(ns -> ns + " then " + currentNamespace())
                .thenCompose(ns -> CompletableFuture.supplyAsync(() -> ns + " then " + currentNamespace())).get());
        System.out.printf("[PinnedNamespaceTest] supplyAsync chain: common pool factory %s; the chain ran in %s"
                + " (namespace a is %s)%n", pool, ranIn, aInode);
        net.close();
        assertReleased("supplyAsync chain");
    }

    /** (b) A plain thread started inside a namespace that ends by itself shortly after. */
    @Test
    void shortLivedThreadPinsOnlyUntilItEnds() throws Exception {
        Thread t = a.run(() -> {
            Thread th = new Thread(() -> {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "user-short-lived");
            th.start();
            return th;
        });
        net.close();
        report("plain thread", t.isAlive() ? "still running at close()" : "ended before close()");
        assertReleased("plain thread ending 500 ms after its start");
    }

    /** (c) A JDK process started inside a namespace, which starts the JDK's process reaper thread there. */
    @Test
    void jdkProcessStartedInsideIsKilledAndItsReaperThreadEmptied() throws Exception {
        // The JDK's reapers are a cached pool (60 s idle time): an idle one, started earlier from the root namespace,
        // is reused; if there is none, a new one starts here, inside the namespace.
        List<String> reapersBefore = Proc.ownThreads().stream().filter(l -> l.startsWith("process reaper")).toList();
        Process p = a.run(() -> new ProcessBuilder("sleep", "1").start());
        report("ProcessBuilder(\"sleep\", \"1\")", "JDK reaper threads before: " + reapersBefore);
        net.close();
        // close() has killed it; the JDK's reaper thread notices a moment later, so wait for it (far less than the
        // sleep's own 1 s).
        assertThat(p.waitFor(500, java.util.concurrent.TimeUnit.MILLISECONDS))
                .as("the sleep started with ProcessBuilder in the namespace, reaped after close()").isTrue();
        assertThat(p.exitValue()).as("exit status of the sleep killed by close()").isEqualTo(137);
        assertReleasedOrEmptied("ProcessBuilder(\"sleep\", \"1\")");
    }

    /** (d) The JDK's {@link HttpClient} created inside a namespace: its selector thread and workers start there. */
    @Test
    void httpClientCreatedInsideIsEmptied() throws Exception {
        ServerSocket listener = b.serverSocket(8080);
        Future<?> server = b.submit(() -> {
            while (true) {
                try (Socket s = listener.accept()) {
                    respond(s);
                }
            }
        });
        String body = a.run(() -> {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            return client.send(HttpRequest.newBuilder(URI.create("http://10.0.0.2:8080/")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        });
        assertThat(body).isEqualTo("ok");
        net.close();
        assertThat(server).isDone();
        assertReleasedOrEmptied("HttpClient (client unreachable, not yet collected)");
    }

    /**
     * (e) No user thread at all: teardown after only the library's own work in the namespaces (run, ping, sockets)
     * finds nothing pinned and logs no warning. Repeated, since the library's pool threads end concurrently with the
     * teardown's look at {@code /proc/self/task}.
     */
    @Test
    void teardownAfterLibraryWorkOnlyFindsNothingPinned() throws Exception {
        List<String> warnings = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                    synchronized (warnings) {
                        warnings.add(new SimpleFormatter().formatMessage(r));
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger("io.netns4j");
        logger.addHandler(capture);
        try {
            for (int i = 0; i < 10; i++) {
                try (Topology t = Topology.builder().namespace("a").namespace("b")
                        .veth("a", "10.0.0.1/24", "b", "10.0.0.2/24").build()) {
                    assertThat(t.ns("a").ping("10.0.0.2", 1, Duration.ofSeconds(2)).allReceived()).isTrue();
                    t.ns("b").run(() -> currentNamespace());
                    t.ns("b").serverSocket(0).close();
                }
            }
            net.close();
        } finally {
            logger.removeHandler(capture);
        }
        synchronized (warnings) {
            assertThat(warnings).as("warnings of the teardown of topologies where only the library ran").isEmpty();
        }
        assertReleased("library work only");
    }

    private static void respond(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        byte[] buf = new byte[4096];
        StringBuilder req = new StringBuilder();
        int n;
        while (!req.toString().contains("\r\n\r\n") && (n = in.read(buf)) > 0) {
            req.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
        }
        OutputStream out = s.getOutputStream();
        out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    // ---- checks

    /** Strict: within the grace period, this JVM holds nothing in the topology's namespaces. */
    private void assertReleased(String what) {
        long t0 = System.nanoTime();
        try {
            await(what + " released").atMost(GRACE).pollInterval(Duration.ofMillis(20))
                    .untilAsserted(() -> assertThat(Proc.leftoversSince(before, inodes))
                            .as("left in the topology's namespaces").isEmpty());
            report(what, String.format("released %.0f ms after close()", (System.nanoTime() - t0) / 1e6));
        } catch (AssertionError | RuntimeException e) {
            report(what, "STILL PINNED after " + GRACE.toSeconds() + " s by " + pins());
            observe(what, t0);
            throw e;
        }
    }

    /**
     * Weak: within the grace period, this JVM holds no descriptor of the topology's namespaces, and every namespace a
     * thread still holds has no link but {@code lo}; reports whether it was released after all.
     */
    private void assertReleasedOrEmptied(String what) {
        long t0 = System.nanoTime();
        await(what + " released or emptied").atMost(GRACE).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
            assertThat(Proc.leftoversSince(before, inodes)).as("descriptors or processes left")
                    .noneMatch(l -> !l.startsWith("namespace held by this JVM: thread "));
            for (String thread : pinningThreads()) {
                String tid = thread.replaceAll(".*\\(tid (\\d+)\\).*", "$1");
                assertThat(links(tid)).as("links of the namespace that %s still holds", thread).containsOnly("lo");
            }
        });
        List<String> pins = pins();
        report(what, pins.isEmpty() ? String.format("released %.0f ms after close()", (System.nanoTime() - t0) / 1e6)
                : "emptied (only lo left) but still pinned by " + pins);
        if (!pins.isEmpty()) {
            observe(what, t0);
        }
    }

    /** Threads of this JVM in one of the topology's namespaces. */
    private List<String> pinningThreads() {
        return Proc.ownThreads().stream().filter(l -> inodes.stream().anyMatch(l::endsWith)).toList();
    }

    private List<String> pins() {
        return Proc.leftoversSince(before, inodes);
    }

    /** The links of the namespace of thread {@code tid} of this JVM, from its {@code /proc} view. */
    private static List<String> links(String tid) throws IOException {
        List<String> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(Path.of("/proc/self/task", tid, "net/dev"));
        for (String line : lines.subList(Math.min(2, lines.size()), lines.size())) {
            out.add(line.substring(0, line.indexOf(':')).trim());
        }
        return out;
    }

    /** With {@code -Dnetns4j.leaks.observePinSeconds=N}, watches the pin for up to N s and prints when it ends. */
    private void observe(String what, long t0) {
        long seconds = Long.getLong("netns4j.leaks.observePinSeconds", 0);
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            System.gc();
            if (pins().isEmpty()) {
                report(what, String.format("pin ended %.1f s after close() (System.gc() called every 0.5 s)",
                        (System.nanoTime() - t0) / 1e9));
                return;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (seconds > 0) {
            report(what, "still pinned after " + seconds + " s: " + pins());
        }
    }

    private static void report(String what, String outcome) {
        System.out.printf("[PinnedNamespaceTest] %s: %s%n", what, outcome);
    }

    static String currentNamespace() {
        try {
            return Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")).toString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
