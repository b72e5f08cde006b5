package io.netns4j.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.netns4j.Link;
import io.netns4j.NetNs;
import io.netns4j.NetworkTest;
import io.netns4j.Topology;
import io.netns4j.annotations.Dev;
import io.netns4j.annotations.NetNamespace;
import io.netns4j.annotations.Ns;
import io.netns4j.annotations.VethLink;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@NetworkTest
@NetNamespace("client")
@NetNamespace("server")
@VethLink(a = "client", aAddress = "10.0.0.1/24", b = "server", bAddress = "10.0.0.2/24")
class NetworkTestExtensionTest {

    @Ns("client")
    NetNs clientField;

    @Test
    void injectsNamespacesAndTalksTcpAcross(@Ns("client") NetNs client, @Ns("server") NetNs server) throws Exception {
        assertThat(clientField).isSameAs(client);
        try (ServerSocket ss = server.serverSocket(7000)) {
            Future<String> accepted = server.submit(() -> {
                try (Socket s = ss.accept(); InputStream in = s.getInputStream()) {
                    return new String(in.readAllBytes());
                }
            });
            try (Socket s = client.socket("10.0.0.2", 7000); OutputStream out = s.getOutputStream()) {
                out.write("hello".getBytes());
            }
            assertThat(accepted.get()).isEqualTo("hello");
        }
        assertThat(client.ping("10.0.0.2").received()).isEqualTo(3);
        assertThat(client.exec("ip", "-o", "addr").stdout()).contains("10.0.0.1/24");
    }

    @Test
    @NetNamespace("extra")
    @VethLink(a = "extra", aAddress = "10.9.0.1/24", b = "server", bAddress = "10.9.0.2/24")
    void methodLevelDeclarationsAddToTheClasses(Topology net, @Dev(ns = "server", name = "eth1") Link link) {
        assertThat(net.namespaces()).extracting(NetNs::name).containsExactly("client", "server", "extra");
        assertThat(link.info().isOperationallyUp()).isTrue();
        assertThat(net.ns("extra").ping("10.9.0.2").received()).isEqualTo(3);
    }

    @Nested
    @NetNamespace("third")
    @VethLink(a = "third", aAddress = "10.1.0.1/24", b = "client", bAddress = "10.1.0.2/24")
    class WhenNested {
        @Test
        void inheritsTheEnclosingDeclarations(Topology net) {
            assertThat(net.namespaces()).extracting(NetNs::name).containsExactly("client", "server", "third");
            assertThat(net.ns("third").ping("10.1.0.2").received()).isEqualTo(3);
        }
    }
}
