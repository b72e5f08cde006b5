package io.netns4j.samples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import io.netns4j.PingResult;
import io.netns4j.Topology;
import org.junit.jupiter.api.Test;

/** The quick start's topology built in plain code, as a {@code main} would, with no extension involved. */
class WithoutJUnitTest {

    @Test
    void theBuilderAloneBuildsTheTopology() {
        PingResult ping = pingAcross();

        assertThat(ping.allReceived()).as("%s", ping).isTrue();
    }

    private static PingResult pingAcross() {
        // tag::without-junit[]
        try (Topology net = Topology.builder().namespace("client").namespace("server")
                .veth("client", "10.0.0.1/24", "server", "10.0.0.2/24").build()) {
            return net.ns("client").ping("10.0.0.2");
        }
        // end::without-junit[]
    }
}
