package io.netns4j.kinds;

import static io.netns4j.assertj.Assertions.assertThat;

import io.netns4j.NetNs;
import io.netns4j.NetworkTest;
import io.netns4j.Topology;
import io.netns4j.annotations.IpipTunnel;
import io.netns4j.annotations.NetNamespace;
import io.netns4j.annotations.Ns;
import io.netns4j.annotations.VethLink;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The options of an ipip tunnel reach the kernel (iproute2 reads them back), a tunnel without a name gets
 * {@code ipiptunN}, and the builder declares tunnels as the annotation does. Runs in the kernel lane; skipped with the
 * reason where the kernel has no ipip driver (this host).
 */
@NetworkTest
@Tag("kernel-ipip")
@NetNamespace("a")
@NetNamespace("b")
@VethLink(a = "a", aAddress = "10.0.0.1/24", b = "b", bAddress = "10.0.0.2/24")
@IpipTunnel(ns = "a", local = "10.0.0.1", remote = "10.0.0.2", tos = 0x10, pmtudisc = false, dev = "eth0")
@IpipTunnel(ns = "a", name = "ipip9", local = "10.0.0.1", remote = "10.0.0.9", ttl = 64, tos = 1)
class IpipOptionsTest {

    @Test
    void ttlTosPmtudiscAndUnderlayAreSet(@Ns("a") NetNs a) {
        assertThat(a.exec("ip", "-d", "-o", "link", "show", "ipiptun0")).succeeded().stdoutContains("dev eth0")
                .stdoutContains("tos 0x10").stdoutContains("nopmtudisc");
        assertThat(a.exec("ip", "-d", "-o", "link", "show", "ipip9")).succeeded().stdoutContains("ttl 64")
                .stdoutContains("tos inherit").stdoutContains("remote 10.0.0.9");
        // Up (tunnels have no carrier of their own: the kernel reports their operational state as UNKNOWN).
        assertThat(a.exec("ip", "-o", "link", "show", "ipiptun0")).succeeded().stdoutContains("UP,LOWER_UP");
    }

    /**
     * With the ipip driver loaded, the kernel puts its fallback device {@code tunl0} in every namespace: the reason
     * that name is refused for a declared tunnel (see {@code TunnelBadInputTest}).
     */
    @Test
    void theKernelsFallbackDeviceIsThereToo(@Ns("b") NetNs b) {
        assertThat(b).hasInterface("tunl0");
    }

    @Test
    void theBuilderDeclaresTheSameTunnels() {
        try (Topology net = Topology.builder().namespace("x").namespace("y")
                .veth("x", "10.5.0.1/24", "y", "10.5.0.2/24")
                .ipip("x", "ipip1",
                        t -> t.local("10.5.0.1").remote("10.5.0.2").address("192.168.5.1").peer("192.168.5.2"))
                .ipip("y", "", t -> t.local("10.5.0.2").remote("10.5.0.1").address("192.168.5.2").peer("192.168.5.1"))
                .build()) {
            assertThat(net.ns("x")).canPing("192.168.5.2");
            assertThat(net.ns("y")).hasInterface("ipiptun0").withAddress("192.168.5.2/32");
        }
    }
}
