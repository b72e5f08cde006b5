package io.netns4j.internal.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The shapes of cuts, computed from names alone: every cell of who-hears-whom. */
@DisplayName("Grudge: who may not hear whom")
class GrudgeTest {

    private static final List<String> FIVE = List.of("n1", "n2", "n3", "n4", "n5");

    /** Row = sender, column = receiver; 'x' = blocked, '.' = passes. */
    private static List<String> matrix(Grudge g, List<String> nodes) {
        List<String> rows = new ArrayList<>();
        for (String from : nodes) {
            StringBuilder row = new StringBuilder();
            for (String to : nodes) {
                row.append(g.blocks(from, to) ? 'x' : '.');
            }
            rows.add(row.toString());
        }
        return rows;
    }

    @Test
    @DisplayName("partition: blocked exactly between groups; unlisted namespaces untouched")
    void partition() {
        Grudge g = Grudge.partition(List.of(Set.of("n1", "n2"), Set.of("n3")), FIVE);
        assertThat(matrix(g, FIVE)).containsExactly("..x..", "..x..", "xx...", ".....", ".....");
        assertThat(g.description()).startsWith("partition [");
    }

    @Test
    @DisplayName("isolate: one namespace against all the others, both ways")
    void isolate() {
        assertThat(matrix(Grudge.isolate("n2", FIVE), FIVE)).containsExactly(".x...", "x.xxx", ".x...", ".x...",
                ".x...");
    }

    @Test
    @DisplayName("drop: one direction only")
    void drop() {
        assertThat(matrix(Grudge.drop("n1", "n2", FIVE), FIVE)).containsExactly(".x...", ".....", ".....", ".....",
                ".....");
    }

    @Test
    @DisplayName("halves of five: the first two against the last three")
    void halves() {
        assertThat(matrix(Grudge.halves(FIVE, FIVE), FIVE)).containsExactly("..xxx", "..xxx", "xx...", "xx...",
                "xx...");
    }

    @Test
    @DisplayName("bridge of five: n3 hears and reaches both sides, which are cut from each other")
    void bridge() {
        assertThat(matrix(Grudge.bridge(FIVE, FIVE), FIVE)).containsExactly("...xx", "...xx", ".....", "xx...",
                "xx...");
    }

    @Test
    @DisplayName("majorities ring of five: each hears its two neighbours and itself, a majority no other sees")
    void majoritiesRingOfFive() {
        Grudge g = Grudge.majoritiesRing(FIVE, FIVE);
        assertThat(matrix(g, FIVE)).containsExactly("..xx.", "...xx", "x...x", "xx...", ".xx..");
        for (String receiver : FIVE) {
            long heard = FIVE.stream().filter(s -> !g.blocks(s, receiver)).count();
            assertThat(heard).as("namespaces %s hears", receiver).isEqualTo(3);
        }
    }

    @Test
    @DisplayName("majorities ring of four: each hears a majority of three, one-way cuts where windows differ")
    void majoritiesRingOfFour() {
        List<String> four = FIVE.subList(0, 4);
        assertThat(matrix(Grudge.majoritiesRing(four, four), four)).containsExactly("..x.", "...x", "x...", ".x..");
    }

    @Test
    @DisplayName("bad input: unknown names, overlapping groups, too few namespaces, repeats")
    void badInput() {
        assertThatThrownBy(() -> Grudge.partition(List.of(Set.of("n1"), Set.of("n9")), FIVE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("No namespace \"n9\" in this topology (it has [n1, n2, n3, n4, n5])");
        assertThatThrownBy(() -> Grudge.partition(List.of(List.of("n1", "n2"), List.of("n2")), FIVE))
                .hasMessage("Namespace \"n2\" is in two groups of the partition [[n1, n2], [n2]]: put each"
                        + " namespace in one group");
        assertThatThrownBy(() -> Grudge.partition(List.of(Set.of("n1")), FIVE)).hasMessage(
                "A partition needs at least two groups, got 1: [[n1]]. To cut one group off from all the others,"
                        + " use isolate.");
        assertThatThrownBy(() -> Grudge.partition(List.of(Set.of("n1"), Set.of()), FIVE))
                .hasMessage("Group 2 of the partition [[n1], []] is empty");
        assertThatThrownBy(() -> Grudge.bridge(List.of("n1", "n2"), FIVE))
                .hasMessage("bridge needs at least 3 namespaces, got 2: [n1, n2]");
        assertThatThrownBy(() -> Grudge.majoritiesRing(List.of("n1", "n2", "n1"), FIVE))
                .hasMessage("majoritiesRing names namespace \"n1\" twice: [n1, n2, n1]");
        assertThatThrownBy(() -> Grudge.drop("n1", "n1", FIVE)).hasMessage(
                "drop(\"n1\", \"n1\") names one namespace twice; a namespace's traffic to itself is never cut");
    }
}
