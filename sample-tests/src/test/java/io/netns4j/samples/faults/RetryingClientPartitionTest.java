package io.netns4j.samples.faults;

import static io.netns4j.assertj.Assertions.assertThat;
import static io.netns4j.assertj.Assertions.tcp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.netns4j.Cut;
import io.netns4j.NetNs;
import io.netns4j.NetworkTest;
import io.netns4j.Topology;
import io.netns4j.annotations.NetNamespace;
import io.netns4j.annotations.Ns;
import io.netns4j.annotations.Partition;
import io.netns4j.annotations.VethLink;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client with a timeout and retries, talking to an HTTP service across a partition.
 *
 * <pre>
 *   client 10.0.0.1 ---- server 10.0.0.2:8080
 * </pre>
 *
 * <p>
 * A partition is silent by default: the client's packets vanish, so every attempt runs into its timeout, as it would
 * behind a pulled cable. A {@link Cut.Mode#REJECT} partition answers instead, and every attempt fails at once. After
 * {@link Topology#heal()} the call goes through again. {@code @Partition} does the same declaratively, for the whole
 * test.
 */
@NetworkTest
@NetNamespace("client")
@NetNamespace("server")
@VethLink(a = "client", aAddress = "10.0.0.1/24", b = "server", bAddress = "10.0.0.2/24")
class RetryingClientPartitionTest {

    private static final URI URL = URI.create("http://10.0.0.2:8080/counter");

    private HttpServer service;

    @BeforeEach
    void startService(@Ns("server") NetNs server) throws Exception {
        service = server.run(() -> HttpServer.create(new InetSocketAddress("10.0.0.2", 8080), 0));
        service.createContext("/counter", exchange -> {
            byte[] body = "42".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        service.start();
    }

    @AfterEach
    void stopService() {
        service.stop(0);
    }

    @Test
    void callsTimeOutDuringAPartitionAndSucceedAfterHeal(Topology net, @Ns("client") NetNs client) throws Exception {
        RetryingClient patient = new RetryingClient(client, 3, Duration.ofSeconds(5));
        RetryingClient http = new RetryingClient(client, 3, Duration.ofMillis(300));
        assertThat(patient.get(URL)).isEqualTo("42");

        net.partition(Set.of("client"), Set.of("server"));

        long start = System.nanoTime();
        assertThatThrownBy(() -> http.get(URL)).isInstanceOf(RetryingClient.GaveUp.class)
                .hasMessageContaining("3 attempts").satisfies(e -> assertThat(e.getSuppressed())
                        .allMatch(attempt -> attempt instanceof HttpTimeoutException));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));

        net.heal();

        assertThat(client).eventually().canReach(tcp("10.0.0.2", 8080));
        assertThat(patient.get(URL)).isEqualTo("42");
    }

    @Test
    void aRejectingPartitionMakesEveryAttemptFailFast(Topology net, @Ns("client") NetNs client) throws Exception {
        RetryingClient http = new RetryingClient(client, 3, Duration.ofSeconds(5));

        try (Cut cut = net.partition(List.of(Set.of("client"), Set.of("server")), Cut.Mode.REJECT)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> http.get(URL)).isInstanceOf(RetryingClient.GaveUp.class).satisfies(
                    e -> assertThat(e.getSuppressed()).allMatch(attempt -> attempt instanceof ConnectException));
            // Faster than a single attempt's timeout: nothing waited for an answer.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("three refused attempts, under %s", cut)
                    .isLessThan(Duration.ofSeconds(5));
        }

        assertThat(http.get(URL)).isEqualTo("42");
    }

    @Test
    @Partition({ "client", "server" })
    void theAnnotationPartitionsTheWholeTest(@Ns("client") NetNs client) {
        assertThat(client).cannotReach(tcp("10.0.0.2", 8080));
    }

    /**
     * The client under test: tries a GET a few times, each attempt with its own timeout, and gives up with every
     * attempt's failure attached.
     */
    static final class RetryingClient {

        /** No attempt succeeded. */
        static final class GaveUp extends IOException {
            private static final long serialVersionUID = 1L;

            GaveUp(String message) {
                super(message);
            }
        }

        private final NetNs ns;
        private final int attempts;
        private final Duration timeout;
        private final HttpClient http;

        RetryingClient(NetNs ns, int attempts, Duration timeout) {
            this.ns = ns;
            this.attempts = attempts;
            this.timeout = timeout;
            // Built outside the namespace, with the namespace's own threads as its executor (see HttpServiceTest).
            this.http = HttpClient.newBuilder().executor(task -> ns.submit(Executors.callable(task)))
                    .connectTimeout(timeout).build();
        }

        String get(URI url) throws Exception {
            List<Exception> failures = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).build();
                try {
                    return ns.run(() -> http.send(request, BodyHandlers.ofString())).body();
                } catch (IOException e) {
                    failures.add(e);
                }
            }
            GaveUp gaveUp = new GaveUp(
                    "GET " + url + " failed " + attempts + " attempts of " + timeout.toMillis() + " ms each");
            failures.forEach(gaveUp::addSuppressed);
            throw gaveUp;
        }
    }
}
