package io.netns4j.leaks;

import static org.assertj.core.api.Assertions.assertThat;

import io.netns4j.internal.runtime.DebugNames;
import io.netns4j.testsupport.ChildJvm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The names a kept topology gets under {@code /run/netns} outlive a JVM that is killed while it keeps them, and they
 * keep its namespaces alive. The next JVM's first build removes them, and only them: never the names of a live run
 * (another Surefire fork), of a run in another PID namespace, or without netns4j's form.
 *
 * <p>
 * The names are made by {@code ip netns add} (an independent maker) or by a child JVM; each test removes what is left
 * of them with {@code ip netns delete}.
 */
@DisplayName("names of ended runs under /run/netns are swept")
class DebugNamesSweepTest {

    private static final Pattern ENTERED = Pattern.compile("ip netns exec (\\S+) bash");

    private final List<String> made = new ArrayList<>();

    @TempDir
    Path reports;

    @AfterEach
    void deleteWhatIsLeft() throws Exception {
        for (String name : made) {
            Path p = DebugNames.DIRECTORY.resolve(name);
            if (Files.exists(p)) {
                sh("ip netns delete " + name + " 2>/dev/null || rm -f " + p);
            }
        }
    }

    @Test
    @DisplayName("of a dead process or another start time; not of a live run, another PID namespace or another form")
    void onlyThoseOfEndedRuns() throws Exception {
        String[] me = DebugNames.run().split("\\.");
        String pid = me[0];
        String start = me[1];
        String pidns = me[2];
        long dead = deadPid();

        String deadPid = add("netns4j-" + dead + "." + start + "." + pidns + "-1-a");
        String otherStart = add("netns4j-" + pid + ".1." + pidns + "-1-a");
        String placeholder = "netns4j-" + dead + ".7." + pidns + "-1-b";
        made.add(placeholder);
        Files.createFile(DebugNames.DIRECTORY.resolve(placeholder));
        String live = add("netns4j-" + pid + "." + start + "." + pidns + "-999-a");
        String otherPidNamespace = add("netns4j-" + dead + "." + start + ".1-1-a");
        String otherForm = add("netns4j-handmade");
        String foreign = add("h-diag-foreign");

        List<String> removed = DebugNames.sweep();

        assertThat(removed).containsExactlyInAnyOrder(deadPid, otherStart, placeholder);
        for (String name : removed) {
            assertThat(DebugNames.DIRECTORY.resolve(name)).doesNotExist();
        }
        assertThat(sh("grep -c -e " + deadPid + " -e " + otherStart + " /proc/self/mountinfo || true"))
                .isEqualTo("0\n");
        assertThat(sh("ip netns list")).contains(live, otherPidNamespace, otherForm, foreign);
        assertThat(sh("ip netns exec " + live + " ip -br link")).startsWith("lo ");
    }

    @Test
    @DisplayName("by the first build of the next JVM, when a JVM was killed while it kept a topology")
    void leftByAKilledJvm() throws Exception {
        List<String> names = new ArrayList<>();
        try (ChildJvm keeper = ChildJvm.start(KeepThenDieMain.class, "keep", reports.toString())) {
            String b = keeper.awaitLine(l -> l.contains("ip netns exec") && l.contains("-b bash"),
                    Duration.ofSeconds(60));
            for (String line : keeper.lines()) {
                Matcher m = ENTERED.matcher(line);
                if (m.find()) {
                    names.add(m.group(1));
                }
            }
            made.addAll(names);
            assertThat(names).hasSize(2).last().isEqualTo(ENTERED.matcher(b).results().findFirst().get().group(1));
            assertThat(names.get(0)).startsWith("netns4j-" + keeper.pid() + ".");
            keeper.process().destroyForcibly();
            assertThat(keeper.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
        // left behind, and holding the namespaces alive
        assertThat(sh("ip netns list")).contains(names);
        assertThat(sh("ip netns exec " + names.get(0) + " ip -br addr show dev eth0")).contains("10.0.0.1/24");

        try (ChildJvm next = ChildJvm.start(KeepThenDieMain.class, "build")) {
            assertThat(next.awaitExit(Duration.ofSeconds(60))).contains("BUILT");
        }
        for (String name : names) {
            assertThat(DebugNames.DIRECTORY.resolve(name)).doesNotExist();
        }
        assertThat(sh("grep -c " + names.get(0) + " /proc/self/mountinfo || true")).isEqualTo("0\n");
    }

    @Test
    @DisplayName("but a JVM ended by SIGTERM (as Ctrl-C ends it) removes its own on the way out")
    void removedByAJvmThatExits() throws Exception {
        List<String> names = new ArrayList<>();
        try (ChildJvm keeper = ChildJvm.start(KeepThenDieMain.class, "keep", reports.toString())) {
            keeper.awaitLine(l -> l.startsWith("Release it now"), Duration.ofSeconds(60));
            for (String line : keeper.lines()) {
                ENTERED.matcher(line).results().forEach(m -> names.add(m.group(1)));
            }
            made.addAll(names);
            assertThat(names).hasSize(2);
            assertThat(sh("ip netns list")).contains(names);
            keeper.process().destroy();
            assertThat(keeper.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        for (String name : names) {
            assertThat(DebugNames.DIRECTORY.resolve(name)).doesNotExist();
        }
        assertThat(sh("grep -c " + names.get(0) + " /proc/self/mountinfo || true")).isEqualTo("0\n");
    }

    private String add(String name) throws Exception {
        made.add(name);
        sh("ip netns add " + name);
        return name;
    }

    /** The pid of a process that has ended. */
    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        assertThat(Path.of("/proc", Long.toString(p.pid()))).doesNotExist();
        return p.pid();
    }

    private static String sh(String command) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        assertThat(p.exitValue()).as("exit status of %s, which printed:%n%s", command, out).isZero();
        return out;
    }
}
