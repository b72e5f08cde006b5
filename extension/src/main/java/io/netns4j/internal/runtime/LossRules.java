package io.netns4j.internal.runtime;

import io.netns4j.internal.nftables.Batch;
import io.netns4j.internal.nftables.Chain;
import io.netns4j.internal.nftables.Family;
import io.netns4j.internal.nftables.Hook;
import io.netns4j.internal.nftables.Rule;
import io.netns4j.internal.nftables.Table;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The nftables table {@code netdev netns4j} that makes random loss on interfaces of a namespace: one base chain per
 * loss point ({@code in-DEV} at hook ingress, {@code out-DEV} at hook egress), priority {@value Chain#PRIORITY_NETDEV},
 * holding one counted {@code numgen random} drop.
 */
final class LossRules {

    private LossRules() {
    }

    /** The table for these loss points. */
    static Table table(Map<Impairments.LossPoint, Integer> ppmByPoint) {
        List<Chain> chains = new ArrayList<>();
        ppmByPoint.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<Impairments.LossPoint, Integer> e) -> e.getKey().dev().name())
                        .thenComparing(e -> e.getKey().ingress()))
                .forEach(e -> {
                    Impairments.LossPoint p = e.getKey();
                    String dev = p.dev().name();
                    chains.add(
                            Chain.filter((p.ingress() ? "in-" : "out-") + dev, p.ingress() ? Hook.INGRESS : Hook.EGRESS,
                                    dev, Chain.PRIORITY_NETDEV, List.of(Rule.randomDrop(e.getValue(), true))));
                });
        return Table.of(Family.NETDEV, Table.NETNS4J, chains.toArray(Chain[]::new));
    }

    /** Replaces the namespace's table with one random-drop chain per loss point, in one transaction. */
    static void replace(Namespace ns, Map<Impairments.LossPoint, Integer> ppmByPoint) {
        ns.nftables().apply(new Batch().replace(table(ppmByPoint)));
    }

    /** Deletes the namespace's table, if it has one. */
    static void remove(Namespace ns) {
        ns.nftables().apply(new Batch().remove(Family.NETDEV, Table.NETNS4J));
    }
}
