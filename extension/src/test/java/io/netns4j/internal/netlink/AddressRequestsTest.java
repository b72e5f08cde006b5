package io.netns4j.internal.netlink;

import static io.netns4j.internal.netlink.LinkRequestsTest.assertEncodes;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/**
 * {@link AddressRequests} against iproute2, byte for byte (see {@link LinkRequestsTest} for how). iproute2 sends
 * {@code IFA_LOCAL} then {@code IFA_ADDRESS}, both the address itself, and no {@code IFA_BROADCAST} unless asked
 * ({@code brd +}); {@code nodad} goes in the {@code ifa_flags} byte of the header, not in {@code IFA_FLAGS}.
 */
class AddressRequestsTest {

    @Test
    void addIpv4() throws Exception {
        Fixture fx = Fixture.load("addr-add-ipv4");
        assertThat(fx.command).isEqualTo("ip netns exec fx1 ip addr add 10.9.0.1/24 dev eth0");
        assertEncodes(AddressRequests.add(fx.headerIndex(), "eth0", InetAddress.getByName("10.9.0.1"), 24), fx);
    }

    /** IPv6 addresses are always added with {@code nodad}, so that they are usable at once. */
    @Test
    void addIpv6NoDad() throws Exception {
        Fixture fx = Fixture.load("addr-add-ipv6-nodad");
        assertThat(fx.command).isEqualTo("ip netns exec fx1 ip addr add fd00:9::1/64 dev eth0 nodad");
        assertEncodes(AddressRequests.add(fx.headerIndex(), "eth0", InetAddress.getByName("fd00:9::1"), 64), fx);
    }

    @Test
    void deleteIpv4() throws Exception {
        Fixture fx = Fixture.load("addr-del-ipv4");
        assertThat(fx.command).isEqualTo("ip netns exec fx1 ip addr del 10.9.0.1/24 dev eth0");
        assertEncodes(AddressRequests.delete(fx.headerIndex(), "eth0", InetAddress.getByName("10.9.0.1"), 24), fx);
    }

    @Test
    void dump() {
        Fixture fx = Fixture.load("addr-show");
        assertThat(fx.command).isEqualTo("ip netns exec fx1 ip addr show");
        assertEncodes(AddressRequests.dump(), fx);
    }
}
