package io.netns4j.internal.netlink;

import static io.netns4j.internal.netlink.Fixture.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link NeighRequests#dump()} against what {@code ip neigh show} sent, byte for byte, and {@link NeighMessage} on the
 * kernel's answer (Linux 6.18): a reachable IPv4 and IPv6 neighbour, a permanent one, one that never answered, and the
 * IPv6 multicast entries ({@code NOARP}) that ip leaves out.
 */
class NeighMessageTest {

    private static List<NeighMessage> neighbours(Fixture fx) {
        return fx.answerMessages(Nl.RTM_NEWNEIGH).map(NeighMessage::decode).toList();
    }

    @Test
    void dumpRequestIsWhatIpSends() {
        Fixture fx = Fixture.load("neigh-show");
        assertThat(fx.command).isEqualTo("ip netns exec nbfx1 ip neigh show");
        assertThat(hex(NeighRequests.dump().build(fx.seq()))).isEqualTo(hex(fx.request));
    }

    @Test
    void entriesPrintAsIpPrintsThem() {
        Fixture fx = Fixture.load("neigh-show");
        List<NeighMessage> all = neighbours(fx);
        assertThat(all).hasSize(8).allSatisfy(n -> assertThat(n.index()).isEqualTo(2));
        assertThat(all).filteredOn(n -> n.state() != NeighMessage.NUD_NOARP).map(n -> n.describe("eth0"))
                .containsExactlyElementsOf(fx.printed());
        assertThat(all).extracting(NeighMessage::family, NeighMessage::stateName).containsExactly(
                tuple(Nl.AF_INET, "INCOMPLETE"), tuple(Nl.AF_INET, "REACHABLE"), tuple(Nl.AF_INET, "PERMANENT"),
                tuple(Nl.AF_INET6, "NOARP"), tuple(Nl.AF_INET6, "NOARP"), tuple(Nl.AF_INET6, "NOARP"),
                tuple(Nl.AF_INET6, "NOARP"), tuple(Nl.AF_INET6, "REACHABLE"));
    }
}
