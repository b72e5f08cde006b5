package io.netns4j;

import io.netns4j.annotations.TopologyScope;
import io.netns4j.internal.junit.NetworkTestExtension;
import io.netns4j.internal.junit.TopologyLocks;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Activates netns4j for a test class: the topology declared with {@code @NetNamespace}, {@code @VethLink},
 * {@code @Bridge} and {@code @Route} (on the class, its enclosing classes, its superclasses, composed annotations of
 * them, and the test method) is built in the kernel before each test and torn down after it.
 *
 * <h2>Creation</h2> The whole declaration is validated first; every problem is reported at once and nothing is created.
 * Then namespaces, links, addresses and routes are built; the test starts once every link is operationally up.
 *
 * <h2>Injection</h2> Test and lifecycle method parameters and non-final fields of type {@link Topology}, {@link NetNs}
 * (annotated with {@code @Ns("name")}) and {@link Link} (annotated with {@code @Dev}) are injected.
 *
 * <h2>Scope</h2> By default every test method gets a topology of its own ({@link TopologyScope#PER_METHOD}); with
 * {@link TopologyScope#PER_CLASS} one topology serves every test of the class, and static fields and {@code @BeforeAll}
 * parameters can be injected too.
 *
 * <h2>Clean Up</h2> After the test, whatever its outcome, every process in the topology's namespaces is killed, sockets
 * handed out are closed, tasks interrupted and the namespaces released. Cleanup failures are collected and never hide
 * the test's own failure.
 *
 * <h2>Parallel execution</h2> Tests of different classes, and of one class with a topology per method, share nothing
 * and may run concurrently under JUnit's parallel execution. The tests of a class with a {@code PER_CLASS} topology
 * share it: they run concurrently with each other, except those with {@code @Partition}, {@code @Isolate} or
 * {@code @Impair}, which change the topology and run alone (the extension declares a resource lock per shared
 * topology).
 *
 * <h2>Privileges</h2> Without {@code CAP_SYS_ADMIN} and {@code CAP_NET_ADMIN} (i.e. not root) the tests are skipped
 * with the reason; set {@value Netns4jConfig#MISSING_PRIVILEGE}{@code =fail} to fail them instead. Without root, start
 * the test JVM as root of a user namespace of its own ({@code unshare --user --map-root-user --net java ...}; see
 * "Running without root" in the README).
 *
 * <h2>Keeping a failed test's topology</h2> With {@link #keepOnFailure()} (or the configuration key
 * {@value Netns4jConfig#KEEP_ON_FAILURE}, which wins when set) the topology of a failed test stays alive, with a name
 * under {@code /run/netns} for each namespace, until a person releases it or the time passes; then it is torn down as
 * usual.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.ANNOTATION_TYPE })
@ExtendWith(NetworkTestExtension.class)
@ResourceLock(providers = TopologyLocks.class)
public @interface NetworkTest {

    /** How long a topology lives: per test method (the default) or per test class. */
    TopologyScope scope() default TopologyScope.PER_METHOD;

    /**
     * Keeps the topology of a failed test alive before teardown: {@code "true"} until released, {@code "false"} not at
     * all, or how long, like {@code "30s"} or {@code "2m"} (see {@value Netns4jConfig#KEEP_ON_FAILURE}). Empty (the
     * default) leaves it to that configuration key, which also wins over this attribute when it is set: a run can
     * always turn keeping off.
     */
    String keepOnFailure() default "";
}
