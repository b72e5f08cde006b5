package io.netns4j.samples.readme;

import static io.netns4j.assertj.Assertions.assertThat;
import static io.netns4j.assertj.Assertions.tcp;
import static org.assertj.core.api.Assertions.assertThat;

import io.netns4j.Cut;
import io.netns4j.Impairment;
import io.netns4j.Link;
import io.netns4j.NetNs;
import io.netns4j.NetworkTest;
import io.netns4j.Topology;
import io.netns4j.annotations.Bridge;
import io.netns4j.annotations.BridgePort;
import io.netns4j.annotations.Dev;
import io.netns4j.annotations.NetNamespace;
import io.netns4j.annotations.Ns;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The README's partition and impairment examples, on five namespaces sharing a bridge. */
@NetworkTest
@NetNamespace("n1")
@NetNamespace("n2")
@NetNamespace("n3")
@NetNamespace("n4")
@NetNamespace("n5")
@Bridge(name = "br0", ports = { @BridgePort(ns = "n1", address = "10.0.0.1/24"),
        @BridgePort(ns = "n2", address = "10.0.0.2/24"), @BridgePort(ns = "n3", address = "10.0.0.3/24"),
        @BridgePort(ns = "n4", address = "10.0.0.4/24"), @BridgePort(ns = "n5", address = "10.0.0.5/24") })
class PartitionsAndImpairmentsTest {

    @Test
    @SuppressWarnings("try") // the examples' resources are closed, not used
    void cutsComeAndGo(Topology net, @Ns("n1") NetNs n1, @Ns("n2") NetNs n2) throws Exception {
        n2.serverSocket(8080); // listening until the test's namespaces go
        // tag::partitions[]
        try (Cut cut = net.partition(Set.of("n1"), Set.of("n2"))) { // silent: TCP times out
            assertThat(n1).cannotReach(tcp("10.0.0.2", 8080));
        }
        net.isolate("n3"); // against every other namespace
        net.drop("n4", "n5"); // one way only
        net.partition(List.of(Set.of("n1"), Set.of("n2")), Cut.Mode.REJECT); // TCP reset / ICMP error: fails fast
        List<String> nodes = List.of("n1", "n2", "n3", "n4", "n5");
        net.partitionHalves(nodes); // Jepsen's shapes
        net.bridge(nodes);
        net.majoritiesRing(nodes);
        net.heal(); // every cut mended, rulesets as before
        // end::partitions[]
        assertThat(n1).canReach(tcp("10.0.0.2", 8080));
        assertThat(net.ns("n4")).canPing("10.0.0.5");
        assertThat(net.ns("n3")).canPing("10.0.0.1");
    }

    @Test
    @SuppressWarnings("try")
    void lossAndRateOnOneLink(Topology net, @Ns("n1") NetNs n1) {
        // tag::impairments[]
        try (Impairment bad = net.link("n1", "eth0").impair().loss(10).rate(1_000).apply()) {
            // ...
            // end::impairments[]
            assertThat(n1.exec("tc", "qdisc", "show", "dev", "eth0").stdout()).as("the rate limit").contains("tbf");
            // tag::impairments[]
        }
        // end::impairments[]
        assertThat(n1.exec("tc", "qdisc", "show", "dev", "eth0").stdout()).doesNotContain("tbf");
    }

    @Test
    void delayAndDuplicationNeedNetem(@Dev(ns = "n1", name = "eth0") Link link, @Ns("n1") NetNs n1) {
        // Where the kernel lacks sch_netem, apply() throws KernelFeatureMissingException and the test is skipped.
        // tag::netem[]
        link.impair().delay(Duration.ofMillis(50), Duration.ofMillis(10)).duplicate(1).apply(); // needs netem
        // end::netem[]
        assertThat(n1.exec("tc", "qdisc", "show", "dev", "eth0").stdout()).contains("netem", "delay 50ms",
                "duplicate 1%");
    }
}
