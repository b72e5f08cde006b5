package io.netns4j.leaks;

import static org.assertj.core.api.Assertions.assertThat;

import io.netns4j.internal.runtime.DebugNames;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM with a controlling terminal, in the terminal's foreground (as a Surefire fork of an interactive {@code mvn}
 * is), offers Enter as a way to release a kept topology, and Enter does release it. {@code script}, from util-linux,
 * gives {@link KeepThenDieMain} a pseudo-terminal and passes what this test writes to it on as keystrokes.
 */
class TerminalReleaseTest {

    @TempDir
    Path reports;

    @Test
    void enterOnTheTerminalReleasesAKeptTopology() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java") + " -cp '"
                + System.getProperty("java.class.path") + "' " + KeepThenDieMain.class.getName() + " keep " + reports;
        Process script = new ProcessBuilder("script", "-q", "-e", "-c", java, "/dev/null").redirectErrorStream(true)
                .start();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            InputStream in = script.getInputStream();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!out.toString(StandardCharsets.UTF_8).contains("Release it now")) {
                assertThat(System.nanoTime()).as("hint in time; the terminal showed:%n%s", out).isLessThan(deadline);
                int b = in.read();
                assertThat(b).as("the terminal showed:%n%s", out).isNotNegative();
                out.write(b);
            }
            while (!out.toString(StandardCharsets.UTF_8).endsWith("\n")) {
                out.write(in.read());
            }
            String hint = out.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
            assertThat(hint).contains("Release it now: press Enter in this terminal, or rm "
                    + reports.toAbsolutePath().resolve("kept.txt") + "\n");
            Matcher m = Pattern.compile("ip netns exec (\\S+) bash").matcher(hint);
            assertThat(m.find()).isTrue();
            Path name = DebugNames.DIRECTORY.resolve(m.group(1));
            assertThat(name).exists();

            Thread.sleep(500);
            assertThat(script.isAlive()).as("still kept").isTrue();
            long pressed = System.nanoTime();
            OutputStream keys = script.getOutputStream();
            keys.write('\n');
            keys.flush();
            String rest = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(script.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(System.nanoTime() - pressed).as("time to release").isLessThan(TimeUnit.SECONDS.toNanos(10));
            assertThat(rest).contains("BUILT");
            assertThat(script.exitValue()).isZero();
            assertThat(name).doesNotExist();
            assertThat(List.of(reports.toFile().list())).doesNotContain("kept.txt");
        } finally {
            script.destroyForcibly();
        }
    }
}
