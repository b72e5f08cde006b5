package io.netns4j.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The library never moves a virtual thread to another network namespace: that would move the carrier it happens to
 * mount, an OS thread shared by all virtual threads. Runs on Java 21 and later (skipped before); the project compiles
 * for 17, so virtual threads are made through reflection. ci/test runs this class on Java 25.
 */
class VirtualThreadsTest {

    @BeforeEach
    void needsVirtualThreads() {
        assumeTrue(Runtime.version().feature() >= 21, "virtual threads need Java 21 or later");
        RootNamespace.get();
    }

    @Test
    void enteringTheRootNamespaceOnAVirtualThreadIsRefused() throws Exception {
        String carrierNs = onVirtualThread(
                () -> Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")).toString());

        assertThatThrownBy(() -> onVirtualThread(() -> {
            RootNamespace.get().enter();
            return null;
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot enter the root network namespace")
                .hasMessageContaining("on a virtual thread").hasMessageContaining("NetNs.run/submit/exec");
        assertThat(carrierNs).isEqualTo(RootNamespace.get().inode());
    }

    @Test
    void creatingANamespaceOnAVirtualThreadIsRefusedBeforeAnythingMoves() throws Exception {
        assertThatThrownBy(() -> onVirtualThread(Namespace::createFresh)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot create a network namespace").hasMessageContaining("on a virtual thread");

        // the carriers are where they were: a virtual thread started now is still in the root namespace
        for (int i = 0; i < 8; i++) {
            assertThat(onVirtualThread(() -> Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")).toString()))
                    .isEqualTo(RootNamespace.get().inode());
        }
    }

    @Test
    void platformThreadsAreNotVirtual() throws Exception {
        assertThat(RootNamespace.onVirtualThread()).isFalse();
        assertThat(onVirtualThread(RootNamespace::onVirtualThread)).isTrue();
    }

    /** Runs {@code task} on a new virtual thread and returns its result, or throws what it threw. */
    static <T> T onVirtualThread(Callable<T> task) throws Exception {
        ExecutorService virtual = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor")
                .invoke(null);
        try {
            return virtual.submit(task).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            virtual.shutdown();
            virtual.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
