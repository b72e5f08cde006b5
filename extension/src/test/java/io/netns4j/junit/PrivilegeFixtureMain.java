package io.netns4j.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The child JVM of {@link PrivilegeTest}: runs one fixture class with the JUnit Launcher API (configuration parameters
 * come from system properties, e.g. {@code -Dnetns4j.missingPrivilege=fail}) and prints one line per outcome of a test
 * or class:
 *
 * <pre>
 * SKIPPED CLASS|TEST &lt;display name&gt;: &lt;reason&gt;
 * SUCCESSFUL CLASS|TEST &lt;display name&gt;
 * FAILED|ABORTED CLASS|TEST &lt;display name&gt;: &lt;exception class&gt;: &lt;message&gt; [caused by: ...]
 * </pre>
 *
 * with line breaks inside messages written as {@code \n}, then {@code DONE}.
 */
public final class PrivilegeFixtureMain {

    private PrivilegeFixtureMain() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: PrivilegeFixtureMain <fixture class name>");
            System.exit(2);
        }
        LauncherFactory.create().execute(
                LauncherDiscoveryRequestBuilder.request().selectors(selectClass(args[0])).build(),
                new TestExecutionListener() {
                    @Override
                    public void executionSkipped(TestIdentifier id, String reason) {
                        print("SKIPPED", id, ": " + reason);
                    }

                    @Override
                    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                        if (id.getParentId().isPresent()) { // not the engine
                            Optional<Throwable> t = result.getThrowable();
                            print(result.getStatus().name(), id, t.map(PrivilegeFixtureMain::describe).orElse(""));
                        }
                    }
                });
        System.out.println("DONE");
        System.out.flush();
    }

    private static void print(String status, TestIdentifier id, String detail) {
        System.out.println(status + " " + (id.isTest() ? "TEST" : "CLASS") + " " + id.getDisplayName()
                + detail.replace("\n", "\\n"));
    }

    private static String describe(Throwable t) {
        StringBuilder s = new StringBuilder(": ").append(t.getClass().getName()).append(": ").append(t.getMessage());
        for (Throwable c = t.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            s.append(" [caused by: ").append(c.getClass().getName()).append(": ").append(c.getMessage()).append(']');
        }
        return s.toString();
    }
}
