package io.netns4j.kinds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netns4j.MacvtapDevice;
import io.netns4j.NetworkTest;
import io.netns4j.Topology;
import io.netns4j.TopologyBuildException;
import io.netns4j.TopologyDefinitionException;
import io.netns4j.TopologyDefinitionException.Problem;
import io.netns4j.annotations.Dev;
import io.netns4j.annotations.Macvlan;
import io.netns4j.annotations.MacvlanMode;
import io.netns4j.annotations.Macvtap;
import io.netns4j.annotations.NetNamespace;
import io.netns4j.annotations.VethLink;
import io.netns4j.internal.model.Cidr;
import io.netns4j.internal.model.LinkPlan;
import io.netns4j.internal.model.LinkSpec;
import io.netns4j.internal.model.Specs.NamespaceSpec;
import io.netns4j.internal.model.Specs.TopologySpec;
import io.netns4j.internal.model.Specs.VethSpec;
import io.netns4j.internal.model.Validator;
import io.netns4j.internal.model.kinds.MacvlanKind;
import io.netns4j.testsupport.Fixtures;
import io.netns4j.testsupport.Leftovers;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ParameterResolutionException;

/**
 * Bad input to {@code @Macvlan} and {@code @Macvtap}, run through the JUnit engine as a user would meet it (see
 * {@code io.netns4j.junit.BadInputTest} for the pattern): each check asserts the exact problem lines (annotation,
 * attribute, value, what is wrong, how to fix it) and that nothing was left in the kernel.
 */
@DisplayName("macvlan and macvtap reject bad input")
class MacvlanBadInputTest {

    @Nested
    @DisplayName("when the parent is not where it is declared")
    class WhenTheParentIsWrong {

        @Test
        @DisplayName("a parent that does not exist is reported with the interfaces its namespace has")
        void unknownParent() {
            Fixtures.assertProblems(Fixtures.run(UnknownParentTestCase.class).testFailure(),
                    "UnknownParentTestCase.test()",
                    "@Macvlan(ns = \"a\", name = \"mv0\", parent = \"eth9\") on UnknownParentTestCase: parent = \"eth9\":"
                            + " namespace \"a\" has no interface of that name (it has eth0, mv0). Name a declared"
                            + " interface of that namespace, or set parentNs if the parent lives in another"
                            + " namespace.");
        }

        @Test
        @DisplayName("a parent of another namespace is not found without parentNs, nor with the wrong one")
        void parentInAnotherNamespace() {
            Fixtures.assertProblems(Fixtures.run(ParentElsewhereTestCase.class).testFailure(),
                    "ParentElsewhereTestCase.test()",
                    "@Macvlan(ns = \"a\", name = \"mv0\", parent = \"uplink\") on ParentElsewhereTestCase: parent ="
                            + " \"uplink\": namespace \"a\" has no interface of that name (it has mv0, mv1). Name a"
                            + " declared interface of that namespace, or set parentNs if the parent lives in another"
                            + " namespace.",
                    "@Macvlan(ns = \"a\", name = \"mv1\", parent = \"uplink\", parentNs = \"wire\") on"
                            + " ParentElsewhereTestCase: parent = \"uplink\": namespace \"wire\" has no interface of"
                            + " that name (it has eth0). Name a declared interface of that namespace.",
                    "@Macvtap(ns = \"a\", parent = \"uplink\", parentNs = \"nowhere\") on ParentElsewhereTestCase:"
                            + " parentNs = \"nowhere\": no @NetNamespace of that name is declared (declared: a, host,"
                            + " wire). Declare @NetNamespace(\"nowhere\") or use a declared name.");
        }

        @Test
        @DisplayName("a device cannot be its own parent")
        void ownParent() {
            Fixtures.assertProblems(Fixtures.run(OwnParentTestCase.class).testFailure(), "OwnParentTestCase.test()",
                    "@Macvlan(ns = \"a\", name = \"mv0\", parent = \"mv0\") on OwnParentTestCase: parent = \"mv0\": a"
                            + " device cannot be its own parent. Name another interface of namespace \"a\".");
        }

        @Test
        @DisplayName("a parent that carries no Ethernet frames, or carries ipvlans, is refused")
        void parentOfTheWrongKind() {
            TopologySpec spec = new TopologySpec("declared on a unit test",
                    List.of(new NamespaceSpec("a", false, "@NetNamespace(\"a\")")), List.of(), List.of(),
                    List.of(new OtherKind("tun", "tun0", ""), new OtherKind("ipvlan", "ipv1", "eth0"),
                            spec("mv0", "tun0", MacvlanMode.BRIDGE), spec("mv1", "eth0", MacvlanMode.BRIDGE)),
                    List.of());
            TopologySpec withVeth = spec.plus(new TopologySpec("", List.of(new NamespaceSpec("b", false, "b")),
                    List.of(new VethSpec("a", "eth0", List.of(), "b", "eth0", List.of(), 0, "veth")), List.of(),
                    List.of(), List.of()), spec.subject());
            assertThatThrownBy(() -> Validator.validate(withVeth)).isInstanceOfSatisfying(
                    TopologyDefinitionException.class,
                    e -> assertThat(e.problems()).map(Problem::toString).containsExactly(
                            "mv0: parent = \"tun0\": that is a tun device, which carries no Ethernet frames. Put the"
                                    + " macvlan on an Ethernet device: a veth end, a bridge, a dummy.",
                            "mv1: parent = \"eth0\": eth0 of namespace \"a\" already carries ipvlan devices; a parent"
                                    + " carries macvlan/macvtap or ipvlan/ipvtap devices, not both (each takes its"
                                    + " receive handler). Give the macvlan a parent of its own."));
        }
    }

    @Nested
    @DisplayName("when a mode does not fit")
    class WhenAModeDoesNotFit {

        @Test
        @DisplayName("passthru twice on one parent: the second is reported (the first alone would do)")
        void passthruTwice() {
            Fixtures.assertProblems(Fixtures.run(PassthruTwiceTestCase.class).testFailure(),
                    "PassthruTwiceTestCase.test()",
                    "@Macvlan(ns = \"p2\", name = \"pt0\", parent = \"eth0\", parentNs = \"host\", mode = PASSTHRU)"
                            + " on PassthruTwiceTestCase: mode = \"PASSTHRU\": eth0 of namespace \"host\" carries 1"
                            + " other macvlan or macvtap device, and a PASSTHRU device must be the only one on its"
                            + " parent. Give it a parent of its own, or use another mode.",
                    "@Macvtap(ns = \"p3\", parent = \"eth0\", parentNs = \"host\", mode = PASSTHRU) on"
                            + " PassthruTwiceTestCase: mode = \"PASSTHRU\": eth0 of namespace \"host\" carries 2 other"
                            + " macvlan or macvtap devices, and a PASSTHRU device must be the only one on its parent."
                            + " Give it a parent of its own, or use another mode.");
        }

        /**
         * The other order (the passthru device first, its sibling after) cannot be told from the declarations the kind
         * may see ({@code KindCheck} tells siblings' kinds, not their modes): the kernel refuses the sibling with
         * EINVAL, and the build removes everything it made.
         */
        @Test
        @DisplayName("a sibling after a passthru device is refused by the kernel, and nothing is left behind")
        void siblingAfterPassthru() {
            Throwable failure = Fixtures.run(SiblingAfterPassthruTestCase.class).testFailure();
            assertThat(failure).isExactlyInstanceOf(TopologyBuildException.class)
                    .hasMessageStartingWith(
                            "Building the topology declared on SiblingAfterPassthruTestCase.test()" + " failed: ")
                    .hasMessageContaining("ip link add link eth0 name mv1 netns <fd ")
                    .hasMessageContaining("type macvlan mode bridge").hasMessageContaining("EINVAL")
                    .hasMessageEndingWith("Everything built so far was removed.");
        }

        @Test
        @DisplayName("macaddrs belong to mode SOURCE, and SOURCE needs them")
        void macaddrsWithoutSourceAndSourceWithoutMacaddrs() {
            Fixtures.assertProblems(Fixtures.run(MacaddrsTestCase.class).testFailure(), "MacaddrsTestCase.test()",
                    "@Macvlan(ns = \"a\", name = \"mv0\", parent = \"eth0\", mode = VEPA) on MacaddrsTestCase: macaddrs"
                            + " = \"02:00:00:00:00:01\": only mode SOURCE uses a list of senders' MAC addresses; mode"
                            + " VEPA would ignore it. Set mode = SOURCE, or remove macaddrs.",
                    "@Macvlan(ns = \"a\", name = \"mv1\", parent = \"eth0\", mode = SOURCE) on MacaddrsTestCase: mode"
                            + " = \"SOURCE\": mode SOURCE receives only the frames of the senders listed in macaddrs,"
                            + " and the list is empty. List them, e.g. macaddrs = \"02:00:00:00:00:01\".",
                    "@Macvtap(ns = \"a\", name = \"mt0\", parent = \"eth0\") on MacaddrsTestCase: macaddrs ="
                            + " \"02:00:00:00:00:01, 02:00:00:00:00:02\": only mode SOURCE uses a list of senders'"
                            + " MAC addresses; mode BRIDGE would ignore it. Set mode = SOURCE, or remove macaddrs.");
        }

        @Test
        @DisplayName("a MAC address with passthru would be ignored")
        void macWithPassthru() {
            Fixtures.assertProblems(Fixtures.run(MacWithPassthruTestCase.class).testFailure(),
                    "MacWithPassthruTestCase.test()",
                    "@Macvlan(ns = \"a\", name = \"pt0\", parent = \"eth0\", mode = PASSTHRU) on"
                            + " MacWithPassthruTestCase: mac = \"02:00:00:00:00:01\": mode PASSTHRU gives the device"
                            + " its parent's MAC address, so this one would be ignored. Remove mac, or use another"
                            + " mode.");
        }
    }

    @Nested
    @DisplayName("when a MAC address is not one")
    class WhenAMacIsWrong {

        @Test
        @DisplayName("malformed, multicast, all-zero and repeated addresses are each reported")
        void badMacs() {
            Fixtures.assertProblems(Fixtures.run(BadMacsTestCase.class).testFailure(), "BadMacsTestCase.test()",
                    "@Macvlan(ns = \"a\", name = \"mv0\", parent = \"eth0\") on BadMacsTestCase: mac ="
                            + " \"02:00:00:00:00\": not a MAC address. Write six hex bytes separated by colons, e.g."
                            + " \"02:00:00:00:00:01\".",
                    "@Macvlan(ns = \"a\", name = \"mv1\", parent = \"eth0\") on BadMacsTestCase: mac ="
                            + " \"01:00:5e:00:00:01\": a multicast MAC address (the first byte is odd) cannot be a"
                            + " device's address. Use a unicast one, e.g. \"02:00:00:00:00:01\".",
                    "@Macvtap(ns = \"a\", name = \"mt0\", parent = \"eth0\", mode = SOURCE) on BadMacsTestCase:"
                            + " macaddrs = \"00:00:00:00:00:00\": the all-zero MAC address cannot be a sender's"
                            + " address. Use another, e.g. \"02:00:00:00:00:01\".",
                    "@Macvtap(ns = \"a\", name = \"mt0\", parent = \"eth0\", mode = SOURCE) on BadMacsTestCase:"
                            + " macaddrs = \"02:00:00:00:00:0g\": not a MAC address. Write six hex bytes separated by"
                            + " colons, e.g. \"02:00:00:00:00:01\".",
                    "@Macvtap(ns = \"a\", name = \"mt0\", parent = \"eth0\", mode = SOURCE) on BadMacsTestCase:"
                            + " macaddrs = \"02:00:00:00:00:0A\": listed twice. List each sender once.");
        }
    }

    @Nested
    @DisplayName("when a handle is asked for that the device has not")
    class WhenTheHandleTypeIsWrong {

        @Test
        @DisplayName("a macvlan has no MacvtapDevice")
        void macvtapHandleOfAMacvlan() {
            assertThat(Fixtures.run(MacvtapHandleOfAMacvlanTestCase.class).testFailure())
                    .isExactlyInstanceOf(ParameterResolutionException.class)
                    .hasMessage("@Dev(ns = \"a\", name = \"mv0\") on parameter 0 [MacvtapDevice] of"
                            + " MacvtapHandleOfAMacvlanTestCase.test(MacvtapDevice): Namespace a has no MacvtapDevice"
                            + " device \"mv0\". Name a declared namespace and one of its interfaces.");
        }
    }

    @Nested
    @DisplayName("when the builder is given bad input")
    class WhenTheBuilderIsGivenBadInput {

        @Test
        @DisplayName("the same problems are reported, naming the builder call, and nothing is built")
        void builder() {
            Leftovers.Snapshot before = Leftovers.snapshot();
            assertThatThrownBy(() -> Topology.builder().namespace("a").namespace("b")
                    .veth("a", "b", v -> v.aName("eth0").bName("eth0"))
                    .macvlan("a", "mv0", "eth0", "", MacvlanMode.BRIDGE, "", List.of("02:00:00:00:00:01"), List.of())
                    .macvtap("b", "mt0", "eth1", "", MacvlanMode.SOURCE).build())
                            .isExactlyInstanceOf(TopologyDefinitionException.class)
                            .hasMessage("Invalid topology built by Topology.builder() (3 problems; nothing was"
                                    + " created):\n  - macvlan(\"a\", \"mv0\") #1: macaddrs = \"02:00:00:00:00:01\":"
                                    + " only mode SOURCE uses a list of senders' MAC addresses; mode BRIDGE would"
                                    + " ignore it. Set mode = SOURCE, or remove macaddrs.\n  - macvtap(\"b\", \"mt0\")"
                                    + " #2: parent = \"eth1\": namespace \"b\" has no interface of that name (it has"
                                    + " eth0, mt0). Name a declared interface of that namespace, or set parentNs if the"
                                    + " parent lives in another namespace.\n  - macvtap(\"b\", \"mt0\") #2: mode ="
                                    + " \"SOURCE\": mode SOURCE receives only the frames of the senders listed in"
                                    + " macaddrs, and the list is empty. List them, e.g. macaddrs ="
                                    + " \"02:00:00:00:00:01\".");
            assertThat(Leftovers.newSince(before)).isEmpty();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static MacvlanKind.Spec spec(String name, String parent, MacvlanMode mode) {
        return new MacvlanKind.Spec("a", name, parent, "", mode, "", List.of(), false, List.of(), name);
    }

    /** A device of another kind, for the checks that look at a parent's or siblings' kinds. */
    private record OtherKind(String kind, String name, String parent) implements LinkSpec {

        @Override
        public String ns() {
            return "a";
        }

        @Override
        public List<String> addresses() {
            return List.of();
        }

        @Override
        public String declaration() {
            return name;
        }

        @Override
        public LinkPlan plan(String name, List<Cidr> addresses, String parentNs) {
            OtherKind spec = this;
            return new LinkPlan() {
                @Override
                public String kind() {
                    return spec.kind();
                }

                @Override
                public String ns() {
                    return spec.ns();
                }

                @Override
                public String name() {
                    return name;
                }

                @Override
                public List<Cidr> addresses() {
                    return addresses;
                }

                @Override
                public String declaration() {
                    return spec.declaration();
                }
            };
        }
    }

    // ===============================================================================================================
    // Fixtures: run only through Fixtures.run(...)

    @Fixtures.Guard
    @NetworkTest
    @NetNamespace("host")
    @NetNamespace("a")
    @VethLink(a = "host", aName = "eth0", b = "a", bName = "eth0")
    @Macvlan(ns = "a", name = "mv0", parent = "eth9")
    static class UnknownParentTestCase {
        @Test
        void test() {
        }
    }

    @Fixtures.Guard
    @NetworkTest
    @NetNamespace("host")
    @NetNamespace("wire")
    @NetNamespace("a")
    @VethLink(a = "host", aName = "uplink", b = "wire", bName = "eth0")
    @Macvlan(ns = "a", name = "mv0", parent = "uplink")
    @Macvlan(ns = "a", name = "mv1", parent = "uplink", parentNs = "wire")
    @Macvtap(ns = "a", parent = "uplink", parentNs = "nowhere")
    static class ParentElsewhereTestCase {
        @Test
        void test() {
        }
    }

    @Fixtures.Guard
    @NetworkTest
    @NetNamespace("a")
    @Macvlan(ns = "a", name = "mv0", parent = "mv0")
    static class OwnParentTestCase {
        @Test
        void test() {
        }
    }

    @Fixtures.Guard
    @NetworkTest
    @NetNamespace("host")
    @NetNamespace("wire")
    @NetNamespace("p1")
    @NetNamespace("p2")
    @NetNamespace("p3")
    @VethLink(a = "host", aName = "eth0", b = "wire", bName = "eth0")
    @Macvlan(ns = "p1", name = "pt0", parent = "eth0", parentNs = "host", mode = MacvlanMode.PASSTHRU)
    @Macvlan(ns = "p2", name = "pt0", parent = "eth0", parentNs = "host", mode = MacvlanMode.PASSTHRU)
    @Macvtap(ns = "p3", parent = "eth0", parentNs = "host", mode = MacvlanMode.PASSTHRU)
    static class PassthruTwiceTestCase {
        @Test
        void test() {
        }
    }

    @Fixtures.Guard
    @NetworkTest
    @NetNamespace("host")
    @NetNamespace("wire")
    @NetNamespace("p1")
    @NetNamespace("p2")
    @VethLink(a = "host", aName = "eth0", b = "wire", bName = "eth0")
    @Macvlan(ns = "p1", name = "mv0", parent = "eth0", parentNs = "host", mode = MacvlanMode.PASSTHRU)
    @Macvlan(ns = "p2", name = "mv1", parent = "eth0", parentNs = "host")
    static class SiblingAfterPassthruTestCase {
        @Test
        void test() {
        }
    }

    @Fixtures.Guard
    @NetworkTest
    @NetNamespace("host")
    @NetNamespace("a")
    @VethLink(a = "host", aName = "eth0", b = "a", bName = "eth0")
    @Macvlan(ns = "a", name = "mv0", parent = "eth0", mode = MacvlanMode.VEPA, macaddrs = "02:00:00:00:00:01")
    @Macvlan(ns = "a", name = "mv1", parent = "eth0", mode = MacvlanMode.SOURCE)
    @Macvtap(ns = "a", name = "mt0", parent = "eth0", macaddrs = { "02:00:00:00:00:01", "02:00:00:00:00:02" })
    static class MacaddrsTestCase {
        @Test
        void test() {
        }
    }

    @Fixtures.Guard
    @NetworkTest
    @NetNamespace("host")
    @NetNamespace("a")
    @VethLink(a = "host", aName = "eth0", b = "a", bName = "eth0")
    @Macvlan(ns = "a", name = "pt0", parent = "eth0", mode = MacvlanMode.PASSTHRU, mac = "02:00:00:00:00:01")
    static class MacWithPassthruTestCase {
        @Test
        void test() {
        }
    }

    @Fixtures.Guard
    @NetworkTest
    @NetNamespace("host")
    @NetNamespace("a")
    @VethLink(a = "host", aName = "eth0", b = "a", bName = "eth0")
    @Macvlan(ns = "a", name = "mv0", parent = "eth0", mac = "02:00:00:00:00")
    @Macvlan(ns = "a", name = "mv1", parent = "eth0", mac = "01:00:5e:00:00:01")
    @Macvtap(ns = "a", name = "mt0", parent = "eth0", mode = MacvlanMode.SOURCE, macaddrs = { "00:00:00:00:00:00",
            "02:00:00:00:00:0g", "02:00:00:00:00:0a", "02:00:00:00:00:0A" })
    static class BadMacsTestCase {
        @Test
        void test() {
        }
    }

    @Fixtures.Guard
    @NetworkTest
    @NetNamespace("host")
    @NetNamespace("a")
    @VethLink(a = "host", aName = "eth0", b = "a", bName = "eth0")
    @Macvlan(ns = "a", name = "mv0", parent = "eth0")
    static class MacvtapHandleOfAMacvlanTestCase {
        @Test
        void test(@Dev(ns = "a", name = "mv0") MacvtapDevice tap) {
        }
    }
}
