package io.netns4j.kinds;

import static io.netns4j.assertj.Assertions.assertThat;
import static io.netns4j.packet.Matchers.icmp;
import static io.netns4j.packet.Matchers.sit;

import io.netns4j.Capture;
import io.netns4j.NetNs;
import io.netns4j.NetworkTest;
import io.netns4j.annotations.NetNamespace;
import io.netns4j.annotations.Ns;
import io.netns4j.annotations.Route;
import io.netns4j.annotations.SitTunnel;
import io.netns4j.annotations.VethLink;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A sit tunnel: IPv6 between two namespaces whose only link is IPv4, across a router. Runs in the kernel lane; skipped
 * with the reason where the kernel has no sit driver (this host).
 */
@NetworkTest
@Tag("kernel-sit")
@NetNamespace("ns1")
@NetNamespace("router")
@NetNamespace("ns2")
@VethLink(a = "ns1", aAddress = "10.1.0.2/24", b = "router", bAddress = "10.1.0.1/24")
@VethLink(a = "router", aAddress = "10.2.0.1/24", b = "ns2", bAddress = "10.2.0.2/24")
@Route(ns = "ns1", to = "default", via = "10.1.0.1")
@Route(ns = "ns2", to = "default", via = "10.2.0.1")
@SitTunnel(ns = "ns1", name = "sit1", local = "10.1.0.2", remote = "10.2.0.2", ttl = 64, address = "fd00:50::1/64")
@SitTunnel(ns = "ns2", name = "sit1", local = "10.2.0.2", remote = "10.1.0.2", ttl = 64, address = "fd00:50::2/64")
class SitTest {

    @Test
    void ipv6CrossesTheIpv4Network(@Ns("ns1") NetNs ns1, @Ns("ns2") NetNs ns2) throws Exception {
        try (Capture underlay = ns1.capture("eth0")) {
            assertThat(ns1).canPing("fd00:50::2");
            assertThat(ns2).canPing("fd00:50::1");
            assertThat(underlay)
                    .hasPacket(sit().src("10.1.0.2").dst("10.2.0.2").inner(icmp().v6().echoRequest().dst("fd00:50::2")))
                    .within(Duration.ofSeconds(3));
        }
    }

    @Test
    void theDeviceIsWhatWasDeclared(@Ns("ns1") NetNs ns1) {
        assertThat(ns1).hasInterface("sit1").withAddress("fd00:50::1/64");
        assertThat(ns1.exec("ip", "-d", "-o", "link", "show", "sit1")).succeeded().stdoutContains("sit")
                .stdoutContains("remote 10.2.0.2").stdoutContains("local 10.1.0.2").stdoutContains("ttl 64");
    }
}
