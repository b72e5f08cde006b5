package io.netns4j.internal.model;

import java.util.List;

/**
 * A declared network device of one kind other than veth and bridge (tap, tun, macvlan, ipvlan, a tunnel, vlan,
 * dummy...), as given. The {@link Validator} checks what every device has in common (its namespace, name, addresses and
 * parent), then asks the kind for its own checks, then for its {@link LinkPlan}.
 *
 * <p>
 * One record per kind implements this, with a static factory from its annotation.
 */
public interface LinkSpec {

    /** The kind as {@code ip link add ... type KIND} names it: {@code "macvlan"}, {@code "ipip"}... */
    String kind();

    /** The namespace the device lives in. */
    String ns();

    /** The device name; empty for a default name ({@link #defaultNamePrefix()} and a number). */
    String name();

    /** Interface addresses in CIDR notation. */
    List<String> addresses();

    /** The parent (lower) device's name, empty if the kind has none. */
    default String parent() {
        return "";
    }

    /** The namespace of the parent device; empty for the device's own namespace. */
    default String parentNs() {
        return "";
    }

    /** What a default name starts with, e.g. {@code "macvlan"} for {@code macvlan0}. */
    default String defaultNamePrefix() {
        return kind();
    }

    /** Where it was declared, for messages: {@code @Macvlan(ns = "a", parent = "eth0") on SomeTest}. */
    String declaration();

    /** The kind's own checks, beyond what every device has in common; report problems through {@code check}. */
    default void validate(KindCheck check) {
    }

    /**
     * The plan of a valid declaration.
     *
     * @param name
     *            the resolved device name
     * @param addresses
     *            the parsed addresses
     * @param parentNs
     *            the resolved namespace of the parent
     */
    LinkPlan plan(String name, List<Cidr> addresses, String parentNs);
}
