package io.netns4j.leaks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a kept topology treats a {@code /run/netns} that is missing or cannot be written. Each case runs
 * {@link KeepThenDieMain} in a mount namespace of its own ({@code unshare -m --propagation private}) with a fresh tmpfs
 * on {@code /run}, so the host's {@code /run/netns} is never touched.
 */
@DisplayName("/run/netns for the names of a kept topology")
class RunNetnsDirectoryTest {

    @TempDir
    Path reports;

    @Test
    @DisplayName("is created when missing, as iproute2 does, and removed again when its last name goes")
    void createdAndRemoved() throws Exception {
        List<String> out = keepBriefly("");
        String pid = out.stream().filter(l -> l.contains("nsenter --net=/proc/")).findFirst().orElseThrow()
                .replaceAll(".*/proc/(\\d+)/.*", "$1");
        assertThat(out).anySatisfy(l -> assertThat(l).matches(
                "WHILE KEPT \\[netns4j-" + pid + "\\.\\d+\\.\\d+-1-a, netns4j-" + pid + "\\.\\d+\\.\\d+-1-b\\]"));
        assertThat(out).contains("AFTER absent", "BUILT");
    }

    @Test
    @DisplayName("that cannot be written still keeps the topology, and the hint gives nsenter with the reason")
    void readOnly() throws Exception {
        List<String> out = keepBriefly("-o ro");
        String hint = String.join("\n", out);
        assertThat(hint).contains("Its namespaces have no names under /run/netns (Cannot create /run/netns/netns4j-",
                "-1-a (java.nio.file.FileSystemException: /run/netns: Read-only file system))",
                "); enter them with nsenter:\n  a  nsenter --net=/proc/", "\n  b  nsenter --net=/proc/",
                "WHILE KEPT absent", "AFTER absent", "BUILT").doesNotContain("ip netns exec");
    }

    /** Runs {@code KeepThenDieMain briefly} with a tmpfs mounted on /run with {@code options}; returns its output. */
    private List<String> keepBriefly(String options) throws Exception {
        String java = "exec '" + Path.of(System.getProperty("java.home"), "bin", "java") + "' -cp '"
                + System.getProperty("java.class.path") + "' " + KeepThenDieMain.class.getName() + " briefly '"
                + reports + "'";
        Process p = new ProcessBuilder("unshare", "-m", "--propagation", "private", "sh", "-c",
                "mount -t tmpfs " + options + " netns4j-test /run && " + java)
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("exit status; it printed:%n%s", out).isZero();
        return out.lines().toList();
    }
}
