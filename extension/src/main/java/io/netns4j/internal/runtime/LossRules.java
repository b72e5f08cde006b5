package io.netns4j.internal.runtime;

import java.util.Map;

/** The nftables table {@code netdev netns4j} that makes random loss on interfaces of a namespace. */
final class LossRules {

    private LossRules() {
    }

    /** Replaces the namespace's table with one random-drop chain per loss point, in one transaction. */
    static void replace(Namespace ns, Map<Impairments.LossPoint, Integer> ppmByPoint) {
        throw new UnsupportedOperationException("pending nftables codec");
    }

    /** Deletes the namespace's table. */
    static void remove(Namespace ns) {
        throw new UnsupportedOperationException("pending nftables codec");
    }
}
