package io.netns4j.samples.readme;

// tag::capture[]
import static io.netns4j.assertj.Assertions.*; // assertThat(ns|capture|exec|ping), tcp(..), udp(..)
import static io.netns4j.packet.Matchers.*; // tcp(), udp(), icmp(), arp(), ipip().inner(..) ...

// end::capture[]

import io.netns4j.Capture;
import io.netns4j.NetNs;
import io.netns4j.NetworkTest;
import io.netns4j.annotations.NetNamespace;
import io.netns4j.annotations.Ns;
import io.netns4j.annotations.VethLink;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The README's capture and assertion example, against a server listening on port 7000. */
@NetworkTest
@NetNamespace("client")
@NetNamespace("server")
@VethLink(a = "client", aAddress = "10.0.0.1/24", b = "server", bAddress = "10.0.0.2/24")
class CaptureAndAssertionsTest {

    @Test
    void aConnectionShowsOnTheServersWire(@Ns("client") NetNs client, @Ns("server") NetNs server) throws Exception {
        server.serverSocket(7000); // listening until the test's namespaces go
        // tag::capture[]
        try (Capture capture = server.capture("eth0")) { // listening when this returns
            assertThat(client).canPing("10.0.0.2");
            assertThat(client).canReach(tcp("10.0.0.2", 7000));
            assertThat(capture).hasPacket(tcp().dstPort(7000).syn()).within(Duration.ofSeconds(2));
            assertThat(capture).hasNoPacket(udp().dstPort(53)).during(Duration.ofMillis(300));
        }
        assertThat(client).eventually().canPing("10.0.0.2"); // retried; a failure names the timeout
        // end::capture[]
    }
}
