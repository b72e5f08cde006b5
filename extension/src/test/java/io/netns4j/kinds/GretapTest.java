package io.netns4j.kinds;

import static io.netns4j.assertj.Assertions.assertThat;
import static io.netns4j.packet.Matchers.gre;
import static io.netns4j.packet.Matchers.icmp;

import io.netns4j.Capture;
import io.netns4j.NetNs;
import io.netns4j.NetworkTest;
import io.netns4j.annotations.GreTunnel;
import io.netns4j.annotations.NetNamespace;
import io.netns4j.annotations.Ns;
import io.netns4j.annotations.VethLink;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A gretap device ({@code @GreTunnel(tap = true)}): Ethernet over GRE, so ARP crosses it and the addresses are those of
 * an ordinary LAN. Default names are {@code gretaptunN}. Runs in the kernel lane; skipped with the reason where the
 * kernel has no gretap driver (this host).
 */
@NetworkTest
@Tag("kernel-gre")
@Tag("kernel-gretap")
@NetNamespace("a")
@NetNamespace("b")
@VethLink(a = "a", aAddress = "10.0.0.1/24", b = "b", bAddress = "10.0.0.2/24")
@GreTunnel(ns = "a", tap = true, local = "10.0.0.1", remote = "10.0.0.2", address = "10.77.0.1/24")
@GreTunnel(ns = "b", tap = true, local = "10.0.0.2", remote = "10.0.0.1", address = "10.77.0.2/24")
class GretapTest {

    @Test
    void framesCrossTheTunnel(@Ns("a") NetNs a) throws Exception {
        try (Capture underlay = a.capture("eth0")) {
            assertThat(a).canPing("10.77.0.2");
            // protocol type 0x6558: an Ethernet frame inside
            assertThat(underlay).hasPacket(gre().protocolType(0x6558).inner(icmp().echoRequest().dst("10.77.0.2")))
                    .within(Duration.ofSeconds(3));
        }
        assertThat(a.exec("ip", "-d", "-o", "link", "show", "gretaptun0")).succeeded().stdoutContains("gretap");
    }
}
