package io.netns4j.internal.nftables;

import static io.netns4j.internal.nftables.BatchTest.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad tables, chains and rules are refused before anything is encoded, with a message that says how to fix them. */
class TableTest {

    private static final List<Rule> DROP = List.of(Rule.dropFrom(ip("10.0.0.1"), false));

    @Test
    void aNetdevChainNeedsADevice() {
        assertThatThrownBy(() -> Table.of(Family.NETDEV, "t", Chain.filter("c", Hook.INGRESS, 0, DROP)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Table netdev t, chain c: a netdev chain attaches to one device; name it"
                        + " (Chain.filter(name, hook, device, priority, rules))");
    }

    @Test
    void onlyANetdevChainNamesADevice() {
        assertThatThrownBy(() -> Table.of(Family.INET, "t", Chain.filter("c", Hook.INPUT, "eth0", 0, DROP))).hasMessage(
                "Table inet t, chain c: only a netdev chain names a device, not a inet chain" + " (device \"eth0\")");
    }

    @Test
    void aHookMustExistInTheFamily() {
        assertThatThrownBy(() -> Table.of(Family.INET, "t", Chain.filter("c", Hook.EGRESS, 0, DROP)))
                .hasMessage("Table inet t, chain c: Family inet has no hook egress: only netdev has one");
        assertThatThrownBy(() -> Table.of(Family.NETDEV, "t", Chain.filter("c", Hook.INPUT, "eth0", 0, DROP)))
                .hasMessage("Table netdev t, chain c: Family netdev has no hook input: it has ingress and egress");
        assertThatThrownBy(() -> Table.of(Family.IP, "t", Chain.filter("c", Hook.INGRESS, 0, DROP)))
                .hasMessage("Table ip t, chain c: Family ip has no hook ingress: only inet and netdev have one");
    }

    @Test
    void deviceNamesFitIfnamsiz() {
        assertThatThrownBy(
                () -> Table.of(Family.NETDEV, "t", Chain.filter("c", Hook.INGRESS, "a-very-long-name", 0, DROP)))
                        .hasMessage(
                                "Table netdev t, chain c: \"a-very-long-name\" is not a device name (1 to 15 bytes, no"
                                        + " '/', no whitespace)");
    }

    @Test
    void chainNamesAreUniqueAndTableNamesFit() {
        assertThatThrownBy(
                () -> Table.of(Family.INET, "t", Chain.regular("c", List.of()), Chain.regular("c", List.of())))
                        .hasMessage("Table inet t, chain c: the table has two chains of that name; give each its own");
        assertThatThrownBy(() -> Table.of(Family.INET, "x".repeat(256)))
                .hasMessageEndingWith(": a table name must be 1 to 255 bytes without NUL");
        assertThatThrownBy(() -> Table.of(Family.INET, ""))
                .hasMessage("Table inet : a table name must be 1 to 255" + " bytes without NUL");
    }

    @Test
    void aBaseChainsPolicyIsAcceptOrDrop() {
        assertThatThrownBy(() -> new Chain("c", "filter", Hook.INPUT, null, 0, Verdict.jump("x"), List.of()))
                .hasMessage("Chain c: a base chain's policy is accept or drop, not jump x");
        assertThatThrownBy(() -> new Chain("c", "filter", null, null, 0, Verdict.ACCEPT, List.of()))
                .hasMessage("Chain c has no hook, so it cannot have a type, a device or a policy");
        assertThatThrownBy(() -> new Verdict(Nft.NFT_JUMP, null))
                .hasMessage("A jump or goto verdict needs a target chain");
    }

    @Test
    void aRandomDropIsAProbability() {
        assertThatThrownBy(() -> Rule.randomDrop(1_000_001, false)).hasMessage(
                "A random drop probability must be 0" + " to 1000000 parts per million (0 % to 100 %), not 1000001");
        assertThatThrownBy(() -> Rule.randomDrop(-1, false)).hasMessageEndingWith("not -1");
        assertThat(Rule.randomDrop(0, false).render(Family.NETDEV)).isEqualTo("numgen random mod 1000000 < 0 drop");
        assertThat(Rule.randomDrop(Rule.PPM, false).render(Family.NETDEV))
                .isEqualTo("numgen random mod 1000000 < 1000000 drop");
    }

    @Test
    void aTableRendersAsNftListsIt() {
        Table t = Table.of(Family.INET, Table.NETNS4J,
                Chain.filter("partition", Hook.INPUT, Chain.PRIORITY_RAW,
                        List.of(Rule.neighbourDiscovery(), Rule.dropFrom(ip("10.0.0.1"), true))),
                Chain.regular("r", List.of()));
        assertThat(t.render()).isEqualTo("""
                table inet netns4j {
                	chain partition {
                		type filter hook input priority raw; policy accept;
                		icmpv6 type 133-137 accept
                		ip saddr 10.0.0.1 counter packets 0 bytes 0 drop
                	}

                	chain r {
                	}
                }""");
        assertThat(t.devices()).isEmpty();
        assertThat(t.chain("r")).isEqualTo(Chain.regular("r", List.of()));
        assertThat(t.chain("nope")).isNull();
    }
}
