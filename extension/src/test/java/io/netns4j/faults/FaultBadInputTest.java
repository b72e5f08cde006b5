package io.netns4j.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netns4j.NetworkTest;
import io.netns4j.Topology;
import io.netns4j.annotations.Impair;
import io.netns4j.annotations.Isolate;
import io.netns4j.annotations.NetNamespace;
import io.netns4j.annotations.Partition;
import io.netns4j.annotations.TopologyScope;
import io.netns4j.annotations.VethLink;
import io.netns4j.testsupport.Fixtures;
import io.netns4j.testsupport.Leftovers;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Bad {@link Partition}, {@link Isolate} and {@link Impair} declarations, run through the JUnit engine as a user meets
 * them: the exact problem lines, found before anything is built, and nothing left in the kernel. The same mistakes in
 * code get an {@link IllegalArgumentException} naming the value.
 */
@DisplayName("partitions and impairments reject bad input")
class FaultBadInputTest {

    @Nested
    @DisplayName("@Partition")
    class PartitionAnnotation {

        @Test
        @DisplayName("names a namespace that is not declared, and puts one in two groups; every problem at once")
        void unknownAndOverlapping() {
            Fixtures.assertProblems(Fixtures.run(PartitionUnknownTestCase.class).testFailure(),
                    "PartitionUnknownTestCase.test()",
                    "@Partition({\"a, c\", \"b, a\"}) on PartitionUnknownTestCase.test(): value = \"a, c\": no namespace"
                            + " \"c\" is declared (declared: [a, b]). Name declared namespaces.",
                    "@Partition({\"a, c\", \"b, a\"}) on PartitionUnknownTestCase.test(): value = \"b, a\": namespace"
                            + " \"a\" is in two groups. Put each namespace in one group.");
        }

        @Test
        @DisplayName("has a single group")
        void oneGroup() {
            Fixtures.assertProblems(Fixtures.run(PartitionOneGroupTestCase.class).testFailure(),
                    "PartitionOneGroupTestCase.test()",
                    "@Partition(\"a, b\") on PartitionOneGroupTestCase.test(): value = \"a, b\": a partition needs at"
                            + " least two groups. Give each group as a comma-separated list of namespaces, e.g."
                            + " {\"a, b\", \"c\"}, or use @Isolate to cut namespaces off from all the others.");
        }

        @Test
        @DisplayName("has an empty group, on the class")
        void emptyGroup() {
            Fixtures.assertProblems(Fixtures.run(PartitionEmptyGroupTestCase.class).testFailure(),
                    "PartitionEmptyGroupTestCase.test()",
                    "@Partition({\"a\", \" , \"}) on PartitionEmptyGroupTestCase: value = \" , \": group 2 names no"
                            + " namespace. List namespaces separated by commas.");
        }
    }

    @Nested
    @DisplayName("@Isolate")
    class IsolateAnnotation {

        @Test
        @DisplayName("names a namespace that is not declared, in a PER_CLASS topology")
        void unknown() {
            Fixtures.assertProblems(Fixtures.run(IsolateUnknownTestCase.class).testFailure(),
                    "IsolateUnknownTestCase.test()",
                    "@Isolate(\"x\") on IsolateUnknownTestCase.test(): value = \"x\": no namespace \"x\" is declared"
                            + " (declared: [a, b]). Name a declared namespace.");
        }
    }

    @Nested
    @DisplayName("@Impair")
    class ImpairAnnotation {

        @Test
        @DisplayName("names an interface the namespace does not have")
        void unknownDev() {
            Fixtures.assertProblems(Fixtures.run(ImpairUnknownDevTestCase.class).testFailure(),
                    "ImpairUnknownDevTestCase.test()",
                    "@Impair(ns = \"a\", dev = \"eth9\") on ImpairUnknownDevTestCase.test(): dev = \"eth9\": namespace"
                            + " \"a\" declares no interface \"eth9\" (it has [eth0, lo]). Name one of its interfaces.");
        }

        @Test
        @DisplayName("names a namespace that is not declared")
        void unknownNs() {
            Fixtures.assertProblems(Fixtures.run(ImpairUnknownNsTestCase.class).testFailure(),
                    "ImpairUnknownNsTestCase.test()",
                    "@Impair(ns = \"z\", dev = \"eth0\") on ImpairUnknownNsTestCase.test(): ns = \"z\": no namespace"
                            + " \"z\" is declared (declared: [a, b]). Name a declared namespace.");
        }

        @Test
        @DisplayName("has values out of range; every problem at once")
        void outOfRange() {
            String decl = "@Impair(ns = \"a\", dev = \"eth0\") on ImpairOutOfRangeTestCase.test(): ";
            Fixtures.assertProblems(Fixtures.run(ImpairOutOfRangeTestCase.class).testFailure(),
                    "ImpairOutOfRangeTestCase.test()",
                    decl + "loss = \"150\": loss 150.0 % is not a percentage. Give a value from 0 to 100.",
                    decl + "rateKbit = \"-5\": rate -5 kbit/s is negative. Give a rate in kbit/s, or 0 for none.",
                    decl + "jitterMillis = \"10\": jitter PT0.01S without a delay: jitter varies a delay. Give a delay"
                            + " too.");
        }
    }

    @Nested
    @DisplayName("in code")
    class InCode {

        @Test
        @DisplayName("partitions, isolations and drops name the bad value; nothing is cut, nothing is left")
        void cuts() {
            Leftovers.Snapshot before = Leftovers.snapshot();
            try (Topology net = Topology.builder().namespace("a").namespace("b")
                    .veth("a", "10.9.0.1/24", "b", "10.9.0.2/24").build()) {
                assertThatThrownBy(() -> net.partition(Set.of("a"), Set.of("q")))
                        .isExactlyInstanceOf(IllegalArgumentException.class)
                        .hasMessage("No namespace \"q\" in this topology (it has [a, b])");
                assertThatThrownBy(() -> net.isolate("q"))
                        .hasMessage("No namespace \"q\" in this topology (it has [a, b])");
                assertThatThrownBy(() -> net.drop("a", "a")).hasMessage(
                        "drop(\"a\", \"a\") names one namespace twice; a namespace's traffic to itself is never cut");
                assertThatThrownBy(() -> net.majoritiesRing(List.of("a", "b")))
                        .hasMessage("majoritiesRing needs at least 3 namespaces, got 2: [a, b]");
                assertThat(net.cuts()).isEmpty();
            }
            assertThat(Leftovers.newSince(before)).isEmpty();
        }

        @Test
        @DisplayName("impairments name every value out of range, and change nothing")
        void impairments() {
            try (Topology net = Topology.builder().namespace("a").namespace("b")
                    .veth("a", "10.9.0.1/24", "b", "10.9.0.2/24").build()) {
                var link = net.link("a", "eth0");
                assertThatThrownBy(() -> link.impair().loss(-1).reorder(10, 0).apply())
                        .isExactlyInstanceOf(IllegalArgumentException.class)
                        .hasMessage("Invalid impairment: loss -1.0 % is not a percentage. Give a value from 0 to 100."
                                + " reorder 10.0 % without a delay: netem reorders by sending some packets ahead of"
                                + " delayed ones. Give a delay too.");
                assertThatThrownBy(() -> link.impair().delay(Duration.ofMillis(-1)).apply())
                        .hasMessage("Invalid impairment: delay PT-0.001S is negative. Give a positive duration, or zero"
                                + " for none.");
                assertThat(link.impairment()).isEmpty();
            }
        }
    }

    // ---- fixtures: run only through Fixtures.run(...)

    @Fixtures.Guard
    @NetworkTest
    @NetNamespace("a")
    @NetNamespace("b")
    @VethLink(a = "a", aAddress = "10.9.0.1/24", b = "b", bAddress = "10.9.0.2/24")
    static class PartitionUnknownTestCase {
        @Test
        @Partition({ "a, c", "b, a" })
        void test() {
        }
    }

    @Fixtures.Guard
    @NetworkTest
    @NetNamespace("a")
    @NetNamespace("b")
    @VethLink(a = "a", aAddress = "10.9.0.1/24", b = "b", bAddress = "10.9.0.2/24")
    static class PartitionOneGroupTestCase {
        @Test
        @Partition("a, b")
        void test() {
        }
    }

    @Fixtures.Guard
    @NetworkTest
    @NetNamespace("a")
    @NetNamespace("b")
    @VethLink(a = "a", aAddress = "10.9.0.1/24", b = "b", bAddress = "10.9.0.2/24")
    @Partition({ "a", " , " })
    static class PartitionEmptyGroupTestCase {
        @Test
        void test() {
        }
    }

    @Fixtures.Guard
    @NetworkTest(scope = TopologyScope.PER_CLASS)
    @NetNamespace("a")
    @NetNamespace("b")
    @VethLink(a = "a", aAddress = "10.9.0.1/24", b = "b", bAddress = "10.9.0.2/24")
    static class IsolateUnknownTestCase {
        @Test
        @Isolate("x")
        void test() {
        }
    }

    @Fixtures.Guard
    @NetworkTest
    @NetNamespace("a")
    @NetNamespace("b")
    @VethLink(a = "a", aAddress = "10.9.0.1/24", b = "b", bAddress = "10.9.0.2/24")
    static class ImpairUnknownDevTestCase {
        @Test
        @Impair(ns = "a", dev = "eth9", loss = 5)
        void test() {
        }
    }

    @Fixtures.Guard
    @NetworkTest
    @NetNamespace("a")
    @NetNamespace("b")
    @VethLink(a = "a", aAddress = "10.9.0.1/24", b = "b", bAddress = "10.9.0.2/24")
    static class ImpairUnknownNsTestCase {
        @Test
        @Impair(ns = "z", dev = "eth0", loss = 5)
        void test() {
        }
    }

    @Fixtures.Guard
    @NetworkTest
    @NetNamespace("a")
    @NetNamespace("b")
    @VethLink(a = "a", aAddress = "10.9.0.1/24", b = "b", bAddress = "10.9.0.2/24")
    static class ImpairOutOfRangeTestCase {
        @Test
        @Impair(ns = "a", dev = "eth0", loss = 150, rateKbit = -5, jitterMillis = 10)
        void test() {
        }
    }
}
