package io.netns4j.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks a fixture class ({@code *TestCase}) that a test runs through the JUnit engine: it runs only when the
 * configuration parameter {@value #RUN} is set, which {@link BadInputTest} and {@link PrivilegeTest} do. Surefire skips
 * nested classes by default, but not when {@code -Dtest=BadInput*} names them; then they are skipped with this reason
 * instead of failing on purpose.
 *
 * <p>
 * Put it before {@code @NetworkTest}, so that its condition is evaluated first.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(BadInputFixture.OnlyWhenRunByATest.class)
@interface BadInputFixture {

    /** The configuration parameter (or system property) that lets fixtures run. */
    String RUN = "netns4j-tests.runFixtures";

    /** The condition behind {@link BadInputFixture}. */
    final class OnlyWhenRunByATest implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(RUN).isPresent()
                    ? ConditionEvaluationResult.enabled("run by a test through the engine") : ConditionEvaluationResult
                            .disabled("a fixture, run only by the test that encloses it (through the JUnit engine)");
        }
    }
}
