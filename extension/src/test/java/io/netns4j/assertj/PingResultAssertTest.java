package io.netns4j.assertj;

import static io.netns4j.assertj.Assertions.assertThat;
import static java.lang.String.format;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netns4j.NetNs;
import io.netns4j.PingResult;
import io.netns4j.Topology;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link PingResultAssert} on the results of real pings from a client: to its peer (answered), to an address routed to
 * the peer, which has no route onward (lost), and to an address without a route (not sent).
 */
@DisplayName("PingResultAssert")
class PingResultAssertTest {

    private static Topology net;
    private static PingResult answered;
    private static PingResult lost;
    private static PingResult unroutable;

    @BeforeAll
    static void ping() {
        net = Topology.builder().namespace("client").namespace("server")
                .veth("client", "10.0.0.1/24", "server", "10.0.0.2/24").route("client", "10.9.0.0/24", "10.0.0.2")
                .build();
        NetNs client = net.ns("client");
        answered = client.ping("10.0.0.2");
        lost = client.ping("10.9.0.1", 2, Duration.ofMillis(200));
        unroutable = client.ping("192.0.2.1");
    }

    @AfterAll
    static void tearDown() {
        if (net != null) {
            net.close();
        }
    }

    @Test
    void allReceivedPasses() {
        assertThat(answered).allReceived();
    }

    @Test
    void allReceivedFailsWhenRequestsAreLost() {
        assertThatThrownBy(() -> assertThat(lost).allReceived()).isInstanceOf(AssertionError.class)
                .hasMessage(format("%nExpecting every echo request from namespace client to 10.9.0.1 to be answered,"
                        + " but 2 of 2 echo requests were lost"));
    }

    @Test
    void allReceivedFailsWhenNothingCouldBeSent() {
        assertThatThrownBy(() -> assertThat(unroutable).allReceived()).isInstanceOf(AssertionError.class)
                .hasMessage(format("%nExpecting every echo request from namespace client to 192.0.2.1 to be answered,"
                        + " but no echo request could be sent: ENETUNREACH (Network is unreachable)"));
    }

    @Test
    void noneReceivedPasses() {
        assertThat(lost).noneReceived();
        assertThat(unroutable).noneReceived();
    }

    @Test
    void noneReceivedFails() {
        assertThatThrownBy(() -> assertThat(answered).noneReceived()).isInstanceOf(AssertionError.class)
                .hasMessage(format("%nExpecting no echo request from namespace client to 10.0.0.2 to be answered,"
                        + " but 3 of 3 were"));
    }

    @Test
    void receivedPasses() {
        assertThat(answered).received(3);
        assertThat(lost).received(0);
    }

    @Test
    void receivedFails() {
        assertThatThrownBy(() -> assertThat(answered).received(2)).isInstanceOf(AssertionError.class)
                .hasMessage(format("%nExpecting 2 answered echo requests from namespace client to 10.0.0.2,"
                        + " but 3 of 3 were answered"));
    }
}
