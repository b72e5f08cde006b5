package io.netns4j.kinds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netns4j.NetworkTest;
import io.netns4j.Topology;
import io.netns4j.TopologyDefinitionException;
import io.netns4j.annotations.NetNamespace;
import io.netns4j.annotations.VethLink;
import io.netns4j.annotations.Vlan;
import io.netns4j.annotations.VlanProtocol;
import io.netns4j.internal.runtime.KernelFeatures;
import io.netns4j.testsupport.Fixtures;
import io.netns4j.testsupport.Leftovers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Bad VLAN declarations, run through the JUnit engine as a user would meet them (see {@link IpvlanBadInputTest} for
 * how): the exact problem line, and nothing left in the kernel. Validation happens before anything is created, so these
 * run on any kernel, also one without the 8021q module.
 */
@DisplayName("vlan rejects bad input")
class VlanBadInputTest {

    private static final String USE_AN_ID = " Use an id from 1 to 4094.";

    @Nested
    @DisplayName("when the VLAN id is invalid")
    class WhenTheIdIsInvalid {

        @Test
        @DisplayName("0 is reserved for priority tags")
        void zero() {
            Fixtures.assertProblems(Fixtures.run(IdZeroTestCase.class).testFailure(), "IdZeroTestCase.test()",
                    "@Vlan(ns = \"left\", parent = \"eth0\", id = 0) on IdZeroTestCase: id = \"0\": VLAN id 0 is"
                            + " reserved: it marks priority-tagged frames that belong to no VLAN." + USE_AN_ID);
        }

        @Test
        @DisplayName("4095 is reserved")
        void max() {
            Fixtures.assertProblems(Fixtures.run(Id4095TestCase.class).testFailure(), "Id4095TestCase.test()",
                    "@Vlan(ns = \"left\", name = \"eth0.4095\", parent = \"eth0\", id = 4095) on Id4095TestCase:"
                            + " id = \"4095\": VLAN id 4095 is reserved." + USE_AN_ID);
        }

        @Test
        @DisplayName("a number beyond 12 bits, or a negative one, is no VLAN id; every problem is reported at once")
        void outOfRange() {
            Fixtures.assertProblems(Fixtures.run(IdOutOfRangeTestCase.class).testFailure(),
                    "IdOutOfRangeTestCase.test()",
                    "@Vlan(ns = \"left\", parent = \"eth0\", id = 4096) on IdOutOfRangeTestCase: id = \"4096\": not a"
                            + " VLAN id: a tag holds 12 bits (0 to 4095), of which 1 to 4094 name VLANs." + USE_AN_ID,
                    "@Vlan(ns = \"right\", parent = \"eth0\", id = -1) on IdOutOfRangeTestCase: id = \"-1\": not a"
                            + " VLAN id: a tag holds 12 bits (0 to 4095), of which 1 to 4094 name VLANs." + USE_AN_ID);
        }

        @Test
        @DisplayName("in code, as in annotations")
        void inCode() {
            Leftovers.Snapshot before = Leftovers.snapshot();
            assertThatThrownBy(() -> Topology.builder().namespace("l").namespace("r")
                    .veth("l", "r", v -> v.aName("eth0").bName("eth0")).vlan("l", "eth0.0", "eth0", "", 0,
                            VlanProtocol.IEEE_802_1Q)
                    .build()).isExactlyInstanceOf(TopologyDefinitionException.class).hasMessage(
                            "Invalid topology built by Topology.builder() (1 problem; nothing was created):\n"
                                    + "  - vlan(\"l\", \"eth0.0\") #1: id = \"0\": VLAN id 0 is reserved: it marks"
                                    + " priority-tagged frames that belong to no VLAN." + USE_AN_ID);
            assertThat(Leftovers.newSince(before)).isEmpty();
        }
    }

    @Nested
    @DisplayName("when the parent is wrong")
    class WhenTheParentIsWrong {

        @Test
        @DisplayName("no parent at all")
        void noParent() {
            Fixtures.assertProblems(Fixtures.run(NoParentTestCase.class).testFailure(), "NoParentTestCase.test()",
                    "@Vlan(ns = \"left\", parent = \"\", id = 100) on NoParentTestCase: parent = \"\": a vlan device"
                            + " needs a parent. Name the Ethernet interface whose frames carry the tags (a veth end, a"
                            + " bridge, a dummy...), e.g. parent = \"eth0\".");
        }

        @Test
        @DisplayName("a parent that does not exist in the declared namespace, listing the ones that do")
        void parentElsewhere() {
            Fixtures.assertProblems(Fixtures.run(ParentElsewhereTestCase.class).testFailure(),
                    "ParentElsewhereTestCase.test()",
                    "@Vlan(ns = \"left\", parent = \"eth1\", id = 100) on ParentElsewhereTestCase: parent = \"eth1\":"
                            + " namespace \"left\" has no interface of that name (it has eth0). Name a declared"
                            + " interface of that namespace, or set parentNs if the parent lives in another"
                            + " namespace.");
        }

        @Test
        @DisplayName("in code, a parent missing from its namespace and no protocol")
        void noProtocol() {
            Leftovers.Snapshot before = Leftovers.snapshot();
            assertThatThrownBy(() -> Topology
                    .builder().namespace("l").namespace("r").veth("l", "r", v -> v.aName("eth0").bName("eth0")).vlan(
                            "l", "", "eth9", "r", 5, null)
                    .build()).isExactlyInstanceOf(TopologyDefinitionException.class).hasMessage(
                            "Invalid topology built by Topology.builder() (2 problems; nothing was created):\n"
                                    + "  - vlan(\"l\", \"\") #1: parent = \"eth9\": namespace \"r\" has no interface of that"
                                    + " name (it has eth0). Name a declared interface of that namespace.\n"
                                    + "  - vlan(\"l\", \"\") #1: protocol = \"null\": no protocol. Choose IEEE_802_1Q or"
                                    + " IEEE_802_1AD.");
            assertThat(Leftovers.newSince(before)).isEmpty();
        }
    }

    /** Where the kernel has no 8021q module (this host), a test that needs it is skipped with the exact reason. */
    @Nested
    @DisplayName("when the kernel has no 8021q module")
    class WhenTheKernelHasNoVlan {

        @Test
        @DisplayName("the class is skipped with the reason, which names the module")
        void skippedWithTheReason() {
            assumeTrue(KernelFeatures.missingLinkKind("vlan").isPresent(), "this kernel has the 8021q module");
            Fixtures.assertClassSkipped(NeedsVlanTestCase.class,
                    "vlan: this kernel has no vlan driver (RTM_NEWLINK: EOPNOTSUPP (Operation not"
                            + " supported), \"Unknown device type\"); load the 8021q module or set"
                            + " netns4j.missingKernelFeature=fail");
        }
    }

    // ===============================================================================================================
    // Fixtures: run only through Fixtures.run(...)

    @Fixtures.Guard
    @NetworkTest
    @NetNamespace("left")
    @NetNamespace("right")
    @VethLink(a = "left", aName = "eth0", b = "right", bName = "eth0")
    @Vlan(ns = "left", parent = "eth0", id = 0)
    static class IdZeroTestCase {
        @Test
        void test() {
        }
    }

    @Fixtures.Guard
    @NetworkTest
    @NetNamespace("left")
    @NetNamespace("right")
    @VethLink(a = "left", aName = "eth0", b = "right", bName = "eth0")
    @Vlan(ns = "left", name = "eth0.4095", parent = "eth0", id = 4095)
    static class Id4095TestCase {
        @Test
        void test() {
        }
    }

    @Fixtures.Guard
    @NetworkTest
    @NetNamespace("left")
    @NetNamespace("right")
    @VethLink(a = "left", aName = "eth0", b = "right", bName = "eth0")
    @Vlan(ns = "left", parent = "eth0", id = 4096)
    @Vlan(ns = "right", parent = "eth0", id = -1)
    static class IdOutOfRangeTestCase {
        @Test
        void test() {
        }
    }

    @Fixtures.Guard
    @NetworkTest
    @NetNamespace("left")
    @Vlan(ns = "left", parent = "", id = 100)
    static class NoParentTestCase {
        @Test
        void test() {
        }
    }

    @Fixtures.Guard
    @NetworkTest
    @NetNamespace("left")
    @NetNamespace("right")
    @VethLink(a = "left", aName = "eth0", b = "right", bName = "eth1")
    @Vlan(ns = "left", parent = "eth1", id = 100)
    static class ParentElsewhereTestCase {
        @Test
        void test() {
        }
    }

    @Fixtures.Guard
    @NetworkTest
    @NetNamespace("left")
    @NetNamespace("right")
    @VethLink(a = "left", aName = "eth0", b = "right", bName = "eth0")
    @Vlan(ns = "left", name = "eth0.100", parent = "eth0", id = 100)
    static class NeedsVlanTestCase {
        @Test
        void test() {
        }
    }
}
