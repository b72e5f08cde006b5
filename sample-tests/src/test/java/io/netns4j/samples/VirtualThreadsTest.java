package io.netns4j.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netns4j.NetNs;
import io.netns4j.NetworkTest;
import io.netns4j.annotations.NetNamespace;
import io.netns4j.annotations.Ns;
import io.netns4j.annotations.VethLink;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Virtual threads (Java 21 and later) may call netns4j: code given to {@code run} and {@code submit} does not run on
 * the calling thread but on one of the namespace's platform threads, and sockets made there work from any thread. Here
 * 50 virtual threads each connect from the client namespace to an echo server in the server namespace.
 *
 * <p>
 * What they must not do is run <em>inside</em> a namespace: a virtual thread started by code running inside one runs on
 * whatever carrier the JDK gives it, not in the namespace. The library changes the namespace of its own platform
 * threads only, and refuses to move a virtual thread (see {@code NetNs}).
 *
 * <p>
 * The project compiles for Java 17, so the virtual threads are made through reflection; before Java 21 the tests are
 * skipped. {@code ci/test} runs the sample suite on Java 25.
 */
@NetworkTest
@NetNamespace("client")
@NetNamespace("server")
@VethLink(a = "client", aAddress = "10.0.0.1/24", b = "server", bAddress = "10.0.0.2/24")
class VirtualThreadsTest {

    private static final int CLIENTS = 50;

    private ExecutorService virtualThreads;

    @BeforeEach
    void virtualThreads() throws Exception {
        assumeTrue(Runtime.version().feature() >= 21, "virtual threads need Java 21 or later");
        virtualThreads = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (virtualThreads != null) {
            virtualThreads.shutdownNow();
            assertThat(virtualThreads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void manyVirtualThreadsTalkAcrossNamespaces(@Ns("client") NetNs client, @Ns("server") NetNs server)
            throws Exception {
        ServerSocket listener = server.serverSocket(7000);
        Future<Integer> served = server.submit(() -> {
            int n = 0;
            for (; n < CLIENTS; n++) {
                try (Socket s = listener.accept(); InputStream in = s.getInputStream();
                        OutputStream out = s.getOutputStream()) {
                    out.write(in.readNBytes(8));
                }
            }
            return n;
        });

        List<Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            String hello = String.format("hello%03d", i);
            answers.add(virtualThreads.submit(() -> {
                try (Socket s = client.socket("10.0.0.2", 7000)) { // made inside "client", from a virtual thread
                    s.getOutputStream().write(hello.getBytes(StandardCharsets.US_ASCII));
                    return new String(s.getInputStream().readNBytes(8), StandardCharsets.US_ASCII);
                }
            }));
        }

        for (int i = 0; i < CLIENTS; i++) {
            assertThat(answers.get(i).get(30, TimeUnit.SECONDS)).isEqualTo(String.format("hello%03d", i));
        }
        assertThat(served.get(30, TimeUnit.SECONDS)).isEqualTo(CLIENTS);
    }

    @Test
    void codeRunFromAVirtualThreadRunsInsideTheNamespaceOnAPlatformThread(@Ns("client") NetNs client) throws Exception {
        String clientNs = client.run(() -> netns());

        Future<String[]> seen = virtualThreads.submit(
                () -> client.run(() -> new String[] { netns(), String.valueOf(isVirtual(Thread.currentThread())) }));

        assertThat(seen.get(30, TimeUnit.SECONDS)).containsExactly(clientNs, "false");
        assertThat(virtualThreads.submit(VirtualThreadsTest::netns).get(30, TimeUnit.SECONDS))
                .as("a virtual thread's own namespace, after asking for work in client's").isNotEqualTo(clientNs);
        assertThat(virtualThreads.submit(() -> client.exec("ip", "-o", "addr").stdout()).get(30, TimeUnit.SECONDS))
                .contains("10.0.0.1/24");
    }

    private static String netns() throws Exception {
        return Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")).toString();
    }

    private static boolean isVirtual(Thread t) throws Exception {
        return (Boolean) Thread.class.getMethod("isVirtual").invoke(t);
    }
}
