package io.netns4j.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.netns4j.TopologyDefinitionException;
import io.netns4j.TopologyDefinitionException.Problem;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * How the fixtures of the bad-input tests are run and their outcome read: the guard that keeps Surefire from running a
 * fixture on its own, and one execution through the Jupiter engine. (The guard is the idea of
 * {@code io.netns4j.junit.BadInputFixture}, for tests in other packages; {@link #run} lets both kinds of fixture run.)
 */
public final class Fixtures {

    /** The configuration parameter that lets fixtures run; the same as {@code BadInputFixture}'s. */
    public static final String RUN = "netns4j-tests.runFixtures";

    private Fixtures() {
    }

    /** Marks a fixture class: it runs only when {@link #RUN} is set. Put it before {@code @NetworkTest}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @ExtendWith(OnlyWhenRunByATest.class)
    public @interface Guard {
    }

    /** The condition behind {@link Guard}. */
    public static final class OnlyWhenRunByATest implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(RUN).isPresent()
                    ? ConditionEvaluationResult.enabled("run by a test through the engine") : ConditionEvaluationResult
                            .disabled("a fixture, run only by the test that encloses it (through the JUnit engine)");
        }
    }

    /** Runs a fixture class; then waits (up to 5 s: teardown is asynchronous) until nothing is left over. */
    public static Run run(Class<?> fixture) {
        return run(fixture, Map.of());
    }

    /** As {@link #run(Class)}, with these configuration parameters besides {@link #RUN}. */
    public static Run run(Class<?> fixture, Map<String, String> configuration) {
        Leftovers.Snapshot before = Leftovers.snapshot();
        EngineExecutionResults results = execute(fixture, configuration);
        await("nothing left in the kernel by " + fixture.getSimpleName()).atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> assertThat(Leftovers.newSince(before)).isEmpty());
        return new Run(fixture, results);
    }

    /**
     * Runs a fixture class that is skipped as a whole (e.g. for a kernel feature it lacks) and asserts that it was
     * skipped with exactly this reason, that no test started and that nothing was left in the kernel.
     */
    public static void assertClassSkipped(Class<?> fixture, String reason) {
        Leftovers.Snapshot before = Leftovers.snapshot();
        EngineExecutionResults results = execute(fixture, Map.of());
        assertThat(results.containerEvents().skipped().list()).singleElement()
                .satisfies(e -> assertThat(e.getPayload(String.class)).hasValue(reason));
        assertThat(results.testEvents().started().count()).isZero();
        assertThat(Leftovers.newSince(before)).isEmpty();
    }

    private static EngineExecutionResults execute(Class<?> fixture, Map<String, String> configuration) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture)).configurationParameter(RUN, "true")
                .configurationParameters(configuration).execute();
    }

    /** Asserts a {@link TopologyDefinitionException} of a per-method topology with exactly these problem lines. */
    public static void assertProblems(Throwable failure, String testMethod, String... problemLines) {
        int n = problemLines.length;
        assertThat(failure).isExactlyInstanceOf(TopologyDefinitionException.class)
                .hasMessage("Invalid topology declared on " + testMethod + " (" + n
                        + (n == 1 ? " problem" : " problems") + "; nothing was created):"
                        + Arrays.stream(problemLines).map(l -> "\n  - " + l).collect(Collectors.joining()));
        assertThat(((TopologyDefinitionException) failure).problems()).map(Problem::toString)
                .containsExactly(problemLines);
    }

    /** One execution of a fixture class. */
    public record Run(Class<?> fixture, EngineExecutionResults results) {

        /** Asserts that the one test of the fixture ran and failed, and nothing else did; returns the failure. */
        public Throwable testFailure() {
            assertThat(results.testEvents().started().count()).as(this::describe).isEqualTo(1);
            assertThat(results.testEvents().failed().count()).as(this::describe).isEqualTo(1);
            assertThat(results.containerEvents().failed().count()).as(this::describe).isZero();
            return throwable(results.testEvents().failed().list().get(0));
        }

        /** Asserts that the fixture class itself failed before any test started; returns the failure. */
        public Throwable classFailure() {
            assertThat(results.testEvents().started().count()).as(this::describe).isZero();
            assertThat(results.containerEvents().failed().list()).as(this::describe).singleElement()
                    .satisfies(e -> assertThat(e.getTestDescriptor().getSource()).contains(ClassSource.from(fixture)));
            return throwable(results.containerEvents().failed().list().get(0));
        }

        private static Throwable throwable(Event event) {
            return event.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable)
                    .orElseThrow(() -> new AssertionError("no exception in " + event));
        }

        private String describe() {
            return "events of " + fixture.getSimpleName() + ":\n"
                    + results.allEvents().list().stream()
                            .map(e -> "  " + e.getType() + " " + e.getTestDescriptor().getDisplayName()
                                    + e.getPayload(TestExecutionResult.class).map(r -> " " + r).orElse(""))
                            .collect(Collectors.joining("\n"));
        }
    }
}
