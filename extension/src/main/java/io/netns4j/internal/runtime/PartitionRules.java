package io.netns4j.internal.runtime;

import java.net.InetAddress;
import java.util.List;

/** The nftables table {@code inet netns4j} that enforces cuts in a receiving namespace. */
final class PartitionRules {

    /** A source address the namespace must not hear, and whether it is answered (reject) or dropped. */
    record Blocked(InetAddress address, String sender, boolean reject) {
    }

    private PartitionRules() {
    }

    /** Replaces the namespace's table with rules for {@code blocked}, in one transaction. */
    static void replace(Namespace ns, List<Blocked> blocked) {
        throw new UnsupportedOperationException("pending nftables codec");
    }

    /** Deletes the namespace's table. */
    static void remove(Namespace ns) {
        throw new UnsupportedOperationException("pending nftables codec");
    }
}
