package io.netns4j.annotations;

/**
 * How a delay's jitter is distributed ({@code tc qdisc ... netem delay D J distribution DIST}).
 */
public enum DelayDistribution {
    /** Uniform between delay - jitter and delay + jitter (netem's default). */
    UNIFORM,
    /** Normal, jitter being the standard deviation. */
    NORMAL,
    /** Pareto. */
    PARETO,
    /** A mix of Pareto and normal. */
    PARETO_NORMAL
}
