package io.netns4j.kinds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netns4j.NetworkTest;
import io.netns4j.Topology;
import io.netns4j.TopologyDefinitionException;
import io.netns4j.annotations.Ipvlan;
import io.netns4j.annotations.IpvlanFlag;
import io.netns4j.annotations.IpvlanMode;
import io.netns4j.annotations.Ipvtap;
import io.netns4j.annotations.Macvlan;
import io.netns4j.annotations.MacvlanMode;
import io.netns4j.annotations.Macvtap;
import io.netns4j.annotations.NetNamespace;
import io.netns4j.annotations.VethLink;
import io.netns4j.internal.runtime.KernelFeatures;
import io.netns4j.testsupport.Fixtures;
import io.netns4j.testsupport.Leftovers;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Bad ipvlan declarations, run through the JUnit engine as a user would meet them (fixture classes {@code *TestCase}
 * executed with {@link EngineTestKit}, as {@code io.netns4j.junit.BadInputTest} does): each check asserts the exact
 * problem line (declaration, attribute, value, what is wrong and how to fix it) and that nothing was left in the
 * kernel. Validation happens before anything is created, so these run on any kernel, also one without ipvlan.
 */
@DisplayName("ipvlan rejects bad input")
class IpvlanBadInputTest {

    @Nested
    @DisplayName("when the parent cannot carry it")
    class WhenTheParentCannotCarryIt {

        @Test
        @DisplayName("a parent that already carries a macvlan is reported on the ipvlan")
        void parentWithMacvlans() {
            Fixtures.assertProblems(Fixtures.run(MacvlanThenIpvlanTestCase.class).testFailure(),
                    "MacvlanThenIpvlanTestCase.test()",
                    "@Ipvlan(ns = \"c2\", parent = \"eth0\") on MacvlanThenIpvlanTestCase.test(): parent = \"eth0\":"
                            + " eth0 of namespace \"c2\" already carries macvlan devices; a parent carries"
                            + " macvlan/macvtap or ipvlan/ipvtap devices, not both (each takes its receive handler)."
                            + " Give the ipvlan a parent of its own.");
        }

        /**
         * The validator checks devices in declaration order (class before method; within one element, kind by kind), so
         * the later of the two reports the clash: declared after an ipvlan, the macvlan does. (Shown with the builder:
         * a class declaring the ipvlan would be skipped here, where the kernel has no ipvlan driver, before the
         * method's macvlan is validated.)
         */
        @Test
        @DisplayName("declared before a macvlan, the macvlan reports the clash")
        void ipvlanThenMacvlan() {
            Leftovers.Snapshot before = Leftovers.snapshot();
            assertThatThrownBy(() -> Topology.builder().namespace("h").namespace("c")
                    .veth("h", "c", v -> v.aName("eth1").bName("eth0"))
                    .ipvlan("c", "ipv0", "eth0", "", IpvlanMode.L2, IpvlanFlag.BRIDGE)
                    .macvlan("c", "mv0", "eth0", "", MacvlanMode.BRIDGE).build())
                            .isExactlyInstanceOf(TopologyDefinitionException.class)
                            .satisfies(e -> assertThat(((TopologyDefinitionException) e).problems()).singleElement()
                                    .satisfies(p -> {
                                        assertThat(p.declaration()).isEqualTo("macvlan(\"c\", \"mv0\") #2");
                                        assertThat(p.attribute()).isEqualTo("parent");
                                        assertThat(p.problem()).contains("ipvlan");
                                    }));
            assertThat(Leftovers.newSince(before)).isEmpty();
        }

        @Test
        @DisplayName("in code, declared after a macvlan")
        void macvlanThenIpvlanInCode() {
            assertThatThrownBy(() -> Topology.builder().namespace("h").namespace("c")
                    .veth("h", "c", v -> v.aName("eth1").bName("eth0"))
                    .macvlan("c", "mv0", "eth0", "", MacvlanMode.BRIDGE).ipvlan("c", "ipv0", "eth0", "", IpvlanMode.L2,
                            IpvlanFlag.BRIDGE)
                    .build()).isExactlyInstanceOf(TopologyDefinitionException.class).hasMessage(
                            "Invalid topology built by Topology.builder() (1 problem; nothing was created):\n"
                                    + "  - ipvlan(\"c\", \"ipv0\") #2: parent = \"eth0\": eth0 of namespace \"c\" already"
                                    + " carries macvlan devices; a parent carries macvlan/macvtap or ipvlan/ipvtap devices, not"
                                    + " both (each takes its receive handler). Give the ipvlan a parent of its own.");
        }

        @Test
        @DisplayName("an ipvtap has the same checks: a parent that already carries a macvtap")
        void ipvtapOnAParentWithMacvtaps() {
            Fixtures.assertProblems(Fixtures.run(MacvtapThenIpvtapTestCase.class).testFailure(),
                    "MacvtapThenIpvtapTestCase.test()",
                    "@Ipvtap(ns = \"vm\", name = \"ipvt0\", parent = \"eth0\") on MacvtapThenIpvtapTestCase:"
                            + " parent = \"eth0\": eth0 of namespace \"host\" already carries macvtap devices; a"
                            + " parent carries macvlan/macvtap or ipvlan/ipvtap devices, not both (each takes its"
                            + " receive handler). Give the ipvtap a parent of its own.");
        }

        @Test
        @DisplayName("no parent at all")
        void noParent() {
            Fixtures.assertProblems(Fixtures.run(NoParentTestCase.class).testFailure(), "NoParentTestCase.test()",
                    "@Ipvlan(ns = \"c1\", parent = \"\") on NoParentTestCase: parent = \"\": an ipvlan device needs a"
                            + " parent. Name the Ethernet interface it sits on (a veth end, a bridge, a dummy...), e.g."
                            + " parent = \"eth0\".");
        }

        @Test
        @DisplayName("a parent in another namespace than declared")
        void parentInAnotherNamespace() {
            Fixtures.assertProblems(Fixtures.run(ParentElsewhereTestCase.class).testFailure(),
                    "ParentElsewhereTestCase.test()",
                    "@Ipvlan(ns = \"c1\", parent = \"eth0\") on ParentElsewhereTestCase: parent = \"eth0\": namespace"
                            + " \"c1\" has no interface of that name. Name a declared interface of that namespace, or"
                            + " set parentNs if the parent lives in another namespace.");
        }

        @Test
        @DisplayName("a device that is its own parent")
        void ownParent() {
            Fixtures.assertProblems(Fixtures.run(OwnParentTestCase.class).testFailure(), "OwnParentTestCase.test()",
                    "@Ipvlan(ns = \"host\", name = \"eth0\", parent = \"eth0\") on OwnParentTestCase: name = \"eth0\":"
                            + " namespace \"host\" already has an interface of that name (from @VethLink(a = \"host\","
                            + " b = \"peer\") on OwnParentTestCase). Give it another name.",
                    "@Ipvlan(ns = \"host\", name = \"eth0\", parent = \"eth0\") on OwnParentTestCase: parent = \"eth0\":"
                            + " a device cannot be its own parent. Name another interface of namespace \"host\".");
        }
    }

    @Nested
    @DisplayName("when it is declared in code")
    class WhenDeclaredInCode {

        @Test
        @DisplayName("a missing mode and flag are reported with the choices, before anything is created")
        void noModeNoFlag() {
            Leftovers.Snapshot before = Leftovers.snapshot();
            assertThatThrownBy(() -> Topology.builder().namespace("h").namespace("p")
                    .veth("h", "p", v -> v.aName("eth0").bName("eth0")).ipvlan("h", "ipv0", "eth0", "", null, null,
                            "10.0.0.1/24")
                    .build()).isExactlyInstanceOf(TopologyDefinitionException.class).hasMessage(
                            "Invalid topology built by Topology.builder() (2 problems; nothing was created):\n"
                                    + "  - ipvlan(\"h\", \"ipv0\") #1: mode = \"null\": no mode. Choose L2, L3 or L3S.\n"
                                    + "  - ipvlan(\"h\", \"ipv0\") #1: flag = \"null\": no flag. Choose BRIDGE, PRIVATE or VEPA.");
            assertThat(Leftovers.newSince(before)).isEmpty();
        }
    }

    /**
     * "A kind used with attributes of another": each kind has an annotation of its own with typed attributes, so a
     * macvlan's {@code mac}, a VLAN's {@code id}, or ipvlan's {@code bridge} flag given as its mode are not accepted at
     * run time: they do not compile. The test compiles such declarations and reads javac's errors.
     */
    @Nested
    @DisplayName("when a kind is given attributes of another")
    class WhenGivenAttributesOfAnotherKind {

        private static final String NO_SUCH_ATTRIBUTE = "compiler.err.cant.resolve.location.args";
        private static final String WRONG_TYPE = "compiler.err.prob.found.req";

        @Test
        @DisplayName("a macvlan's mac on an ipvlan does not compile")
        void macOnIpvlan() {
            assertThat(compileErrors("@Ipvlan(ns = \"a\", parent = \"eth0\", mac = \"02:00:00:00:00:01\")"))
                    .containsExactly(NO_SUCH_ATTRIBUTE + ": mac");
        }

        @Test
        @DisplayName("the bridge flag given as an ipvlan's mode does not compile")
        void flagAsMode() {
            assertThat(compileErrors("@Ipvlan(ns = \"a\", parent = \"eth0\", mode = IpvlanFlag.BRIDGE)"))
                    .containsExactly(WRONG_TYPE + ": IpvlanFlag.BRIDGE");
        }

        @Test
        @DisplayName("a VLAN id on an ipvlan, an ipvlan mode on a VLAN do not compile")
        void vlanAndIpvlanAttributesCrossed() {
            assertThat(compileErrors("@Ipvlan(ns = \"a\", parent = \"eth0\", id = 100)"))
                    .containsExactly(NO_SUCH_ATTRIBUTE + ": id");
            assertThat(compileErrors("@Vlan(ns = \"a\", parent = \"eth0\", id = 100, mode = IpvlanMode.L2)"))
                    .containsExactly(NO_SUCH_ATTRIBUTE + ": mode");
        }

        @Test
        @DisplayName("the same declarations with their own attributes compile")
        void ownAttributesCompile() {
            assertThat(compileErrors(
                    "@Ipvlan(ns = \"a\", parent = \"eth0\", mode = IpvlanMode.L2," + " flag = IpvlanFlag.BRIDGE)"))
                            .isEmpty();
            assertThat(compileErrors(
                    "@Vlan(ns = \"a\", parent = \"eth0\", id = 100," + " protocol = VlanProtocol.IEEE_802_1AD)"))
                            .isEmpty();
        }

        /**
         * Compiles a class carrying {@code annotation} against the annotations module; returns each error as its javac
         * code and the source text it points at (up to an {@code =}).
         */
        private List<String> compileErrors(String annotation) {
            String source = "import io.netns4j.annotations.*;\n" + annotation + "\nclass Snippet {\n}\n";
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            assertThat(javac).as("a JDK's compiler").isNotNull();
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///Snippet.java"),
                    JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return source;
                }
            };
            try {
                Path out = Files.createTempDirectory("netns4j-snippet");
                try {
                    String classpath = Path.of(Ipvlan.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                            .toString();
                    javac.getTask(null, null, diagnostics,
                            List.of("-proc:none", "-d", out.toString(), "-classpath", classpath), null, List.of(file))
                            .call();
                } finally {
                    try (var files = Files.walk(out)) {
                        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                    }
                }
            } catch (IOException | URISyntaxException e) {
                throw new IllegalStateException(e);
            }
            return diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                    .map(d -> d.getCode() + ": "
                            + source.substring((int) d.getStartPosition(), (int) d.getEndPosition()).split("\\s*=")[0])
                    .toList();
        }
    }

    /**
     * Where the kernel has no ipvlan driver (this host), a test that needs one is skipped with the exact reason and
     * nothing is built. (In the kernel lane the kind is present and this is not run.)
     */
    @Nested
    @DisplayName("when the kernel has no ipvlan driver")
    class WhenTheKernelHasNoIpvlan {

        @Test
        @DisplayName("the class is skipped with the reason")
        void skippedWithTheReason() {
            assumeTrue(KernelFeatures.missingLinkKind("ipvlan").isPresent(), "this kernel has an ipvlan driver");
            Fixtures.assertClassSkipped(NeedsIpvlanTestCase.class,
                    "ipvlan: this kernel has no ipvlan driver (RTM_NEWLINK: EOPNOTSUPP (Operation"
                            + " not supported), \"Unknown device type\"); load the ipvlan module or set"
                            + " netns4j.missingKernelFeature=fail");
        }

        @Test
        @DisplayName("an ipvtap too, with its own reason")
        void ipvtapSkippedWithTheReason() {
            assumeTrue(KernelFeatures.missingLinkKind("ipvtap").isPresent(), "this kernel has an ipvtap driver");
            Fixtures.assertClassSkipped(NeedsIpvtapTestCase.class,
                    "ipvtap: this kernel has no ipvtap driver (RTM_NEWLINK: EOPNOTSUPP (Operation"
                            + " not supported), \"Unknown device type\"); load the ipvtap module or set"
                            + " netns4j.missingKernelFeature=fail");
        }
    }

    // ===============================================================================================================
    // Fixtures: run only through Fixtures.run(...)

    @Fixtures.Guard
    @NetworkTest
    @NetNamespace("host")
    @NetNamespace("wire")
    @NetNamespace("vm")
    @VethLink(a = "host", aName = "eth0", b = "wire", bName = "eth0")
    @Macvtap(ns = "vm", name = "mt0", parent = "eth0", parentNs = "host")
    @Ipvtap(ns = "vm", name = "ipvt0", parent = "eth0", parentNs = "host")
    static class MacvtapThenIpvtapTestCase {
        @Test
        void test() {
        }
    }

    @Fixtures.Guard
    @NetworkTest
    @NetNamespace("host")
    @NetNamespace("c2")
    @VethLink(a = "host", aName = "eth1", b = "c2", bName = "eth0")
    @Macvlan(ns = "c2", name = "mv0", parent = "eth0")
    static class MacvlanThenIpvlanTestCase {
        @Test
        @Ipvlan(ns = "c2", parent = "eth0")
        void test() {
        }
    }

    @Fixtures.Guard
    @NetworkTest
    @NetNamespace("c1")
    @Ipvlan(ns = "c1", parent = "")
    static class NoParentTestCase {
        @Test
        void test() {
        }
    }

    @Fixtures.Guard
    @NetworkTest
    @NetNamespace("host")
    @NetNamespace("peer")
    @NetNamespace("c1")
    @VethLink(a = "host", aName = "eth0", b = "peer", bName = "eth0")
    @Ipvlan(ns = "c1", parent = "eth0")
    static class ParentElsewhereTestCase {
        @Test
        void test() {
        }
    }

    @Fixtures.Guard
    @NetworkTest
    @NetNamespace("host")
    @NetNamespace("peer")
    @VethLink(a = "host", aName = "eth0", b = "peer", bName = "eth0")
    @Ipvlan(ns = "host", name = "eth0", parent = "eth0")
    static class OwnParentTestCase {
        @Test
        void test() {
        }
    }

    @Fixtures.Guard
    @NetworkTest
    @NetNamespace("host")
    @NetNamespace("peer")
    @VethLink(a = "host", aName = "eth0", b = "peer", bName = "eth0")
    @Ipvlan(ns = "peer", name = "ipv0", parent = "eth0", parentNs = "host")
    static class NeedsIpvlanTestCase {
        @Test
        void test() {
        }
    }

    @Fixtures.Guard
    @NetworkTest
    @NetNamespace("host")
    @NetNamespace("vm")
    @VethLink(a = "host", aName = "eth0", b = "vm", bName = "eth0")
    @Ipvtap(ns = "vm", name = "ipvt0", parent = "eth0", parentNs = "host")
    static class NeedsIpvtapTestCase {
        @Test
        void test() {
        }
    }
}
