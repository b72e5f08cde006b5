package io.netns4j.internal.nftables;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A table and its chains: the unit netns4j replaces as a whole (see {@link Batch#replace(Table)}).
 *
 * <p>
 * Checked at construction, with a message naming the table, the chain and how to fix it: names fit nf_tables' limit
 * (255 bytes) and have no NUL, chain names are unique, a hook exists in the family, a {@code netdev} base chain names a
 * device that fits {@code IFNAMSIZ} and no other chain names one.
 *
 * @param family
 *            the table's family
 * @param name
 *            the table's name
 * @param chains
 *            its chains, each with its rules, in the order they are added
 */
public record Table(Family family, String name, List<Chain> chains) {

    /** {@code netns4j}: the name of the tables netns4j owns, one per family, in each namespace it programs. */
    public static final String NETNS4J = "netns4j";

    /** {@code IFNAMSIZ - 1}: the longest device name. */
    private static final int MAX_DEVICE_NAME = 15;

    public Table {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(name, "name");
        chains = List.copyOf(chains);
        checkName("Table " + family + " " + name, "table name", name);
        Set<String> seen = new HashSet<>();
        for (Chain c : chains) {
            String where = "Table " + family + " " + name + ", chain " + c.name();
            checkName(where, "chain name", c.name());
            if (!seen.add(c.name())) {
                throw new IllegalArgumentException(
                        where + ": the table has two chains of that name; give each its own");
            }
            if (c.hook() != null) {
                try {
                    c.hook().number(family);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
                }
                boolean needsDevice = c.hook().needsDevice(family);
                if (needsDevice && c.device() == null) {
                    throw new IllegalArgumentException(where + ": a netdev chain attaches to one device; name it"
                            + " (Chain.filter(name, hook, device, priority, rules))");
                }
                if (!needsDevice && c.device() != null) {
                    throw new IllegalArgumentException(where + ": only a netdev chain names a device, not a " + family
                            + " chain (device \"" + c.device() + "\")");
                }
                if (c.device() != null) {
                    int len = c.device().getBytes(StandardCharsets.UTF_8).length;
                    if (len == 0 || len > MAX_DEVICE_NAME || c.device().indexOf('\0') >= 0
                            || c.device().indexOf('/') >= 0 || c.device().chars().anyMatch(Character::isWhitespace)) {
                        throw new IllegalArgumentException(where + ": \"" + c.device()
                                + "\" is not a device name (1 to 15 bytes, no '/', no whitespace)");
                    }
                }
            }
        }
    }

    private static void checkName(String where, String what, String value) {
        int len = value.getBytes(StandardCharsets.UTF_8).length;
        if (len == 0 || len >= Nft.NFT_NAME_MAXLEN || value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(
                    where + ": a " + what + " must be 1 to " + (Nft.NFT_NAME_MAXLEN - 1) + " bytes without NUL");
        }
    }

    /** A table of the given chains. */
    public static Table of(Family family, String name, Chain... chains) {
        return new Table(family, name, List.of(chains));
    }

    /** The chain of that name, or null. */
    public Chain chain(String chainName) {
        return chains.stream().filter(c -> c.name().equals(chainName)).findFirst().orElse(null);
    }

    /** The devices its {@code netdev} chains attach to, in order, each once. */
    public List<String> devices() {
        return chains.stream().map(Chain::device).filter(Objects::nonNull).distinct().toList();
    }

    /**
     * The table in {@code nft} syntax, as {@code nft list table} prints it (tabs, a blank line between chains), for the
     * expressions this codec knows.
     */
    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("table ").append(family.nftName()).append(' ').append(name).append(" {\n");
        for (int i = 0; i < chains.size(); i++) {
            Chain c = chains.get(i);
            if (i > 0) {
                sb.append('\n');
            }
            sb.append("\tchain ").append(c.name()).append(" {\n");
            if (c.isBase()) {
                sb.append("\t\t").append(c.renderSpec(family)).append('\n');
            }
            for (Rule r : c.rules()) {
                sb.append("\t\t").append(r.render(family)).append('\n');
            }
            sb.append("\t}\n");
        }
        sb.append("}");
        return sb.toString();
    }

    @Override
    public String toString() {
        return render();
    }
}
