package io.netns4j.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.netns4j.ExecResult;
import io.netns4j.NetNs;
import io.netns4j.NetworkTest;
import io.netns4j.NsProcess;
import io.netns4j.annotations.NetNamespace;
import io.netns4j.annotations.Ns;
import io.netns4j.annotations.VethLink;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real program of the machine as the service under test: Python's {@code http.server}, started in the "server"
 * namespace, and reached from Java code in the "client" namespace.
 *
 * <pre>
 *   client 10.0.0.1 ---- server 10.0.0.2:8000  (/usr/bin/python3 -m http.server)
 * </pre>
 *
 * <p>
 * {@link NetNs#start(String...)} starts a program inside a namespace and returns at once, with a {@link NsProcess}
 * handle to its output and its life. A program starts listening some time after it starts, so the test waits for the
 * port to be open (as {@code ss} reports it inside the namespace) before it connects.
 *
 * <p>
 * Programs are killed at teardown if they still run, even if the test forgot them; closing the {@link NsProcess}
 * (try-with-resources) ends one earlier, where the test wants it.
 */
@NetworkTest
@NetNamespace("client")
@NetNamespace("server")
@VethLink(a = "client", aAddress = "10.0.0.1/24", b = "server", bAddress = "10.0.0.2/24")
class ExternalProgramTest {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    /** The directory Python serves. */
    @TempDir
    Path site;

    @BeforeEach
    void publishAFile() throws IOException {
        Files.writeString(site.resolve("hello.txt"), "hello from the server namespace\n");
    }

    @Test
    void javaClientReadsTheDirectoryListingOfPythonsHttpServer(@Ns("client") NetNs client, @Ns("server") NetNs server)
            throws Exception {
        // No close() needed: netns4j kills the server when it tears the topology down after the test.
        NsProcess python = server.start("/usr/bin/python3", "-m", "http.server", "8000", "--bind", "10.0.0.2",
                "--directory", site.toString());
        awaitListening(server, python, "10.0.0.2:8000");

        String response = httpGet(client, "10.0.0.2", 8000, "/");

        assertThat(response).startsWith("HTTP/1.0 200 OK").contains("Directory listing for /", "hello.txt");
        awaitStderr(python, "\"GET / HTTP/1.0\" 200");
        assertThat(python.stderr()).as("the server's request log")
                .containsPattern("10\\.0\\.0\\.1 - - \\[.+\\] \"GET / HTTP/1\\.0\" 200");
    }

    @Test
    void closingTheProcessStopsTheServer(@Ns("client") NetNs client, @Ns("server") NetNs server) throws Exception {
        try (NsProcess python = server.start("/usr/bin/python3", "-m", "http.server", "8000", "--bind", "10.0.0.2",
                "--directory", site.toString())) {
            awaitListening(server, python, "10.0.0.2:8000");

            assertThat(httpGet(client, "10.0.0.2", 8000, "/hello.txt")).startsWith("HTTP/1.0 200 OK")
                    .endsWith("\r\n\r\nhello from the server namespace\n");
        }

        assertThat(server.exec("ss", "-Hltn").stdout()).doesNotContain("10.0.0.2:8000");
        assertThatThrownBy(() -> httpGet(client, "10.0.0.2", 8000, "/")).isInstanceOf(ConnectException.class);
    }

    /**
     * Waits until {@code ss -ltn}, run in {@code ns}, lists a listening socket on {@code address}, failing early if the
     * program ends instead.
     */
    private static void awaitListening(NetNs ns, NsProcess program, String address) throws InterruptedException {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (true) {
            ExecResult ss = ns.exec("ss", "-Hltn");
            if (ss.stdout().contains(address + " ")) {
                return;
            }
            if (!program.isAlive()) {
                fail("%s ended before it listened on %s; stderr:%n%s", program, address, program.stderr());
            }
            if (System.nanoTime() - deadline > 0) {
                fail("%s is not listening on %s after %s; ss -ltn shows:%n%s", program, address, STARTUP_TIMEOUT,
                        ss.stdout());
            }
            Thread.sleep(50);
        }
    }

    /** Waits up to 5 s until the program has written {@code text} to its standard error. */
    private static void awaitStderr(NsProcess program, String text) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!program.stderr().contains(text) && System.nanoTime() - deadline < 0) {
            Thread.sleep(20);
        }
        assertThat(program.stderr()).contains(text);
    }

    /** A plain HTTP/1.0 GET over a socket opened in {@code from}; returns the whole response, headers included. */
    private static String httpGet(NetNs from, String host, int port, String path) throws IOException {
        try (Socket socket = from.socket(host, port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.0\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
