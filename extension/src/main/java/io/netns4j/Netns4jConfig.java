package io.netns4j;

/**
 * Configuration keys, read from JUnit configuration parameters ({@code junit-platform.properties} or system
 * properties). Outside JUnit, system properties are read.
 */
public final class Netns4jConfig {

    private Netns4jConfig() {
    }

    /**
     * What a test does when the JVM may not create network namespaces (not root, no
     * {@code CAP_SYS_ADMIN}/{@code CAP_NET_ADMIN}): {@code skip} it with the reason, or {@code fail} it. Default:
     * {@value #MISSING_PRIVILEGE_DEFAULT}.
     */
    public static final String MISSING_PRIVILEGE = "netns4j.missingPrivilege";

    public static final String MISSING_PRIVILEGE_DEFAULT = "skip";

    /**
     * What a test does when its topology needs a kernel feature the running kernel lacks (a link kind, a qdisc):
     * {@code skip} it with the reason, or {@code fail} it. Default: {@value #MISSING_KERNEL_FEATURE_DEFAULT}.
     */
    public static final String MISSING_KERNEL_FEATURE = "netns4j.missingKernelFeature";

    public static final String MISSING_KERNEL_FEATURE_DEFAULT = "skip";

    /**
     * Timeout of {@link NetNs#exec(String...)} as an ISO-8601 duration or seconds. Default:
     * {@value #EXEC_TIMEOUT_DEFAULT}.
     */
    public static final String EXEC_TIMEOUT = "netns4j.exec.timeout";

    public static final String EXEC_TIMEOUT_DEFAULT = "30s";

    /**
     * How long a build waits for every link to be operationally up. Default: {@value #OPERSTATE_TIMEOUT_DEFAULT}.
     */
    public static final String OPERSTATE_TIMEOUT = "netns4j.operstateTimeout";

    public static final String OPERSTATE_TIMEOUT_DEFAULT = "5s";

    /**
     * Where the evidence of a failed test (pcaps, {@code topology.txt}) is written, under one directory per test.
     * Default: {@value #REPORT_DIR_DEFAULT}.
     */
    public static final String REPORT_DIR = "netns4j.reportDir";

    public static final String REPORT_DIR_DEFAULT = "target/netns4j";

    /**
     * Whether builds take their namespaces from a warm pool: {@code on} or {@code off}. With {@code on}, a library
     * thread creates namespaces ahead (each fresh, never used before: {@code lo} up, ICMP echo sockets allowed,
     * forwarding off, exactly as a build would make it) while tests run, as many as the biggest of the recent
     * topologies needed, up to {@value #POOL_SIZE_DEFAULT} ({@link #POOL_SIZE}); a build takes what is ready and
     * creates the rest itself. A namespace is never given back to the pool: teardown is unchanged. Default:
     * {@value #POOL_DEFAULT}.
     */
    public static final String POOL = "netns4j.pool";

    public static final String POOL_DEFAULT = "on";

    /**
     * The most namespaces the warm pool keeps ready ({@link #POOL}); 0 turns it off. Default:
     * {@value #POOL_SIZE_DEFAULT}.
     */
    public static final String POOL_SIZE = "netns4j.pool.size";

    public static final String POOL_SIZE_DEFAULT = "256";

    /**
     * Whether the topology of a failed test is kept alive for a person to look at, before it is torn down:
     * {@code false} (torn down at once), {@code true} (kept until released) or how long to keep it, as a duration like
     * {@code 30s}, {@code 2m} or {@code PT30S}. While kept, each namespace is named under {@code /run/netns} as
     * {@code netns4j-<run>-<n>-<ns>}, and a hint on standard error and in the JUnit report says how to enter it
     * ({@code ip netns exec ...} or {@code nsenter ...}) and how to release it (delete the {@code kept.txt} file it
     * names, or press Enter on the terminal that runs the tests). Set for a run, this key wins over
     * {@code @NetworkTest(keepOnFailure = ...)}: {@code -Dnetns4j.keepOnFailure=false} turns off a keep written in a
     * test. Default: {@value #KEEP_ON_FAILURE_DEFAULT}.
     */
    public static final String KEEP_ON_FAILURE = "netns4j.keepOnFailure";

    public static final String KEEP_ON_FAILURE_DEFAULT = "false";
}
