package io.netns4j.samples.readme;

// tag::quick-start[]
import static org.assertj.core.api.Assertions.assertThat;

import io.netns4j.NetNs;
import io.netns4j.NetworkTest;
import io.netns4j.annotations.NetNamespace;
import io.netns4j.annotations.Ns;
import io.netns4j.annotations.VethLink;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@NetworkTest
@NetNamespace("client")
@NetNamespace("server")
@VethLink(a = "client", aAddress = "10.0.0.1/24", b = "server", bAddress = "10.0.0.2/24")
class EchoTest {

    @Test
    void clientReachesServer(@Ns("client") NetNs client, @Ns("server") NetNs server) throws Exception {
        try (ServerSocket listener = server.serverSocket(7000)) { // a socket inside "server"
            Future<String> received = server.submit(() -> { // Java code inside "server"
                try (Socket s = listener.accept()) {
                    return new String(s.getInputStream().readAllBytes());
                }
            });
            try (Socket s = client.socket("10.0.0.2", 7000)) { // connected from inside "client"
                s.getOutputStream().write("hi".getBytes());
            }
            assertThat(received.get()).isEqualTo("hi");
        }
        assertThat(client.ping("10.0.0.2").received()).isEqualTo(3); // ICMP socket, no process
        assertThat(client.exec("ip", "-o", "addr").stdout()).contains("10.0.0.1/24");
    }
}
// end::quick-start[]
