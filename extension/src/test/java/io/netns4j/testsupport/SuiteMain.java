package io.netns4j.testsupport;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs the test classes of some packages with the JUnit Launcher API, without a build tool: what {@code ci/test} uses
 * to run the sample suite as an unprivileged user inside a user namespace ({@code ci/rootless/run-samples}), where
 * Maven and its local repository are out of reach. Configuration parameters come from system properties (e.g.
 * {@code -Dnetns4j.missingPrivilege=fail}).
 *
 * <p>
 * Prints a line per skipped, failed or aborted test or container (with the reason or the stack trace), then JUnit's
 * summary. Exits with 0 if tests ran and none failed, 1 if some failed (or a container did), 2 if none was found.
 *
 * <pre>
 * java -cp ... io.netns4j.testsupport.SuiteMain io.netns4j.samples [more packages]
 * </pre>
 */
public final class SuiteMain {

    private SuiteMain() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: SuiteMain <package> [<package>...]");
            System.exit(2);
        }
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(Arrays.stream(args).map(p -> selectPackage(p)).toList()).build();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request, summary, new TestExecutionListener() {
            @Override
            public void executionSkipped(TestIdentifier id, String reason) {
                System.out.println("SKIPPED " + id.getLegacyReportingName() + " [" + id.getUniqueId() + "]: " + reason);
            }

            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                    return;
                }
                System.out.println(
                        result.getStatus() + " " + id.getLegacyReportingName() + " [" + id.getUniqueId() + "]");
                Optional<Throwable> t = result.getThrowable();
                t.ifPresent(e -> e.printStackTrace(System.out));
            }
        });
        TestExecutionSummary s = summary.getSummary();
        s.printTo(new PrintWriter(System.out, true));
        System.out.flush();
        if (s.getTestsFoundCount() == 0) {
            System.exit(2);
        }
        System.exit(s.getTotalFailureCount() == 0 && s.getContainersFailedCount() == 0 ? 0 : 1);
    }
}
