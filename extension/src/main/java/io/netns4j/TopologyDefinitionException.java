package io.netns4j;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The declared topology is invalid. Thrown before anything is created in the kernel; it lists every problem at once,
 * each naming where it was declared, the attribute and its value, and how to fix it.
 */
public final class TopologyDefinitionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * One problem of a declaration.
     *
     * @param declaration
     *            where it was declared, e.g. {@code @VethLink(a = "client", b = "server") on EchoIT}
     * @param attribute
     *            the attribute at fault, e.g. {@code aAddress}
     * @param value
     *            the offending value as given
     * @param problem
     *            what is wrong and how to fix it
     */
    public record Problem(String declaration, String attribute, String value, String problem) {

        @Override
        public String toString() {
            return declaration + ": " + attribute + " = \"" + value + "\": " + problem;
        }
    }

    private final transient List<Problem> problems;

    /** The exception for every problem found in the declaration of {@code subject}. */
    public TopologyDefinitionException(String subject, List<Problem> problems) {
        super(message(subject, problems));
        this.problems = List.copyOf(problems);
    }

    private static String message(String subject, List<Problem> problems) {
        return "Invalid topology " + subject + " (" + problems.size()
                + (problems.size() == 1 ? " problem" : " problems") + "; nothing was created):"
                + problems.stream().map(p -> "\n  - " + p).collect(Collectors.joining());
    }

    /** Every problem found. */
    public List<Problem> problems() {
        return problems;
    }
}
