package io.netns4j;

/**
 * Every configuration key of netns4j, with its default.
 *
 * <p>
 * Keys are JUnit configuration parameters: set them in {@code src/test/resources/junit-platform.properties}, e.g.
 * {@code netns4j.missingPrivilege=fail}, or as system properties ({@code -Dnetns4j.missingPrivilege=fail}), which JUnit
 * reads too and which take precedence. Code that runs outside JUnit ({@link Topology#builder()} in a plain
 * {@code main}) reads system properties only.
 */
public final class Netns4jConfig {

    private Netns4jConfig() {
    }

    /**
     * Key {@value}: what a test does when the JVM may not create network namespaces (not root, no
     * {@code CAP_SYS_ADMIN}/{@code CAP_NET_ADMIN}): {@code skip} it with the reason, or {@code fail} it. Default:
     * {@value #MISSING_PRIVILEGE_DEFAULT}.
     */
    public static final String MISSING_PRIVILEGE = "netns4j.missingPrivilege";

    /** The default of {@link #MISSING_PRIVILEGE}: {@value}. */
    public static final String MISSING_PRIVILEGE_DEFAULT = "skip";

    /**
     * Key {@value}: what a test does when its topology needs a kernel feature the running kernel lacks (a link kind, a
     * qdisc): {@code skip} it with the reason, or {@code fail} it. Default: {@value #MISSING_KERNEL_FEATURE_DEFAULT}.
     */
    public static final String MISSING_KERNEL_FEATURE = "netns4j.missingKernelFeature";

    /** The default of {@link #MISSING_KERNEL_FEATURE}: {@value}. */
    public static final String MISSING_KERNEL_FEATURE_DEFAULT = "skip";

    /**
     * Key {@value}: the timeout of {@link NetNs#exec(String...)}, as {@code 500ms}, {@code 30s}, {@code 2m}, an
     * ISO-8601 duration ({@code PT30S}) or a number of seconds. Default: {@value #EXEC_TIMEOUT_DEFAULT}.
     */
    public static final String EXEC_TIMEOUT = "netns4j.exec.timeout";

    /** The default of {@link #EXEC_TIMEOUT}: {@value}. */
    public static final String EXEC_TIMEOUT_DEFAULT = "30s";

    /**
     * Key {@value}: how long a build waits for every link to be operationally up, written as {@link #EXEC_TIMEOUT}'s
     * value is. Default: {@value #OPERSTATE_TIMEOUT_DEFAULT}.
     */
    public static final String OPERSTATE_TIMEOUT = "netns4j.operstateTimeout";

    /** The default of {@link #OPERSTATE_TIMEOUT}: {@value}. */
    public static final String OPERSTATE_TIMEOUT_DEFAULT = "5s";

    /**
     * Key {@value}: where the evidence of a failed test (pcaps, {@code topology.txt}) is written, under one directory
     * per test; relative to the working directory. Default: {@value #REPORT_DIR_DEFAULT}.
     */
    public static final String REPORT_DIR = "netns4j.reportDir";

    /** The default of {@link #REPORT_DIR}: {@value}. */
    public static final String REPORT_DIR_DEFAULT = "target/netns4j";

    /**
     * Key {@value}: whether builds take their namespaces from a warm pool: {@code on} or {@code off}. With {@code on},
     * a library thread creates namespaces ahead (each fresh, never used before: {@code lo} up, ICMP echo sockets
     * allowed, forwarding off, exactly as a build would make it) while tests run, as many as the biggest of the recent
     * topologies needed, up to {@value #POOL_SIZE_DEFAULT} ({@link #POOL_SIZE}); a build takes what is ready and
     * creates the rest itself. A namespace is never given back to the pool: teardown is unchanged. Default:
     * {@value #POOL_DEFAULT}.
     */
    public static final String POOL = "netns4j.pool";

    /** The default of {@link #POOL}: {@value}. */
    public static final String POOL_DEFAULT = "on";

    /**
     * Key {@value}: the most namespaces the warm pool keeps ready ({@link #POOL}); 0 turns it off. Default:
     * {@value #POOL_SIZE_DEFAULT}.
     */
    public static final String POOL_SIZE = "netns4j.pool.size";

    /** The default of {@link #POOL_SIZE}: {@value}. */
    public static final String POOL_SIZE_DEFAULT = "256";

    /**
     * Key {@value}: whether the topology of a failed test is kept alive for a person to look at, before it is torn
     * down: {@code false} (torn down at once), {@code true} (kept until released) or how long to keep it, as a duration
     * like {@code 30s}, {@code 2m} or {@code PT30S}. While kept, each namespace is named under {@code /run/netns} as
     * {@code netns4j-<run>-<n>-<ns>}, and a hint on standard error and in the JUnit report says how to enter it
     * ({@code ip netns exec ...} or {@code nsenter ...}) and how to release it (delete the {@code kept.txt} file it
     * names, or press Enter on the terminal that runs the tests). Set for a run, this key wins over
     * {@code @NetworkTest(keepOnFailure = ...)}: {@code -Dnetns4j.keepOnFailure=false} turns off a keep written in a
     * test. Default: {@value #KEEP_ON_FAILURE_DEFAULT}.
     */
    public static final String KEEP_ON_FAILURE = "netns4j.keepOnFailure";

    /** The default of {@link #KEEP_ON_FAILURE}: {@value}. */
    public static final String KEEP_ON_FAILURE_DEFAULT = "false";
}
