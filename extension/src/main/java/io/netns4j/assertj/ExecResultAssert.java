package io.netns4j.assertj;

import io.netns4j.ExecResult;
import org.assertj.core.api.AbstractAssert;

/** Assertions on a finished program. */
public class ExecResultAssert extends AbstractAssert<ExecResultAssert, ExecResult> {

    /** Assertions on {@code actual}; {@link Assertions#assertThat(ExecResult)} is the usual way in. */
    public ExecResultAssert(ExecResult actual) {
        super(actual, ExecResultAssert.class);
    }

    /** The program exited with status 0. */
    public ExecResultAssert succeeded() {
        isNotNull();
        if (actual.exitCode() != 0) {
            failWithMessage("%nExpecting program:%n  %s%nin namespace %s to succeed, but it exited with %d%s%s",
                    String.join(" ", actual.command()), actual.namespace(), actual.exitCode(),
                    output("stdout", actual.stdout()), output("stderr", actual.stderr()));
        }
        return myself;
    }

    /** The program exited with {@code expected}. */
    public ExecResultAssert exitCode(int expected) {
        isNotNull();
        if (actual.exitCode() != expected) {
            failWithMessage("%nExpecting program:%n  %s%nin namespace %s to exit with %d, but it exited with %d%s%s",
                    String.join(" ", actual.command()), actual.namespace(), expected, actual.exitCode(),
                    output("stdout", actual.stdout()), output("stderr", actual.stderr()));
        }
        return myself;
    }

    /** The program's standard output contains {@code text}. */
    public ExecResultAssert stdoutContains(String text) {
        isNotNull();
        if (!actual.stdout().contains(text)) {
            failWithMessage(
                    "%nExpecting the standard output of:%n  %s%nin namespace %s to contain:%n  %s%nbut it was:%n%s",
                    String.join(" ", actual.command()), actual.namespace(), text, indent(actual.stdout()));
        }
        return myself;
    }

    /** The program's standard error contains {@code text}. */
    public ExecResultAssert stderrContains(String text) {
        isNotNull();
        if (!actual.stderr().contains(text)) {
            failWithMessage(
                    "%nExpecting the standard error of:%n  %s%nin namespace %s to contain:%n  %s%nbut it was:%n%s",
                    String.join(" ", actual.command()), actual.namespace(), text, indent(actual.stderr()));
        }
        return myself;
    }

    private static String output(String name, String text) {
        return text.isEmpty() ? "" : String.format("%n%s:%n%s", name, indent(text));
    }

    static String indent(String text) {
        if (text.isEmpty()) {
            return "  (empty)";
        }
        return ("  " + text.strip().replace("\n", "\n  "));
    }
}
