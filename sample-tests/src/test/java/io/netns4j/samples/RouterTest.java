package io.netns4j.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.netns4j.ExecResult;
import io.netns4j.NetNs;
import io.netns4j.NetworkTest;
import io.netns4j.PingResult;
import io.netns4j.RouteInfo;
import io.netns4j.annotations.NetNamespace;
import io.netns4j.annotations.Ns;
import io.netns4j.annotations.Route;
import io.netns4j.annotations.VethLink;
import org.junit.jupiter.api.Test;

/**
 * Two subnets joined by a router.
 *
 * <pre>
 *   client                    router                     server
 *   eth0 10.1.0.2/24 ---- eth0 10.1.0.1/24
 *                             eth1 10.2.0.1/24 ---- eth0 10.2.0.2/24
 *   default via 10.1.0.1                             default via 10.2.0.1
 * </pre>
 *
 * <p>
 * Each {@code @Route} goes into one namespace's routing table. The router needs no {@code forwarding = true}: a
 * namespace whose address another namespace routes through is a router, and netns4j switches IPv4 and IPv6 forwarding
 * on in it (and only in it).
 *
 * <p>
 * That a packet really crossed a router, rather than a shortcut, shows in its TTL: Linux sends echo requests and
 * replies with TTL 64 and each router on the way takes one off, so the system's {@code ping} program, an independent
 * witness, prints {@code ttl=63} for the server's reply.
 */
@NetworkTest
@NetNamespace("client")
@NetNamespace("router")
@NetNamespace("server")
@VethLink(a = "client", aAddress = "10.1.0.2/24", b = "router", bAddress = "10.1.0.1/24")
@VethLink(a = "router", aAddress = "10.2.0.1/24", b = "server", bAddress = "10.2.0.2/24")
@Route(ns = "client", to = "default", via = "10.1.0.1")
@Route(ns = "server", to = "default", via = "10.2.0.1")
class RouterTest {

    @Test
    void clientReachesServerInAnotherSubnet(@Ns("client") NetNs client, @Ns("server") NetNs server) {
        PingResult there = client.ping("10.2.0.2");
        PingResult back = server.ping("10.1.0.2");

        assertThat(there.allReceived()).as("%s", there).isTrue();
        assertThat(back.allReceived()).as("%s", back).isTrue();
    }

    @Test
    void theReplyCrossedExactlyOneRouter(@Ns("client") NetNs client) {
        ExecResult ping = client.exec("ping", "-n", "-c", "1", "-W", "2", "10.2.0.2");

        assertThat(ping.succeeded()).as("%s", ping).isTrue();
        assertThat(ping.stdout()).contains("from 10.2.0.2: icmp_seq=1 ttl=63");
    }

    @Test
    void theRouterForwardsAndTheEndsDoNot(@Ns("client") NetNs client, @Ns("router") NetNs router,
            @Ns("server") NetNs server) {
        // /proc/sys/net shows the namespace of the process that reads it, so sysctl run inside a namespace
        // reports that namespace's setting.
        assertThat(router.exec("sysctl", "-n", "net.ipv4.ip_forward").stdout().strip()).isEqualTo("1");
        assertThat(client.exec("sysctl", "-n", "net.ipv4.ip_forward").stdout().strip()).isEqualTo("0");
        assertThat(server.exec("cat", "/proc/sys/net/ipv4/ip_forward").stdout().strip()).isEqualTo("0");
    }

    @Test
    void eachEndHasItsDefaultRouteViaTheRouter(@Ns("client") NetNs client, @Ns("server") NetNs server) {
        assertThat(client.routes()).extracting(RouteInfo::toString).contains("default via 10.1.0.1 dev eth0");
        assertThat(server.exec("ip", "route", "show", "default").stdout()).contains("default via 10.2.0.1 dev eth0");
    }
}
