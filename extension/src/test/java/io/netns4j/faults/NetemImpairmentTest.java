package io.netns4j.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.netns4j.Impairment;
import io.netns4j.NetNs;
import io.netns4j.NetworkTest;
import io.netns4j.PingResult;
import io.netns4j.Topology;
import io.netns4j.annotations.Impair;
import io.netns4j.annotations.NetNamespace;
import io.netns4j.annotations.Ns;
import io.netns4j.annotations.VethLink;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Delay and jitter through the public API, measured with pings. Needs {@code sch_netem}: skipped with the kernel's
 * reason where it is missing, run in the kernel lane.
 */
@NetworkTest
@Tag("kernel-netem")
@NetNamespace("a")
@NetNamespace("b")
@VethLink(a = "a", aAddress = "10.3.0.1/24", b = "b", bAddress = "10.3.0.2/24")
class NetemImpairmentTest {

    private static Duration median(PingResult p) {
        List<Duration> sorted = p.rtts().stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    @Test
    @Impair(ns = "a", dev = "eth0", delayMillis = 50)
    void aDeclaredDelayAddsToEveryRoundTrip(@Ns("a") NetNs a) {
        PingResult p = a.ping("10.3.0.2", 10, Duration.ofSeconds(5));
        assertThat(p.received()).isEqualTo(10);
        // One way delayed by 50 ms: every round trip takes at least that; the rest is the guest's own (slow,
        // emulated) path, well under 30 ms.
        assertThat(p.rtts()).allSatisfy(rtt -> assertThat(rtt).isGreaterThanOrEqualTo(Duration.ofMillis(50)));
        assertThat(median(p)).isLessThan(Duration.ofMillis(80));
    }

    @Test
    void delayChangesInPlaceAndGoesWithClose(Topology net) {
        NetNs a = net.ns("a");
        Duration base = median(a.ping("10.3.0.2", 5, Duration.ofSeconds(5)));
        try (Impairment slow = net.link("a", "eth0").impair().delay(Duration.ofMillis(100)).apply()) {
            assertThat(median(a.ping("10.3.0.2", 5, Duration.ofSeconds(5)))).isBetween(Duration.ofMillis(100),
                    Duration.ofMillis(100).plus(base).plus(Duration.ofMillis(30)));
            Impairment faster = net.link("a", "eth0").impair().delay(Duration.ofMillis(20), Duration.ofMillis(5))
                    .apply();
            assertThat(slow.isActive()).isFalse();
            PingResult p = a.ping("10.3.0.2", 20, Duration.ofSeconds(5));
            assertThat(p.rtts()).allSatisfy(rtt -> assertThat(rtt).isGreaterThanOrEqualTo(Duration.ofMillis(15)));
            assertThat(median(p)).isLessThan(Duration.ofMillis(60));
            faster.close();
        }
        assertThat(median(a.ping("10.3.0.2", 5, Duration.ofSeconds(5)))).isLessThan(Duration.ofMillis(15).plus(base));
        assertThat(a.exec("tc", "qdisc", "show", "dev", "eth0").stdout()).doesNotContain("netem");
    }
}
