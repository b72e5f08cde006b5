package io.netns4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TopologyBuilderTest {

    @Test
    void buildsTwoNamespacesWithAVethPairAndPingsBothWays() {
        try (Topology net = Topology.builder().namespace("client").namespace("server")
                .veth("client", "10.0.0.1/24", "server", "10.0.0.2/24").build()) {
            PingResult r = net.ns("client").ping("10.0.0.2");
            assertThat(r.received()).as(r.toString()).isEqualTo(3);
            assertThat(net.ns("server").ping("10.0.0.1").received()).isEqualTo(3);
            ExecResult ip = net.ns("client").exec(Duration.ofSeconds(10), "ip", "-o", "addr");
            assertThat(ip.stdout()).contains("10.0.0.1/24");
            assertThat(net.ns("client").links()).extracting(LinkInfo::name).containsExactlyInAnyOrder("lo", "eth0");
        }
    }
}
