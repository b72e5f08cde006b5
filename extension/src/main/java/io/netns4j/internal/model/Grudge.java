package io.netns4j.internal.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which namespaces may not hear which: a set of directed pairs (sender, receiver). The shapes of Jepsen's nemeses are
 * built here from namespace names alone, so they are checked without a kernel.
 *
 * @param pairs
 *            the blocked pairs
 * @param description
 *            the shape in words, e.g. {@code partition [a, b] | [c]}
 */
public record Grudge(Set<Pair> pairs, String description) {

    /** Packets from {@code from} received by {@code to}. */
    public record Pair(String from, String to) {
    }

    public Grudge {
        pairs = Set.copyOf(pairs);
    }

    /** Whether packets from {@code from} to {@code to} are blocked. */
    public boolean blocks(String from, String to) {
        return pairs.contains(new Pair(from, to));
    }

    /**
     * No traffic between namespaces of different groups.
     *
     * @param known
     *            the topology's namespaces, to check names against
     */
    public static Grudge partition(List<? extends Collection<String>> groups, Collection<String> known) {
        if (groups.size() < 2) {
            throw new IllegalArgumentException("A partition needs at least two groups, got " + groups.size() + ": "
                    + groups + ". To cut one group off from all the others, use isolate.");
        }
        Map<String, Integer> groupOf = new LinkedHashMap<>();
        for (int g = 0; g < groups.size(); g++) {
            if (groups.get(g).isEmpty()) {
                throw new IllegalArgumentException("Group " + (g + 1) + " of the partition " + groups + " is empty");
            }
            for (String ns : groups.get(g)) {
                check(ns, known);
                Integer before = groupOf.putIfAbsent(ns, g);
                if (before != null && before != g) {
                    throw new IllegalArgumentException("Namespace \"" + ns + "\" is in two groups of the partition "
                            + groups + ": put each namespace in one group");
                }
            }
        }
        Set<Pair> pairs = new LinkedHashSet<>();
        groupOf.forEach((a, ga) -> groupOf.forEach((b, gb) -> {
            if (!ga.equals(gb)) {
                pairs.add(new Pair(a, b));
            }
        }));
        List<String> words = new ArrayList<>();
        groups.forEach(g -> words.add(List.copyOf(g).toString()));
        return new Grudge(pairs, "partition " + String.join(" | ", words));
    }

    /** {@code ns} against every other known namespace. */
    public static Grudge isolate(String ns, Collection<String> known) {
        check(ns, known);
        Set<Pair> pairs = new LinkedHashSet<>();
        for (String other : known) {
            if (!other.equals(ns)) {
                pairs.add(new Pair(ns, other));
                pairs.add(new Pair(other, ns));
            }
        }
        return new Grudge(pairs, "isolate " + ns);
    }

    /** One way: {@code from} to {@code to}. */
    public static Grudge drop(String from, String to, Collection<String> known) {
        check(from, known);
        check(to, known);
        if (from.equals(to)) {
            throw new IllegalArgumentException("drop(\"" + from + "\", \"" + to + "\") names one namespace twice;"
                    + " a namespace's traffic to itself is never cut");
        }
        return new Grudge(Set.of(new Pair(from, to)), "drop " + from + " -> " + to);
    }

    /** The first half ({@code n / 2}) against the rest. */
    public static Grudge halves(List<String> nodes, Collection<String> known) {
        distinct(nodes, known, 2, "partitionHalves");
        int half = nodes.size() / 2;
        Grudge g = partition(List.of(nodes.subList(0, half), nodes.subList(half, nodes.size())), known);
        return new Grudge(g.pairs, "halves " + nodes.subList(0, half) + " | " + nodes.subList(half, nodes.size()));
    }

    /** The halves, but the first of the second half hears and reaches both. */
    public static Grudge bridge(List<String> nodes, Collection<String> known) {
        distinct(nodes, known, 3, "bridge");
        int half = nodes.size() / 2;
        List<String> left = nodes.subList(0, half);
        String bridge = nodes.get(half);
        List<String> right = nodes.subList(half + 1, nodes.size());
        Grudge g = partition(List.of(left, right), known);
        return new Grudge(g.pairs, "bridge " + left + " | " + bridge + " | " + right);
    }

    /**
     * Each node {@code i} hears only the {@code m = n / 2 + 1} nodes {@code i - m / 2 ... i - m / 2 + m - 1} of the
     * ring.
     */
    public static Grudge majoritiesRing(List<String> nodes, Collection<String> known) {
        distinct(nodes, known, 3, "majoritiesRing");
        int n = nodes.size();
        int m = n / 2 + 1;
        Set<Pair> pairs = new LinkedHashSet<>();
        for (int i = 0; i < n; i++) {
            Set<String> window = new LinkedHashSet<>();
            for (int k = 0; k < m; k++) {
                window.add(nodes.get(Math.floorMod(i - m / 2 + k, n)));
            }
            for (String sender : nodes) {
                if (!window.contains(sender)) {
                    pairs.add(new Pair(sender, nodes.get(i)));
                }
            }
        }
        return new Grudge(pairs, "majorities ring " + nodes);
    }

    private static void distinct(List<String> nodes, Collection<String> known, int min, String shape) {
        if (nodes.size() < min) {
            throw new IllegalArgumentException(
                    shape + " needs at least " + min + " namespaces, got " + nodes.size() + ": " + nodes);
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String ns : nodes) {
            check(ns, known);
            if (!seen.add(ns)) {
                throw new IllegalArgumentException(shape + " names namespace \"" + ns + "\" twice: " + nodes);
            }
        }
    }

    private static void check(String ns, Collection<String> known) {
        if (!known.contains(ns)) {
            throw new IllegalArgumentException(
                    "No namespace \"" + ns + "\" in this topology (it has " + List.copyOf(known) + ")");
        }
    }
}
