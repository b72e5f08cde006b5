package io.netns4j.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.netns4j.AddressInfo;
import io.netns4j.ExecResult;
import io.netns4j.NetNs;
import io.netns4j.NetworkTest;
import io.netns4j.PingResult;
import io.netns4j.annotations.NetNamespace;
import io.netns4j.annotations.Ns;
import io.netns4j.annotations.VethLink;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The smallest topology there is: two namespaces joined by a virtual cable.
 *
 * <pre>
 *   left                              right
 *   eth0 10.0.0.1/24, fd00:1::1/64 ---- eth0 10.0.0.2/24, fd00:1::2/64
 * </pre>
 *
 * <p>
 * {@code @VethLink} creates a veth pair with one end in each namespace, gives each end its addresses (IPv4 and IPv6 on
 * the same interface) and brings both ends up. Interfaces are named {@code eth0} because they are the first link of
 * their namespace. The topology is built afresh for every test and removed after it.
 *
 * <p>
 * The last test checks the library's view against an independent witness: the {@code ip} program, run inside the
 * namespace with {@link NetNs#exec(String...)}.
 */
@NetworkTest
@NetNamespace("left")
@NetNamespace("right")
@VethLink(a = "left", aAddress = { "10.0.0.1/24", "fd00:1::1/64" }, b = "right", bAddress = { "10.0.0.2/24",
        "fd00:1::2/64" })
class VethPairTest {

    @Test
    void pingsAcrossTheCableBothWaysOverIpv4(@Ns("left") NetNs left, @Ns("right") NetNs right) {
        PingResult leftToRight = left.ping("10.0.0.2");
        PingResult rightToLeft = right.ping("10.0.0.1");

        assertThat(leftToRight.allReceived()).as("%s", leftToRight).isTrue();
        assertThat(rightToLeft.allReceived()).as("%s", rightToLeft).isTrue();
    }

    @Test
    void pingsAcrossTheCableBothWaysOverIpv6(@Ns("left") NetNs left, @Ns("right") NetNs right) {
        // 2 s per echo rather than ping()'s 1 s: right after a link comes up the kernel may still be joining the
        // interface's IPv6 neighbour-discovery groups (netns4j does not wait for that yet), and then the first
        // neighbour solicitation is lost and retried 1 s later.
        PingResult leftToRight = left.ping("fd00:1::2", 3, Duration.ofSeconds(2));
        PingResult rightToLeft = right.ping("fd00:1::1", 3, Duration.ofSeconds(2));

        assertThat(leftToRight.allReceived()).as("%s", leftToRight).isTrue();
        assertThat(rightToLeft.allReceived()).as("%s", rightToLeft).isTrue();
    }

    @Test
    void eachEndHoldsItsAddressesAsIpShowsThem(@Ns("left") NetNs left, @Ns("right") NetNs right) throws Exception {
        assertThat(left.addresses()).filteredOn(a -> a.interfaceName().equals("eth0"))
                .extracting(AddressInfo::address, AddressInfo::prefixLength)
                .contains(tuple(InetAddress.getByName("10.0.0.1"), 24), tuple(InetAddress.getByName("fd00:1::1"), 64));

        ExecResult ipAddr = left.exec("ip", "-o", "addr", "show", "dev", "eth0");
        assertThat(ipAddr.succeeded()).as("%s", ipAddr).isTrue();
        assertThat(ipAddr.stdout()).contains("inet 10.0.0.1/24", "inet6 fd00:1::1/64").doesNotContain("10.0.0.2",
                "fd00:1::2");

        assertThat(right.exec("ip", "-o", "addr").stdout()).contains("inet 10.0.0.2/24", "inet6 fd00:1::2/64");
    }
}
