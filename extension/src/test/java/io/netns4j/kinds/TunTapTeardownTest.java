package io.netns4j.kinds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netns4j.Tap;
import io.netns4j.Topology;
import io.netns4j.Tun;
import io.netns4j.TunTap;
import io.netns4j.testsupport.Leftovers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * TUN and TAP devices built with {@code Topology.builder()}: every descriptor of {@code /dev/net/tun} the topology
 * opened is closed when it closes, whatever was attached or detached meanwhile. (A descriptor left open would keep its
 * namespace alive, invisibly: it holds the namespace, not a link to it.)
 */
@Tag("kernel-tun")
class TunTapTeardownTest {

    @Test
    void closingTheTopologyClosesEveryDescriptor() {
        assumeTrue(Topology.unavailabilityCause().isEmpty(), () -> Topology.unavailabilityCause().get());
        assumeTrue(Files.exists(Path.of("/dev/net/tun")), "this machine has no /dev/net/tun");
        long before = tunDescriptors();
        Leftovers.Snapshot leftovers = Leftovers.snapshot();
        try (Topology net = Topology.builder().namespace("a").namespace("b").tap("a", "tap0", "10.40.0.1/24")
                .tap("a", "mq0", TunTap.Options.defaults().queues(4))
                .tun("b", "tun0", TunTap.Options.defaults().attached(false).persistent(true), "10.41.0.1/24")
                .tun("b", "tun1", TunTap.Options.defaults().peer("10.42.0.2"), "10.42.0.1/32").build()) {
            assertThat(tunDescriptors() - before).isEqualTo(1 + 4 + 0 + 1);

            net.ns("b").device("tun0", Tun.class).attach();
            net.ns("a").device("tap0", Tap.class).detach();
            assertThat(tunDescriptors() - before).isEqualTo(0 + 4 + 1 + 1);
            assertThat(net.ns("b").device("tun1", Tun.class).carrier()).isTrue();
            assertThat(net.ns("a").device("mq0", Tap.class).queues()).isEqualTo(4);
        }
        assertThat(tunDescriptors()).isEqualTo(before);
        await("nothing left in the kernel").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> assertThat(Leftovers.newSince(leftovers)).isEmpty());
    }

    /** The descriptors of this JVM open on {@code /dev/net/tun}. */
    private static long tunDescriptors() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().equals("/dev/net/tun");
                } catch (IOException e) {
                    return false;
                }
            }).count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
