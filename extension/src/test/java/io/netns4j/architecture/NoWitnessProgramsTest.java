package io.netns4j.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The library never runs the tools its tests use as witnesses: no call, array or list in its sources starts with
 * {@code ip}, {@code nft}, {@code tc}, {@code iptables}, {@code ping} or {@code tcpdump} (programs are only started for
 * the user, with the command the user gives).
 */
@DisplayName("the library runs no networking tools")
class NoWitnessProgramsTest {

    private static final Path MAIN = Path.of("src/main/java");
    private static final Set<String> TOOLS = Set.of("ip", "nft", "tc", "iptables", "ip6tables", "iptables-nft", "ping",
            "tcpdump", "tshark", "/sbin/ip", "/usr/sbin/nft", "/usr/sbin/tc", "/usr/sbin/iptables");
    /** A string literal given as the first argument of a call, or first in an array or list: a program's name. */
    private static final Pattern LITERAL = Pattern.compile("(?:\\(|\\{|List\\.of\\()\\s*\"([^\"]*)\"");

    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    @Test
    @DisplayName("no call, array or list starts with the name of a tool")
    void noToolNamed() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path p : sources()) {
            List<String> lines = Files.readAllLines(p);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).trim();
                if (line.startsWith("*") || line.startsWith("//") || line.startsWith("/*")) {
                    continue; // Javadoc examples show what a test may run
                }
                Matcher m = LITERAL.matcher(lines.get(i));
                while (m.find()) {
                    if (TOOLS.contains(m.group(1))) {
                        found.add(MAIN.relativize(p) + ":" + (i + 1) + ": " + lines.get(i).trim());
                    }
                }
            }
        }
        assertThat(sources()).hasSizeGreaterThan(100);
        assertThat(found).isEmpty();
    }
}
