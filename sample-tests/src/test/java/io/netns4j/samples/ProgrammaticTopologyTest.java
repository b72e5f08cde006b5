package io.netns4j.samples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netns4j.NetNs;
import io.netns4j.PingResult;
import io.netns4j.Topology;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The same topologies, built in code instead of declared with annotations: {@link Topology#builder()} takes the same
 * vocabulary and runs the same checks, and the {@link Topology} it builds is closed with try-with-resources. This works
 * anywhere (a {@code main} method, another test framework, a topology whose shape is computed); this class uses plain
 * JUnit tests without {@code @NetworkTest}.
 *
 * <p>
 * Without the extension nothing skips the tests when the JVM may not create namespaces, so the class checks that it
 * runs as root itself.
 */
class ProgrammaticTopologyTest {

    @BeforeEach
    void needsRoot() {
        assumeTrue("root".equals(System.getProperty("user.name")), "creating network namespaces needs root");
    }

    @Test
    void talksTcpAcrossATopologyBuiltInCode() throws Exception {
        NetNs client;
        try (Topology net = Topology.builder().namespace("client").namespace("server")
                .veth("client", "10.0.0.1/24", "server", "10.0.0.2/24").build()) {
            client = net.ns("client");
            NetNs server = net.ns("server");

            try (ServerSocket listener = server.serverSocket(7000)) {
                Future<String> received = server.submit(() -> {
                    try (Socket connection = listener.accept(); InputStream in = connection.getInputStream()) {
                        return new String(in.readAllBytes(), UTF_8);
                    }
                });
                try (Socket socket = client.socket("10.0.0.2", 7000); OutputStream out = socket.getOutputStream()) {
                    out.write("hello".getBytes(UTF_8));
                }
                assertThat(received.get(10, TimeUnit.SECONDS)).isEqualTo("hello");
            }
        }

        // Closed: the namespaces are gone, and so is everything that lived in them.
        assertThatThrownBy(() -> client.ping("10.0.0.2")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("torn down");
    }

    @Test
    void routesThroughARouterBuiltInCode() {
        try (Topology net = Topology.builder() //
                .namespace("client") //
                .router("gateway") //
                .namespace("server") //
                .veth("client", "gateway",
                        v -> v.aName("uplink").aAddress("10.1.0.2/24").bAddress("10.1.0.1/24").mtu(1400)) //
                .veth("gateway", "10.2.0.1/24", "server", "10.2.0.2/24") //
                .route("client", "default", "10.1.0.1") //
                .route("server", "default", "10.2.0.1") //
                .build()) {
            NetNs client = net.ns("client");

            PingResult ping = client.ping("10.2.0.2");

            assertThat(ping.allReceived()).as("%s", ping).isTrue();
            assertThat(client.link("uplink").info().mtu()).isEqualTo(1400);
            assertThat(net.ns("gateway").exec("sysctl", "-n", "net.ipv4.ip_forward").stdout().strip()).isEqualTo("1");
        }
    }
}
