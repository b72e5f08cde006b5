package io.netns4j.kinds;

import static io.netns4j.assertj.Assertions.assertThat;
import static io.netns4j.packet.Matchers.icmp;
import static io.netns4j.packet.Matchers.ipip;
import static org.assertj.core.api.Assertions.assertThat;

import io.netns4j.Capture;
import io.netns4j.NetNs;
import io.netns4j.NetworkTest;
import io.netns4j.annotations.IpipTunnel;
import io.netns4j.annotations.NetNamespace;
import io.netns4j.annotations.Ns;
import io.netns4j.annotations.Route;
import io.netns4j.annotations.VethLink;
import io.netns4j.packet.LinkType;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An ipip tunnel between two namespaces in different subnets, across a router, with point-to-point addresses
 * ({@code ip addr add 192.168.50.10 peer 192.168.60.10}). Runs in the kernel lane; skipped with the reason where the
 * kernel has no ipip driver (this host).
 */
@NetworkTest
@Tag("kernel-ipip")
@NetNamespace("ns1")
@NetNamespace("router")
@NetNamespace("ns2")
@VethLink(a = "ns1", aAddress = "10.1.0.2/24", b = "router", bAddress = "10.1.0.1/24")
@VethLink(a = "router", aAddress = "10.2.0.1/24", b = "ns2", bAddress = "10.2.0.2/24")
@Route(ns = "ns1", to = "default", via = "10.1.0.1")
@Route(ns = "ns2", to = "default", via = "10.2.0.1")
@IpipTunnel(ns = "ns1", name = "ipip1", local = "10.1.0.2", remote = "10.2.0.2", address = "192.168.50.10", peer = "192.168.60.10")
@IpipTunnel(ns = "ns2", name = "ipip1", local = "10.2.0.2", remote = "10.1.0.2", address = "192.168.60.10", peer = "192.168.50.10")
class IpipTest {

    private static final Duration WAIT = Duration.ofSeconds(3);

    @Test
    void eachEndReachesTheOtherThroughTheTunnel(@Ns("ns1") NetNs ns1, @Ns("ns2") NetNs ns2) {
        assertThat(ns1).canPing("192.168.60.10");
        assertThat(ns2).canPing("192.168.50.10");
    }

    /** iproute2, an independent witness, shows the kind, the endpoints and the point-to-point address. */
    @Test
    void theDeviceIsWhatWasDeclared(@Ns("ns1") NetNs ns1) {
        assertThat(ns1).hasInterface("ipip1").withAddress("192.168.50.10/32");
        assertThat(ns1.exec("ip", "-d", "-o", "link", "show", "ipip1")).succeeded().stdoutContains("ipip")
                .stdoutContains("remote 10.2.0.2").stdoutContains("local 10.1.0.2");
        assertThat(ns1.exec("ip", "-o", "addr", "show", "dev", "ipip1")).succeeded()
                .stdoutContains("inet 192.168.50.10 peer 192.168.60.10/32");
        assertThat(ns1.exec("ip", "route", "get", "192.168.60.10")).succeeded().stdoutContains("dev ipip1");
    }

    /** On the underlay the ping is IP in IP (protocol 4); on the tunnel device, plain ICMP without a link header. */
    @Test
    void theUnderlayCarriesIpInIpAndTheTunnelPlainIcmp(@Ns("ns1") NetNs ns1) throws Exception {
        try (Capture underlay = ns1.capture("eth0"); Capture tunnel = ns1.capture("ipip1")) {
            assertThat(ns1).canPing("192.168.60.10");

            assertThat(underlay).hasPacket(ipip().src("10.1.0.2").dst("10.2.0.2")
                    .inner(icmp().echoRequest().src("192.168.50.10").dst("192.168.60.10"))).within(WAIT);
            assertThat(tunnel.linkType()).isEqualTo(LinkType.RAW_IP);
            assertThat(tunnel).hasPacket(icmp().echoRequest().dst("192.168.60.10")).within(WAIT);
        }
    }
}
