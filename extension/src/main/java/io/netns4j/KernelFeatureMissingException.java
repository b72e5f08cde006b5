package io.netns4j;

import java.util.List;

/**
 * The topology needs a kernel feature (a link kind, a qdisc...) that the running kernel lacks. Thrown before anything
 * is created. In a {@link NetworkTest} the test is skipped with the reason instead, unless
 * {@value Netns4jConfig#MISSING_KERNEL_FEATURE}{@code =fail}.
 */
public final class KernelFeatureMissingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<String> reasons;

    /** The exception for the features that are missing, one reason per feature. */
    public KernelFeatureMissingException(List<String> reasons) {
        super(String.join("; ", reasons));
        this.reasons = List.copyOf(reasons);
    }

    /** One reason per missing feature, e.g. {@code ipvlan: this kernel has no ipvlan driver (...)}. */
    public List<String> reasons() {
        return reasons;
    }
}
