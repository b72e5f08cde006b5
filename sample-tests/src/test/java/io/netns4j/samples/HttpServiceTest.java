package io.netns4j.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.netns4j.NetNs;
import io.netns4j.NetworkTest;
import io.netns4j.annotations.NetNamespace;
import io.netns4j.annotations.Ns;
import io.netns4j.annotations.VethLink;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * An HTTP service and its client, each in its own namespace: the JDK's {@link HttpServer} in "server", the JDK's
 * {@link HttpClient} in "client".
 *
 * <pre>
 *   client 10.0.0.1 ---- server 10.0.0.2:8080
 * </pre>
 *
 * <h2>Where sockets are born</h2> A socket belongs to the network namespace of the thread that creates it, and keeps it
 * wherever it is used afterwards; a thread belongs to the namespace of the thread that started it. So:
 * <ul>
 * <li>{@link HttpServer#create(InetSocketAddress, int)} opens and binds its listening socket at once: call it inside
 * {@code server.run(...)}. The connections it accepts are in the server namespace too, whichever thread serves
 * them.</li>
 * <li>{@link HttpClient} opens its connection while a request is sent: send it inside {@code client.run(...)}. It also
 * hands parts of the exchange to its executor: give it one whose threads are the client namespace's own
 * ({@link #inside(NetNs)}). Build the client outside the namespace, as here: the threads an {@code HttpClient} starts
 * for itself outlive the test, and if they were born inside the namespace they would keep it alive.</li>
 * </ul>
 * The server answers with the address the request came from, which shows that the connection really left from the
 * client namespace.
 */
@NetworkTest
@NetNamespace("client")
@NetNamespace("server")
@VethLink(a = "client", aAddress = "10.0.0.1/24", b = "server", bAddress = "10.0.0.2/24")
class HttpServiceTest {

    @Test
    void clientGetsAnAnswerFromTheServiceInTheOtherNamespace(@Ns("client") NetNs client, @Ns("server") NetNs server)
            throws Exception {
        HttpServer service = server.run(() -> HttpServer.create(new InetSocketAddress("10.0.0.2", 8080), 0));
        service.createContext("/hello", HttpServiceTest::greetCaller);
        service.start();
        try {
            HttpClient http = HttpClient.newBuilder().executor(inside(client)).connectTimeout(Duration.ofSeconds(30))
                    .build();
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://10.0.0.2:8080/hello"))
                    .timeout(Duration.ofSeconds(60)).build();

            HttpResponse<String> response = client.run(() -> http.send(request, BodyHandlers.ofString()));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("hello, 10.0.0.1");
        } finally {
            service.stop(0);
        }
    }

    /** An executor that runs each task on one of the namespace's own threads. */
    private static Executor inside(NetNs ns) {
        return task -> ns.submit(Executors.callable(task));
    }

    /** Answers {@code hello, CALLER-ADDRESS}. */
    private static void greetCaller(HttpExchange exchange) throws IOException {
        byte[] body = ("hello, " + exchange.getRemoteAddress().getAddress().getHostAddress())
                .getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
