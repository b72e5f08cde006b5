package io.netns4j.internal.runtime;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/** Reads durations of configuration values: {@code 30s}, {@code 500ms}, {@code 2m} or ISO-8601 {@code PT30S}. */
final class Durations {

    private Durations() {
    }

    static Duration parse(String text, String key) {
        String t = text.trim();
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).trim()));
            }
            if (t.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1).trim()));
            }
            if (t.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1).trim()));
            }
            if (t.startsWith("P") || t.startsWith("p")) {
                return Duration.parse(t);
            }
            return Duration.ofSeconds(Long.parseLong(t));
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("Configuration " + key + " = \"" + text
                    + "\" is not a duration. Write it like \"30s\", \"500ms\", \"2m\" or \"PT30S\".", e);
        }
    }
}
