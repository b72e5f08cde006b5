package io.netns4j.internal.junit;

import io.netns4j.NetworkTest;
import io.netns4j.annotations.TopologyScope;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLocksProvider;

/**
 * The only resource that tests of {@link NetworkTest} share, for JUnit's parallel execution: the topology of a class
 * with {@link TopologyScope#PER_CLASS}, which all its tests (and those of its {@code @Nested} classes) use at once.
 * Tests that only use it may run concurrently ({@link ResourceAccessMode#READ}); a test with {@code @Partition},
 * {@code @Isolate} or {@code @Impair} (on itself or on its class) changes it for its duration, so it runs alone
 * ({@link ResourceAccessMode#READ_WRITE}). Topologies per method and anything outside the test namespaces are never
 * shared: nothing of the host is used by two tests, so no other lock is needed.
 *
 * <p>
 * A test that changes a shared topology from its body ({@code Topology.partition(...)}, {@code Link.down()}...) is not
 * seen here: give it {@code @ResourceLock(value = TopologyLocks.PREFIX + "<top-level class name>")} with
 * {@code READ_WRITE}, or use a topology per method.
 */
public final class TopologyLocks implements ResourceLocksProvider {

    /** The lock key of a shared topology is this prefix and the test's top-level class name. */
    public static final String PREFIX = "netns4j.topology:";

    /** Instantiated by JUnit. */
    public TopologyLocks() {
    }

    @Override
    public Set<Lock> provideForMethod(List<Class<?>> enclosingInstanceTypes, Class<?> testClass, Method testMethod) {
        if (NetworkTestExtension.scope(testClass) != TopologyScope.PER_CLASS) {
            return Set.of();
        }
        Class<?> owner = enclosingInstanceTypes.isEmpty() ? testClass : enclosingInstanceTypes.get(0);
        boolean changes = !FaultAnnotations.read(testClass, testMethod).isEmpty();
        return Set.of(
                new Lock(PREFIX + owner.getName(), changes ? ResourceAccessMode.READ_WRITE : ResourceAccessMode.READ));
    }
}
