package io.netns4j.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The values of {@code netns4j.keepOnFailure}, read without the kernel. */
class KeepOnFailureParseTest {

    @TestFactory
    Stream<DynamicTest> aDurationKeepsThatLong() {
        return Map.of("30s", "PT30S", "500ms", "PT0.5S", "2m", "PT2M", "PT1M30S", "PT1M30S", "45", "PT45S", " 10s ",
                "PT10S").entrySet().stream().map(e -> dynamicTest("\"" + e.getKey() + "\"", () -> {
                    KeepOnFailure keep = KeepOnFailure.parse(e.getKey(), "k");
                    assertThat(keep.isOn()).isTrue();
                    assertThat(keep.duration()).hasValue(Duration.parse(e.getValue()));
                }));
    }

    @TestFactory
    Stream<DynamicTest> trueKeepsUntilReleased() {
        return Stream.of("true", "TRUE", " True ").map(v -> dynamicTest("\"" + v + "\"", () -> {
            KeepOnFailure keep = KeepOnFailure.parse(v, "k");
            assertThat(keep.isOn()).isTrue();
            assertThat(keep.duration()).isEmpty();
            assertThat(keep).hasToString("true");
        }));
    }

    @TestFactory
    Stream<DynamicTest> falseOrZeroDoesNotKeep() {
        return Stream.of("false", "FALSE", "0s", "0", "PT0S").map(v -> dynamicTest("\"" + v + "\"", () -> {
            assertThat(KeepOnFailure.parse(v, "k")).isSameAs(KeepOnFailure.OFF);
            assertThat(KeepOnFailure.OFF.isOn()).isFalse();
        }));
    }

    @TestFactory
    Stream<DynamicTest> anythingElseIsRejectedNamingWhereAndWhat() {
        return Stream.of("yes", "forever", "10 minutes", "1h", "", "s").map(v -> dynamicTest("\"" + v + "\"",
                () -> assertThatIllegalArgumentException().isThrownBy(() -> KeepOnFailure.parse(v, "@NetworkTest on X"))
                        .withMessage("@NetworkTest on X = \"" + v + "\" is neither true, false nor a duration. Use"
                                + " \"false\" (do not keep; the default), \"true\" (keep until released) or how long"
                                + " to keep the topology of a failed test, like \"30s\", \"2m\" or \"PT30S\".")));
    }

    @TestFactory
    Stream<DynamicTest> aNegativeDurationIsRejected() {
        return Stream.of("-1s", "PT-5S")
                .map(v -> dynamicTest("\"" + v + "\"",
                        () -> assertThatIllegalArgumentException().isThrownBy(() -> KeepOnFailure.parse(v, "k"))
                                .withMessageStartingWith("k = \"" + v + "\" is a negative duration. Use \"false\"")));
    }
}
