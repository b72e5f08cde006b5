package io.netns4j.internal.model.kinds;

import io.netns4j.internal.model.KindCheck;
import java.util.List;
import java.util.Set;

/**
 * What the macvlan and ipvlan kinds (and their tap forms) check alike of their parent: each family takes the parent's
 * receive handler, so that a parent carries devices of one family only, and neither sits on a device that carries no
 * Ethernet frames.
 */
final class ReceiveHandlers {

    /** Kinds whose devices carry no Ethernet frames, so that the kernel refuses a macvlan or an ipvlan on them. */
    static final Set<String> NOT_ETHERNET = Set.of("tun", "ipip", "gre", "sit", "ip6tnl", "vti", "vti6", "wireguard");

    /** The kinds that take the parent's receive handler as macvlan does. */
    static final Set<String> MACVLAN_FAMILY = Set.of("macvlan", "macvtap");

    /** The kinds that take the parent's receive handler as ipvlan does. */
    static final Set<String> IPVLAN_FAMILY = Set.of("ipvlan", "ipvtap");

    private ReceiveHandlers() {
    }

    /**
     * Reports a {@code kind} device on {@code parent} of namespace {@code parentNs} whose {@code siblings} (the kinds
     * of the parent's other devices) include devices of {@code otherFamily}.
     */
    static void checkOneFamily(String kind, String parent, String parentNs, List<String> siblings,
            Set<String> otherFamily, KindCheck check) {
        List<String> others = siblings.stream().filter(otherFamily::contains).distinct().toList();
        if (!others.isEmpty()) {
            check.problem("parent", parent,
                    parent + " of namespace \"" + parentNs + "\" already carries " + String.join(" and ", others)
                            + " devices; a parent carries macvlan/macvtap or ipvlan/ipvtap devices, not both (each"
                            + " takes its receive handler). Give the " + kind + " a parent of its own.");
        }
    }
}
