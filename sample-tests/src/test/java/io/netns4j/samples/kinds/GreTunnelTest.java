package io.netns4j.samples.kinds;

import static io.netns4j.assertj.Assertions.assertThat;
import static io.netns4j.packet.Matchers.gre;
import static io.netns4j.packet.Matchers.icmp;

import io.netns4j.Capture;
import io.netns4j.NetNs;
import io.netns4j.NetworkTest;
import io.netns4j.annotations.GreTunnel;
import io.netns4j.annotations.NetNamespace;
import io.netns4j.annotations.Ns;
import io.netns4j.annotations.Route;
import io.netns4j.annotations.VethLink;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A GRE tunnel with a key across the router of {@link IpipTunnelTest}.
 *
 * <pre>
 *   ns1 eth0 10.1.0.2/24 ---- router ---- eth0 10.2.0.2/24 ns2
 *   gre1 192.168.50.10  ==== GRE (protocol 47), key 42 ====  gre1 192.168.60.10
 * </pre>
 *
 * Like ipip, but each packet also carries a GRE header, here with key 42: both ends must agree on it, and packets with
 * another key are not taken as this tunnel's. A capture on the underlay matches the key and the packet inside:
 * {@code gre().key(42).inner(icmp().echoRequest())}.
 *
 * <p>
 * Needs the kernel's {@code gre} driver ({@code ip_gre}): where it is missing the class is skipped with the reason; the
 * kernel lane ({@code ci/kernel-lane}, tag {@code kernel-gre}) runs it.
 */
@NetworkTest
@Tag("kernel-gre")
@NetNamespace("ns1")
@NetNamespace("router")
@NetNamespace("ns2")
@VethLink(a = "ns1", aAddress = "10.1.0.2/24", b = "router", bAddress = "10.1.0.1/24")
@VethLink(a = "router", aAddress = "10.2.0.1/24", b = "ns2", bAddress = "10.2.0.2/24")
@Route(ns = "ns1", to = "default", via = "10.1.0.1")
@Route(ns = "ns2", to = "default", via = "10.2.0.1")
@GreTunnel(ns = "ns1", name = "gre1", local = "10.1.0.2", remote = "10.2.0.2", key = 42, address = "192.168.50.10", peer = "192.168.60.10")
@GreTunnel(ns = "ns2", name = "gre1", local = "10.2.0.2", remote = "10.1.0.2", key = 42, address = "192.168.60.10", peer = "192.168.50.10")
class GreTunnelTest {

    @Test
    void pingsCrossTheTunnelWithTheKey(@Ns("ns1") NetNs ns1, @Ns("ns2") NetNs ns2) throws Exception {
        try (Capture underlay = ns1.capture("eth0")) {
            assertThat(ns1).canPing("192.168.60.10");
            assertThat(ns2).canPing("192.168.50.10");

            assertThat(underlay).hasPacket(
                    gre().key(42).src("10.1.0.2").dst("10.2.0.2").inner(icmp().echoRequest().dst("192.168.60.10")))
                    .within(Duration.ofSeconds(3));
        }
    }
}
