package io.netns4j.samples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import io.netns4j.Netns4jConfig;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps the README true: its Java examples are cut from compiled, tested sample code, and its configuration table lists
 * every key of {@link Netns4jConfig} with its default.
 *
 * <p>
 * A Java block of the README is preceded by {@code <!-- sample: PATH#TAG -->}: PATH is a source file relative to the
 * repository's root, TAG names the regions of that file between {@code // tag::TAG[]} and {@code // end::TAG[]}. The
 * block must equal those regions, each with its common indentation removed, in file order. Run with
 * {@code -Dnetns4j.samples.updateReadme=true} to rewrite the blocks from the sources instead of failing.
 */
class ReadmeTest {

    private static final Pattern MARKER = Pattern.compile("<!-- sample: (\\S+)#(\\S+) -->");
    private static final Pattern TAG_LINE = Pattern.compile("^\\s*// (tag|end)::([\\w-]+)\\[\\]\\s*$");
    private static final Pattern CONFIG_ROW = Pattern.compile("^\\| `(netns4j\\.[^`]+)` \\| `([^`]*)` \\|.*\\|$");

    private final Path root = Path.of(System.getProperty("user.dir")).getParent();
    private final Path readme = root.resolve("README.md");

    @Test
    void everyJavaExampleIsCutFromSampleCode() throws IOException {
        List<String> lines = readme();
        List<String> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            Matcher marker = MARKER.matcher(line.trim());
            if (line.trim().equals("```java")) {
                problems.add(
                        "README.md:" + (i + 1) + ": a Java block without a <!-- sample: PATH#TAG --> line above it");
            }
            out.add(line);
            i++;
            if (!marker.matches()) {
                continue;
            }
            String where = "README.md:" + i + ": " + marker.group(1) + "#" + marker.group(2);
            if (i >= lines.size() || !lines.get(i).trim().equals("```java")) {
                problems.add(where + ": the marker is not followed by a ```java block");
                continue;
            }
            int end = i + 1;
            while (end < lines.size() && !lines.get(end).trim().equals("```")) {
                end++;
            }
            if (end == lines.size()) {
                problems.add(where + ": the ```java block is not closed");
                continue;
            }
            List<String> actual = lines.subList(i + 1, end);
            List<String> expected;
            try {
                expected = regions(root.resolve(marker.group(1)), marker.group(2));
            } catch (IllegalArgumentException e) {
                problems.add(where + ": " + e.getMessage());
                expected = actual;
            }
            if (!expected.equals(actual)) {
                problems.add(where + ": the block differs from the sample code; it should read:\n"
                        + String.join("\n", expected) + "\n");
            }
            out.add(lines.get(i));
            out.addAll(expected);
            out.add(lines.get(end));
            i = end + 1;
        }
        if (Boolean.getBoolean("netns4j.samples.updateReadme") && !out.equals(lines)) {
            Files.write(readme, out, StandardCharsets.UTF_8);
            return;
        }
        assertThat(problems).as("README.md against the sample code (-Dnetns4j.samples.updateReadme=true rewrites it)")
                .isEmpty();
    }

    @Test
    void theConfigurationTableListsEveryKeyWithItsDefault() throws IOException, IllegalAccessException {
        Map<String, String> documented = new LinkedHashMap<>();
        for (String line : readme()) {
            Matcher row = CONFIG_ROW.matcher(line.trim());
            if (row.matches()) {
                documented.put(row.group(1), row.group(2));
            }
        }
        Map<String, String> keys = new LinkedHashMap<>();
        for (Field f : Netns4jConfig.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class
                    && !f.getName().endsWith("_DEFAULT")) {
                keys.put((String) f.get(null), defaultOf(f.getName()));
            }
        }
        assertThat(keys).as("the keys of Netns4jConfig").isNotEmpty();
        for (Map.Entry<String, String> key : keys.entrySet()) {
            assertThat(documented)
                    .as("README.md's configuration table: a row | `%s` | `default` | meaning |", key.getKey())
                    .containsKey(key.getKey());
            if (key.getValue() != null) {
                assertThat(documented.get(key.getKey())).as("the default of %s in README.md", key.getKey())
                        .isEqualTo(key.getValue());
            }
        }
        assertThat(documented.keySet()).as("README.md's configuration rows that name no key of Netns4jConfig")
                .isSubsetOf(keys.keySet());
    }

    /** The value of constant {@code NAME_DEFAULT} of {@link Netns4jConfig}, or null if there is none. */
    private static String defaultOf(String name) throws IllegalAccessException {
        try {
            return (String) Netns4jConfig.class.getField(name + "_DEFAULT").get(null);
        } catch (NoSuchFieldException e) {
            return null;
        }
    }

    private List<String> readme() throws IOException {
        assertThat(readme).as("the README of the repository (tests run from the sample-tests directory)").exists();
        return Files.readAllLines(readme, StandardCharsets.UTF_8);
    }

    /** The regions of {@code file} tagged {@code tag}, each without its common indentation, in file order. */
    static List<String> regions(Path file, String tag) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such file " + file);
        }
        List<String> out = new ArrayList<>();
        List<String> region = null;
        int found = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            Matcher m = TAG_LINE.matcher(line);
            if (m.matches()) {
                if (m.group(2).equals(tag)) {
                    if (m.group(1).equals("tag")) {
                        region = new ArrayList<>();
                        found++;
                    } else if (region != null) {
                        out.addAll(dedent(region));
                        region = null;
                    }
                }
                continue;
            }
            if (region != null) {
                region.add(line);
            }
        }
        if (region != null) {
            throw new IllegalArgumentException("region " + tag + " of " + file + " has no // end::" + tag + "[]");
        }
        if (found == 0) {
            throw new IllegalArgumentException(file + " has no region // tag::" + tag + "[]");
        }
        return out;
    }

    private static List<String> dedent(List<String> lines) {
        int indent = Integer.MAX_VALUE;
        for (String l : lines) {
            if (!l.isBlank()) {
                indent = Math.min(indent, l.length() - l.stripLeading().length());
            }
        }
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            out.add(l.isBlank() ? "" : l.substring(indent));
        }
        return out;
    }
}
