package io.netns4j.internal.runtime;

import io.netns4j.internal.nftables.Batch;
import io.netns4j.internal.nftables.Chain;
import io.netns4j.internal.nftables.Family;
import io.netns4j.internal.nftables.Hook;
import io.netns4j.internal.nftables.Rule;
import io.netns4j.internal.nftables.Table;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The nftables table {@code inet netns4j} that enforces cuts in a receiving namespace: one chain {@code partition} at
 * hook {@code input}, priority {@value Chain#PRIORITY_RAW}, whose first rule lets IPv6 neighbour discovery through and
 * whose other rules drop or reject the blocked sources, each with a counter. A rejected source's TCP resets and ICMP
 * "destination unreachable" messages are accepted first: in a symmetric cut they are the answers to this namespace's
 * own rejected packets.
 */
final class PartitionRules {

    /** The chain's name. */
    static final String CHAIN = "partition";

    /** A source address the namespace must not hear, and whether it is answered (reject) or dropped. */
    record Blocked(InetAddress address, String sender, boolean reject) {
    }

    private PartitionRules() {
    }

    /** The table for {@code blocked}. */
    static Table table(List<Blocked> blocked) {
        List<Rule> rules = new ArrayList<>();
        rules.add(Rule.neighbourDiscovery());
        for (Blocked b : blocked) {
            if (b.reject()) {
                // The peer's own answers to our packets (it rejects them too) must reach us, or nothing fails fast.
                rules.add(Rule.acceptResetFrom(b.address(), false));
                rules.add(Rule.acceptUnreachableFrom(b.address(), false));
                rules.add(Rule.rejectTcpFrom(b.address(), true));
                rules.add(Rule.rejectFrom(b.address(), true));
            } else {
                rules.add(Rule.dropFrom(b.address(), true));
            }
        }
        return Table.of(Family.INET, Table.NETNS4J, Chain.filter(CHAIN, Hook.INPUT, Chain.PRIORITY_RAW, rules));
    }

    /** Replaces the namespace's table with rules for {@code blocked}, in one transaction. */
    static void replace(Namespace ns, List<Blocked> blocked) {
        ns.nftables().apply(new Batch().replace(table(blocked)));
    }

    /** Deletes the namespace's table, if it has one. */
    static void remove(Namespace ns) {
        ns.nftables().apply(new Batch().remove(Family.INET, Table.NETNS4J));
    }
}
