package io.netns4j.internal.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link AddressMessage} on the kernel's answer to {@code ip addr show}, which printed:
 *
 * <pre>
 * 1: lo:   inet 127.0.0.1/8 scope host lo
 *          inet6 ::1/128 scope host
 * 2: eth0: inet 10.9.0.1/24 scope global eth0
 *          inet6 fd00:9::1/64 scope global nodad
 *          inet6 fe80::ff:fe00:1/64 scope link
 * 3: br0:  inet6 fe80::.../64 scope link
 * </pre>
 *
 * The kernel sends IPv4 addresses with {@code IFA_LOCAL} and {@code IFA_ADDRESS}, IPv6 ones with {@code IFA_ADDRESS}
 * only, and the full flags in {@code IFA_FLAGS}.
 */
class AddressMessageTest {

    @Test
    void dumpOfEveryAddress() throws Exception {
        Fixture fx = Fixture.load("addr-show");
        assertThat(fx.command).isEqualTo("ip netns exec fx1 ip addr show");
        List<AddressMessage> addresses = fx.answerMessages(Nl.RTM_NEWADDR).map(AddressMessage::decode).toList();

        assertThat(addresses).hasSize(6);
        assertThat(addresses.subList(0, 5))
                .extracting(AddressMessage::family, AddressMessage::index, AddressMessage::address,
                        AddressMessage::prefixLength, AddressMessage::scope)
                .containsExactly(tuple(Nl.AF_INET, 1, InetAddress.getByName("127.0.0.1"), 8, Nl.RT_SCOPE_HOST),
                        tuple(Nl.AF_INET, 2, InetAddress.getByName("10.9.0.1"), 24, Nl.RT_SCOPE_UNIVERSE),
                        tuple(Nl.AF_INET6, 1, InetAddress.getByName("::1"), 128, Nl.RT_SCOPE_HOST),
                        tuple(Nl.AF_INET6, 2, InetAddress.getByName("fd00:9::1"), 64, Nl.RT_SCOPE_UNIVERSE),
                        tuple(Nl.AF_INET6, 2, InetAddress.getByName("fe80::ff:fe00:1"), 64, Nl.RT_SCOPE_LINK));
        AddressMessage brLinkLocal = addresses.get(5);
        assertThat(brLinkLocal.index()).isEqualTo(3);
        assertThat(brLinkLocal.address()).isInstanceOf(Inet6Address.class);
        assertThat(brLinkLocal.address().isLinkLocalAddress()).isTrue();
        assertThat(brLinkLocal.scope()).isEqualTo(Nl.RT_SCOPE_LINK);

        AddressMessage noDad = addresses.get(3);
        assertThat(noDad.flags() & Nl.IFA_F_NODAD).as("nodad").isNotZero();
        assertThat(noDad.flags() & Nl.IFA_F_PERMANENT).as("permanent").isNotZero();
        assertThat(addresses.get(1).flags()).isEqualTo(Nl.IFA_F_PERMANENT);

        List<Message> all = fx.answerMessages();
        assertThat(all.get(all.size() - 1).isDone()).isTrue();
        assertThat(all).allSatisfy(m -> assertThat(m.seq()).isEqualTo(fx.seq()));
    }
}
