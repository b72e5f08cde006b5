package io.netns4j.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netns4j.NetNs;
import io.netns4j.NetworkTest;
import io.netns4j.annotations.NetNamespace;
import io.netns4j.annotations.Ns;
import io.netns4j.internal.runtime.Capabilities;
import io.netns4j.internal.runtime.KernelFeatures;
import io.netns4j.testsupport.ChildJvm;
import io.netns4j.testsupport.ReadableClassPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link NetworkTest} does in a JVM that may not create namespaces: the fixture runs in a child JVM started by
 * {@code setpriv} with {@code CAP_SYS_ADMIN} and/or {@code CAP_NET_ADMIN} removed from its bounding and inheritable
 * sets (so that even root's {@code java} gets neither), or as user {@code nobody} (without and with the rootless
 * launcher {@code ci/rootless/bin/java}), through {@link PrivilegeFixtureMain}.
 */
@DisplayName("netns4j without the privileges it needs")
class PrivilegeTest {

    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(60);
    /** A short run: no optimising compiler, no parallel collector. */
    private static final List<String> FAST_JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto");
    private static final List<String> WITHOUT_BOTH = List.of("setpriv", "--bounding-set=-net_admin,-sys_admin",
            "--inh-caps=-net_admin,-sys_admin");
    private static final List<String> AS_NOBODY = List.of("setpriv", "--reuid=nobody", "--regid=nogroup",
            "--clear-groups");
    private static final List<String> WITHOUT_NET_ADMIN = List.of("setpriv", "--bounding-set=-net_admin",
            "--inh-caps=-net_admin");

    private static final String LACKS_BOTH = "netns4j needs CAP_SYS_ADMIN (to create network namespaces) and"
            + " CAP_NET_ADMIN (to configure them), but this JVM (effective uid 0) lacks CAP_SYS_ADMIN and CAP_NET_ADMIN.";

    @BeforeAll
    static void setprivIsThere() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")) || Files.isExecutable(Path.of("/bin/setpriv")),
                "setpriv (util-linux) is needed to drop capabilities");
        assumeTrue(Capabilities.missing().isEmpty(), "this JVM itself lacks the capabilities: every netns4j test"
                + " shows the effect here, and a child without them could not be contrasted with one with them");
    }

    @Nested
    @DisplayName("when the JVM has the capabilities (control)")
    class WhenPrivileged {

        @Test
        @DisplayName("the fixture passes in a child JVM with this JVM's class path")
        void passes() throws Exception {
            List<String> out = runChild(List.of(), List.of());
            assertThat(out).as("outcomes").contains("SUCCESSFUL TEST test(NetNs)",
                    "SUCCESSFUL CLASS PrivilegeTest$NeedsNamespacesTestCase");
        }
    }

    @Nested
    @DisplayName("when CAP_SYS_ADMIN and CAP_NET_ADMIN are missing")
    class WhenBothAreMissing {

        @Test
        @DisplayName("the tests are skipped with the reason, by default")
        void skipped() throws Exception {
            List<String> out = runChild(WITHOUT_BOTH, List.of());
            assertThat(out).as("outcomes").filteredOn(l -> !l.equals("DONE")).singleElement(STRING)
                    .startsWith("SKIPPED CLASS PrivilegeTest$NeedsNamespacesTestCase: " + LACKS_BOTH)
                    .contains("netns4j.missingPrivilege=fail");
        }

        @Test
        @DisplayName("the tests fail with the reason with netns4j.missingPrivilege=fail")
        void failed() throws Exception {
            List<String> out = runChild(WITHOUT_BOTH, List.of("-Dnetns4j.missingPrivilege=fail"));
            assertThat(out).as("outcomes").contains("SUCCESSFUL CLASS PrivilegeTest$NeedsNamespacesTestCase")
                    .anySatisfy(l -> assertThat(l).startsWith("FAILED TEST test(NetNs): "
                            + "org.junit.jupiter.api.extension.ExtensionConfigurationException: " + LACKS_BOTH))
                    .noneSatisfy(l -> assertThat(l).startsWith("SKIPPED"));
        }

        @Test
        @DisplayName("an unknown netns4j.missingPrivilege value fails the class, naming the key and the value")
        void bogusMode() throws Exception {
            List<String> out = runChild(WITHOUT_BOTH, List.of("-Dnetns4j.missingPrivilege=bogus"));
            assertThat(out).as("outcomes").filteredOn(l -> !l.equals("DONE")).singleElement(STRING)
                    .startsWith("FAILED CLASS PrivilegeTest$NeedsNamespacesTestCase: ")
                    .contains("org.junit.jupiter.api.extension.ExtensionConfigurationException: Configuration"
                            + " netns4j.missingPrivilege = \"bogus\" is not valid. Use \"skip\" (the default) or"
                            + " \"fail\".");
        }
    }

    @Nested
    @DisplayName("when only CAP_NET_ADMIN is missing")
    class WhenNetAdminIsMissing {

        @Test
        @DisplayName("the reason names just that capability")
        void skipped() throws Exception {
            List<String> out = runChild(WITHOUT_NET_ADMIN, List.of());
            assertThat(out).as("outcomes").filteredOn(l -> !l.equals("DONE")).singleElement(STRING)
                    .startsWith("SKIPPED CLASS PrivilegeTest$NeedsNamespacesTestCase: ")
                    .contains("(effective uid 0) lacks CAP_NET_ADMIN.");
        }
    }

    @Nested
    @DisplayName("when the JVM runs as an unprivileged user (nobody)")
    class WhenUnprivileged {

        @TempDir
        Path classes;

        @BeforeEach
        void nobodyExists() throws Exception {
            assumeTrue(Files.readString(Path.of("/proc/self/uid_map")).trim().matches("0\\s+0\\s+4294967295"),
                    "this JVM runs in a user namespace of its own, where user nobody does not exist");
            Process id = new ProcessBuilder("id", "-u", "nobody").redirectErrorStream(true).start();
            assumeTrue(id.waitFor() == 0, "there is no user nobody to run the child JVM as");
        }

        @Test
        @DisplayName("the tests are skipped with a reason that says how to run them without root")
        void skippedWithHowToRunRootless() throws Exception {
            List<String> out = runChild(AS_NOBODY, ChildJvm.javaExecutable(), ReadableClassPath.copyTo(classes),
                    List.of());
            assertThat(out).as("outcomes").filteredOn(l -> !l.equals("DONE")).singleElement(STRING)
                    .startsWith("SKIPPED CLASS PrivilegeTest$NeedsNamespacesTestCase: netns4j needs CAP_SYS_ADMIN"
                            + " (to create network namespaces) and CAP_NET_ADMIN (to configure them), but this JVM"
                            + " (effective uid 65534) lacks CAP_SYS_ADMIN and CAP_NET_ADMIN. Run the tests as root, or "
                            + Capabilities.ROOTLESS)
                    .contains("unshare --user --map-root-user --net java").contains("Running without root")
                    .endsWith("or set netns4j.missingPrivilege=fail to fail instead of skipping.");
        }

        @Test
        @DisplayName("in a user namespace without a network namespace of its own, they are skipped with how to fix it")
        void skippedWithoutANetworkNamespaceOfItsOwn() throws Exception {
            assumeTrue(KernelFeatures.missingUserNamespaces().isEmpty(),
                    () -> "unprivileged users cannot create user namespaces here: "
                            + KernelFeatures.missingUserNamespaces().orElseThrow());
            List<String> prefix = new ArrayList<>(AS_NOBODY);
            prefix.addAll(List.of("unshare", "--user", "--map-root-user", "--"));
            List<String> out = runChild(prefix, ChildJvm.javaExecutable(), ReadableClassPath.copyTo(classes),
                    List.of());
            assertThat(out).as("outcomes").filteredOn(l -> !l.equals("DONE")).singleElement(STRING)
                    .startsWith("SKIPPED CLASS PrivilegeTest$NeedsNamespacesTestCase: this JVM runs as root of a user"
                            + " namespace, but in a network namespace that user namespace does not own (setns(")
                    .contains("start the JVM with a network namespace of its own as well, unshare --user"
                            + " --map-root-user --net java ...");
        }

        @Test
        @DisplayName("the tests pass when ci/rootless/bin/java starts the JVM in a user namespace")
        void passesWithTheRootlessLauncher() throws Exception {
            assumeTrue(KernelFeatures.missingUserNamespaces().isEmpty(),
                    () -> "unprivileged users cannot create user namespaces here: "
                            + KernelFeatures.missingUserNamespaces().orElseThrow());
            Path launcher = Path.of("..", "ci", "rootless", "bin", "java").toAbsolutePath().normalize();
            assertThat(launcher).as("the rootless launcher").isExecutable();
            List<String> prefix = new ArrayList<>(AS_NOBODY);
            prefix.addAll(List.of("env", "NETNS4J_JAVA=" + ChildJvm.javaExecutable()));
            List<String> out = runChild(prefix, launcher.toString(), ReadableClassPath.copyTo(classes), List.of());
            assertThat(out).as("outcomes").contains("SUCCESSFUL TEST test(NetNs)",
                    "SUCCESSFUL CLASS PrivilegeTest$NeedsNamespacesTestCase");
        }
    }

    /** Runs {@link NeedsNamespacesTestCase} in a child JVM; returns its outcome lines, ending with DONE. */
    private static List<String> runChild(List<String> prefix, List<String> jvmOptions) throws InterruptedException {
        return runChild(prefix, ChildJvm.javaExecutable(), System.getProperty("java.class.path"), jvmOptions);
    }

    private static List<String> runChild(List<String> prefix, String java, String classPath, List<String> jvmOptions)
            throws InterruptedException {
        List<String> options = new ArrayList<>(FAST_JVM);
        options.add("-D" + BadInputFixture.RUN + "=true");
        options.addAll(jvmOptions);
        try (ChildJvm child = ChildJvm.start(prefix, java, classPath, options, PrivilegeFixtureMain.class,
                NeedsNamespacesTestCase.class.getName())) {
            List<String> lines = child.awaitExit(CHILD_TIMEOUT);
            assertThat(child.process().exitValue()).as("exit code of the child; it printed:%n%s", lines).isZero();
            List<String> outcomes = lines.stream()
                    .filter(l -> l.equals("DONE") || l.matches("(SKIPPED|SUCCESSFUL|FAILED|ABORTED) (CLASS|TEST) .*"))
                    .toList();
            assertThat(outcomes).as("the child's output:%n%s", String.join("\n", lines)).endsWith("DONE");
            return outcomes;
        }
    }

    // ---- fixture: run only in the child JVM

    @BadInputFixture
    @NetworkTest
    @NetNamespace("client")
    static class NeedsNamespacesTestCase {
        @Test
        void test(@Ns("client") NetNs client) {
            assertThat(client.name()).isEqualTo("client");
        }
    }
}
