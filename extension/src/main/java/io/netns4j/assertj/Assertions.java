package io.netns4j.assertj;

import io.netns4j.Capture;
import io.netns4j.Endpoint;
import io.netns4j.ExecResult;
import io.netns4j.NetNs;
import io.netns4j.PingResult;

/**
 * Entry point of netns4j's AssertJ assertions, next to AssertJ's own:
 * {@code import static io.netns4j.assertj.Assertions.*;}.
 *
 * <pre>{@code
 * assertThat(client).canPing("10.0.0.2");
 * assertThat(client).cannotReach(tcp("10.0.0.2", 8080));
 * assertThat(client).eventually().canPing("10.0.0.2");
 * assertThat(client.exec("ip", "addr")).succeeded().stdoutContains("10.0.0.1/24");
 * assertThat(capture).hasPacket(tcp().dstPort(7000).syn()).within(Duration.ofSeconds(2));
 * }</pre>
 */
public final class Assertions {

    private Assertions() {
    }

    /** Assertions on a namespace: its interfaces, addresses, routes and what it can reach. */
    public static NetNsAssert assertThat(NetNs actual) {
        return new NetNsAssert(actual);
    }

    /** Assertions on the packets a capture saw. */
    public static CaptureAssert assertThat(Capture actual) {
        return new CaptureAssert(actual);
    }

    /** Assertions on a finished program: its exit code and output. */
    public static ExecResultAssert assertThat(ExecResult actual) {
        return new ExecResultAssert(actual);
    }

    /** Assertions on the outcome of a ping. */
    public static PingResultAssert assertThat(PingResult actual) {
        return new PingResultAssert(actual);
    }

    /** A TCP endpoint to probe with {@link NetNsAssert#canReach(Endpoint)}. */
    public static Endpoint tcp(String host, int port) {
        return Endpoint.tcp(host, port);
    }

    /**
     * A UDP endpoint to probe with {@link NetNsAssert#canReach(Endpoint)}; see {@link Endpoint} for what reachable
     * means.
     */
    public static Endpoint udp(String host, int port) {
        return Endpoint.udp(host, port);
    }
}
