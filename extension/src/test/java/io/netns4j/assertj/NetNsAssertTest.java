package io.netns4j.assertj;

import static io.netns4j.assertj.Assertions.assertThat;
import static io.netns4j.assertj.Assertions.tcp;
import static io.netns4j.assertj.Assertions.udp;
import static java.lang.String.format;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netns4j.NetNs;
import io.netns4j.RouteInfo;
import io.netns4j.Topology;
import io.netns4j.assertj.NetNsAssert.InterfaceAssert;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@link NetNsAssert} on a real topology, with real traffic: every check passes where the network makes it true, and
 * fails, with the whole message checked, where it does not.
 *
 * <pre>
 * client                                    server
 *   eth0   10.0.0.1/24 ---------------------- eth0 10.0.0.2/24   TCP server on 8080, UDP echo responder on 7007
 *   spare0 (no address, MTU 1400, set down) - spare1
 *                                           sink
 *   eth1   10.2.0.1/24 ---------------------- eth0 10.2.0.2/24   no route onward
 *   route 10.9.0.0/24 via 10.2.0.2
 * </pre>
 *
 * Echo requests to 10.9.0.1 are never answered: the sink drops them, or, where namespaces inherit forwarding from the
 * host, answers with ICMP net unreachable. The sink is a namespace of its own because the kernel's budget of ICMP
 * errors is kept per namespace and per destination: sent by the server, those errors would use up the budget its ICMP
 * port unreachables need (a burst of 6, then 1 a second), on which the UDP probes of closed ports rely.
 *
 * <p>
 * The IPv6 link-local address of a veth end is derived from a random MAC address; the messages checked avoid it:
 * addresses are checked on {@code lo} and {@code spare0}, and routes list only the link-local prefix.
 */
@DisplayName("NetNsAssert")
class NetNsAssertTest {

    private static final int TCP_OPEN = 8080;
    private static final int UDP_ECHO = 7007;
    /** A port nothing listens on, in TCP or UDP: the server answers with a reset or an ICMP port unreachable. */
    private static final int CLOSED = 8089;
    /** Routed to the sink: echo requests to it are never answered. */
    private static final String BLACKHOLED = "10.9.0.1";
    /** No route in the client: sending to it fails at once. */
    private static final String UNROUTABLE = "192.0.2.1";

    private static final List<String> ROUTES = List.of("10.0.0.0/24 dev eth0", "10.2.0.0/24 dev eth1",
            "10.9.0.0/24 via 10.2.0.2 dev eth1", "fe80::/64 dev eth0", "fe80::/64 dev eth1");

    private static Topology net;
    private static NetNs client;
    private static ServerSocket tcpServer;
    private static DatagramSocket udpEcho;

    @BeforeAll
    static void build() throws Exception {
        net = Topology.builder().namespace("client").namespace("server").namespace("sink")
                .veth("client", "10.0.0.1/24", "server", "10.0.0.2/24")
                .veth("client", "server", v -> v.aName("spare0").bName("spare1").mtu(1400))
                .veth("client", "sink",
                        v -> v.aName("eth1").aAddress("10.2.0.1/24").bName("eth0").bAddress("10.2.0.2/24"))
                .route("client", "10.9.0.0/24", "10.2.0.2").build();
        client = net.ns("client");
        NetNs server = net.ns("server");
        net.link("client", "spare0").down();
        tcpServer = server.serverSocket(TCP_OPEN);
        server.submit(() -> acceptAndClose(tcpServer));
        udpEcho = server.datagramSocket(UDP_ECHO);
        server.submit(() -> echo(udpEcho));
        // Link-local routes come with IPv6's setup of a link; spare0's went with its going down.
        await("the route list to settle").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> routes().equals(ROUTES));
    }

    @AfterAll
    static void tearDown() throws IOException {
        // closing the sockets ends their tasks; the topology's teardown would close them too
        try {
            if (tcpServer != null) {
                tcpServer.close();
            }
            if (udpEcho != null) {
                udpEcho.close();
            }
        } finally {
            if (net != null) {
                net.close();
            }
        }
    }

    private static List<String> routes() {
        return client.routes().stream().map(RouteInfo::toString).toList();
    }

    private static Void acceptAndClose(ServerSocket server) throws IOException {
        while (true) {
            try {
                server.accept().close();
            } catch (SocketException closed) {
                return null;
            }
        }
    }

    private static Void echo(DatagramSocket socket) throws IOException {
        byte[] buffer = new byte[2048];
        while (true) {
            DatagramPacket request = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(request);
            } catch (SocketException closed) {
                return null;
            }
            socket.send(new DatagramPacket(request.getData(), request.getLength(), request.getSocketAddress()));
        }
    }

    @Nested
    @DisplayName("canPing / cannotPing")
    class Ping {

        @Test
        void canPingPassesWhenEveryEchoRequestIsAnswered() {
            assertThat(client).canPing("10.0.0.2").canPing("127.0.0.1");
        }

        @Test
        void canPingFailsWhenTheRequestsAreLost() {
            // slow on purpose: 3 probes of 1 s each go unanswered
            assertThatThrownBy(() -> assertThat(client).canPing(BLACKHOLED)).isInstanceOf(AssertionError.class)
                    .hasMessage(format("%nExpecting namespace:%n  client%nto ping:%n  10.9.0.1%n"
                            + "but 3 of 3 echo requests were lost"));
        }

        @Test
        void canPingFailsWhenNoRequestCanBeSent() {
            assertThatThrownBy(() -> assertThat(client).canPing(UNROUTABLE)).isInstanceOf(AssertionError.class)
                    .hasMessage(format("%nExpecting namespace:%n  client%nto ping:%n  192.0.2.1%n"
                            + "but no echo request could be sent: ENETUNREACH (Network is unreachable)"));
        }

        @Test
        void cannotPingPassesWhenNoRequestIsAnswered() {
            assertThat(client).cannotPing(BLACKHOLED).cannotPing(UNROUTABLE);
        }

        @Test
        void cannotPingFailsWhenRequestsAreAnswered() {
            assertThatThrownBy(() -> assertThat(client).cannotPing("10.0.0.2")).isInstanceOf(AssertionError.class)
                    .hasMessage(format("%nExpecting namespace:%n  client%nnot to ping:%n  10.0.0.2%n"
                            + "but 3 of 3 echo requests were answered"));
        }
    }

    @Nested
    @DisplayName("canReach / cannotReach")
    class Reach {

        @Test
        void canReachPassesForAListeningTcpServer() {
            assertThat(client).canReach(tcp("10.0.0.2", TCP_OPEN));
        }

        @Test
        void canReachFailsForAClosedTcpPort() {
            assertThatThrownBy(() -> assertThat(client).canReach(tcp("10.0.0.2", CLOSED)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessage(format("%nExpecting namespace:%n  client%nto reach:%n  tcp 10.0.0.2:8089%n"
                            + "but the connection failed: Connection refused"));
        }

        @Test
        void canReachPassesForAUdpResponder() {
            assertThat(client).canReach(udp("10.0.0.2", UDP_ECHO));
        }

        @Test
        void canReachFailsForAClosedUdpPort() {
            assertThatThrownBy(() -> assertThat(client).canReach(udp("10.0.0.2", CLOSED)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessage(format("%nExpecting namespace:%n  client%nto reach:%n  udp 10.0.0.2:8089%n"
                            + "but the port is unreachable (ICMP port unreachable)"));
        }

        @Test
        void cannotReachPassesForClosedPorts() {
            assertThat(client).cannotReach(tcp("10.0.0.2", CLOSED)).cannotReach(udp("10.0.0.2", CLOSED));
        }

        @Test
        void cannotReachFailsForAListeningTcpServer() {
            assertThatThrownBy(() -> assertThat(client).cannotReach(tcp("10.0.0.2", TCP_OPEN)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessage(format("%nExpecting namespace:%n  client%nnot to reach:%n  tcp 10.0.0.2:8080%n"
                            + "but a connection was established"));
        }

        @Test
        void cannotReachFailsForAUdpResponder() {
            assertThatThrownBy(() -> assertThat(client).cannotReach(udp("10.0.0.2", UDP_ECHO)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessage(format("%nExpecting namespace:%n  client%nnot to reach:%n  udp 10.0.0.2:7007%n"
                            + "but it answered the probe datagram"));
        }
    }

    @Nested
    @DisplayName("hasInterface and its InterfaceAssert")
    class Interfaces {

        @Test
        void hasInterfacePassesForEachInterface() {
            assertThat(client).hasInterface("lo");
            assertThat(client).hasInterface("eth0");
            assertThat(client).hasInterface("spare0");
        }

        @Test
        void hasInterfaceFailsListingTheInterfaces() {
            assertThatThrownBy(() -> assertThat(client).hasInterface("eth9")).isInstanceOf(AssertionError.class)
                    .hasMessage(format("%nExpecting namespace:%n  client%nto have interface:%n  eth9%n"
                            + "but it has:%n  lo, eth0, spare0, eth1"));
        }

        @Test
        void everyCheckPassesOnAnInterfaceAsBuilt() {
            assertThat(client).hasInterface("eth0").withAddress("10.0.0.1/24").up().withMtu(1500);
            // an IPv6 address is compared as the kernel writes it
            assertThat(client).hasInterface("lo").withAddress("127.0.0.1/8").withAddress("0:0:0:0:0:0:0:1/128");
            assertThat(client).hasInterface("spare0").down().withMtu(1400);
        }

        @Test
        void withAddressFailsListingTheAddresses() {
            assertThatThrownBy(() -> assertThat(client).hasInterface("lo").withAddress("10.0.0.1/24"))
                    .isInstanceOf(AssertionError.class)
                    .hasMessage(format("%nExpecting interface:%n  lo in namespace client%nto have address:%n"
                            + "  10.0.0.1/24%nbut it has:%n  127.0.0.1/8, ::1/128"));
        }

        @Test
        void withAddressFailsOnAnInterfaceWithoutAddresses() {
            assertThatThrownBy(() -> assertThat(client).hasInterface("spare0").withAddress("10.1.0.1/24"))
                    .isInstanceOf(AssertionError.class)
                    .hasMessage(format("%nExpecting interface:%n  spare0 in namespace client%nto have address:%n"
                            + "  10.1.0.1/24%nbut it has:%n  (none)"));
        }

        @Test
        void upFailsOnAnInterfaceSetDown() {
            assertThatThrownBy(() -> assertThat(client).hasInterface("spare0").up()).isInstanceOf(AssertionError.class)
                    .hasMessage(format("%nExpecting interface:%n  spare0 in namespace client%n"
                            + "to be operationally up, but its state is DOWN (administratively down)"));
        }

        @Test
        void downFailsOnAnInterfaceThatIsUp() {
            assertThatThrownBy(() -> assertThat(client).hasInterface("eth0").down()).isInstanceOf(AssertionError.class)
                    .hasMessage(format("%nExpecting interface:%n  eth0 in namespace client%n"
                            + "not to be operationally up, but it is"));
        }

        @Test
        void withMtuFailsNamingTheActualMtu() {
            assertThatThrownBy(() -> assertThat(client).hasInterface("eth0").withMtu(9000))
                    .isInstanceOf(AssertionError.class).hasMessage(format(
                            "%nExpecting interface:%n  eth0 in namespace client%nto have MTU 9000, but it has 1500"));
        }

        @Test
        void interfaceChecksCarryTheDescriptionOfTheNamespaceAssert() {
            assertThatThrownBy(() -> assertThat(client).as("the client side").hasInterface("eth0").withMtu(9000))
                    .isInstanceOf(AssertionError.class)
                    .hasMessage(format(
                            "[the client side] %nExpecting interface:%n  eth0 in namespace client%nto have MTU 9000, but"
                                    + " it has 1500"));
        }

        @Test
        void interfaceChecksCarryTheirOwnDescriptionToo() {
            assertThatThrownBy(() -> assertThat(client).as("client").hasInterface("eth0").as("uplink").down())
                    .isInstanceOf(AssertionError.class).hasMessage(format("[client] [uplink] %nExpecting interface:%n"
                            + "  eth0 in namespace client%nnot to be operationally up, but it is"));
        }

        @Test
        void aFailurePointsAtTheTestNotAtTheAssertClasses() {
            assertThatThrownBy(() -> assertThat(client).hasInterface("eth0").withMtu(9000))
                    .satisfies(e -> org.assertj.core.api.Assertions.assertThat(e.getStackTrace()[0].getClassName())
                            .isEqualTo(Interfaces.class.getName()));
        }
    }

    @Nested
    @DisplayName("InterfaceAssert made from a LinkInfo alone")
    class InterfaceSnapshot {

        @Test
        void checksPassOnTheSnapshot() {
            new InterfaceAssert(net.link("client", "eth0").info()).up().withMtu(1500);
            new InterfaceAssert(net.link("client", "spare0").info()).down().withMtu(1400);
        }

        @Test
        void upFailsNamingTheInterfaceOnly() {
            assertThatThrownBy(() -> new InterfaceAssert(net.link("client", "spare0").info()).up())
                    .isInstanceOf(AssertionError.class).hasMessage(format("%nExpecting interface:%n  spare0%n"
                            + "to be operationally up, but its state is DOWN (administratively down)"));
        }

        @Test
        void downAndWithMtuFail() {
            InterfaceAssert eth0 = new InterfaceAssert(net.link("client", "eth0").info());
            assertThatThrownBy(eth0::down).isInstanceOf(AssertionError.class)
                    .hasMessage(format("%nExpecting interface:%n  eth0%nnot to be operationally up, but it is"));
            assertThatThrownBy(() -> eth0.withMtu(1280)).isInstanceOf(AssertionError.class)
                    .hasMessage(format("%nExpecting interface:%n  eth0%nto have MTU 1280, but it has 1500"));
        }

        @Test
        void withAddressFailsSayingItCannotReadAddresses() {
            assertThatThrownBy(() -> new InterfaceAssert(net.link("client", "eth0").info()).withAddress("10.0.0.1/24"))
                    .isInstanceOf(AssertionError.class)
                    .hasMessage(format("%nExpecting interface:%n  eth0%nto have address:%n  10.0.0.1/24%n"
                            + "but its addresses cannot be read: this assert was made from a LinkInfo alone;"
                            + " use assertThat(ns).hasInterface(\"eth0\")"));
        }
    }

    @Nested
    @DisplayName("hasRoute")
    class Routes {

        private static final String ROUTE_LINES = format("  10.0.0.0/24 dev eth0%n  10.2.0.0/24 dev eth1%n"
                + "  10.9.0.0/24 via 10.2.0.2 dev eth1%n  fe80::/64 dev eth0%n  fe80::/64 dev eth1");

        @Test
        void hasRoutePassesForAConnectedAndAGatewayRoute() {
            assertThat(client).hasRoute("10.0.0.0/24").hasRoute("10.9.0.0/24").hasRoute("10.9.0.0/24", "10.2.0.2")
                    .hasRoute("fe80::/64");
        }

        @Test
        void hasRouteFailsListingTheRoutes() {
            assertThatThrownBy(() -> assertThat(client).hasRoute("default")).isInstanceOf(AssertionError.class)
                    .hasMessage(format("%nExpecting namespace:%n  client%nto have a route to:%n  default%n"
                            + "but its routes are:%n%s", ROUTE_LINES));
        }

        @Test
        void hasRouteFailsForAnotherGateway() {
            assertThatThrownBy(() -> assertThat(client).hasRoute("10.9.0.0/24", "10.0.0.2"))
                    .isInstanceOf(AssertionError.class)
                    .hasMessage(format("%nExpecting namespace:%n  client%nto have a route to:%n"
                            + "  10.9.0.0/24 via 10.0.0.2%nbut its routes are:%n%s", ROUTE_LINES));
        }
    }

    @Nested
    @DisplayName("a null namespace")
    class Null {

        @Test
        void failsAsAssertJDoesRatherThanWithANullPointerException() {
            assertThatThrownBy(() -> assertThat((NetNs) null).canPing("10.0.0.2")).isInstanceOf(AssertionError.class)
                    .hasMessage(format("%nExpecting actual not to be null"));
            assertThatThrownBy(() -> assertThat((NetNs) null).hasInterface("eth0")).isInstanceOf(AssertionError.class)
                    .hasMessage(format("%nExpecting actual not to be null"));
        }
    }
}
