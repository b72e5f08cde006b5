package io.netns4j.assertj;

import static io.netns4j.assertj.Assertions.tcp;
import static io.netns4j.packet.Matchers.udp;
import static java.lang.String.format;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netns4j.Capture;
import io.netns4j.ExecResult;
import io.netns4j.NetNs;
import io.netns4j.PingResult;
import io.netns4j.Topology;
import io.netns4j.internal.runtime.FailureArtifacts;
import io.netns4j.packet.Matchers;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.AbstractSoftAssertions;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * netns4j's asserts under AssertJ's soft assertions: every failure is collected, none stops the test, and
 * {@code assertAll()} reports them together. Through a proxy ({@code softly.proxy(NetNsAssert.class, NetNs.class, ns)},
 * which needs the public one-argument constructors), including after {@code within(...)}, through
 * {@code hasInterface(...)} and through the completions of {@link CaptureAssert}; through {@code softly.check(...)};
 * and through a user's own {@link AbstractSoftAssertions}.
 */
@DisplayName("soft assertions")
class SoftAssertionsTest {

    private static final String SEEN = "127.0.0.1.40001 > 127.0.0.1.40002: UDP len 5";
    private static final String NOT_TO_PING = format(
            "%nExpecting namespace:%n  client%nnot to ping:%n  10.0.0.2%nbut 3 of 3 echo requests were answered");
    private static final String REFUSED = format(
            "%nExpecting namespace:%n  client%nto reach:%n  tcp 10.0.0.2:8089%nbut the connection failed: Connection refused");
    private static final String NO_DEFAULT_ROUTE = format("%nExpecting namespace:%n  client%nto have a route to:%n"
            + "  default%nbut its routes are:%n  10.0.0.0/24 dev eth0%n  fe80::/64 dev eth0");
    private static final String NO_ETH9 = format(
            "%nExpecting namespace:%n  client%nto have interface:%n  eth9%nbut it has:%n  lo, eth0");

    private static Topology net;
    private static NetNs client;

    @BeforeAll
    static void build() {
        net = Topology.builder().namespace("client").namespace("server")
                .veth("client", "10.0.0.1/24", "server", "10.0.0.2/24").build();
        client = net.ns("client");
        // the link-local route of eth0 comes with IPv6's setup of the link
        await("eth0's link-local route").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> client.routes().stream().anyMatch(r -> r.toString().equals("fe80::/64 dev eth0")));
    }

    @AfterAll
    static void tearDown() {
        if (net != null) {
            net.close();
        }
    }

    /** The line AssertJ adds to each failure it collects: where the test called the failing check. */
    private static final Pattern TEST_LINE = Pattern
            .compile("\\Rat SoftAssertionsTest\\.[\\w$]+\\(SoftAssertionsTest\\.java:\\d+\\)$");

    /**
     * The messages of the failures collected, each checked to end with the line of this test that made the failing call
     * (its number is all that varies: it moves as the file is edited), and returned without it.
     */
    private static List<String> messages(AbstractSoftAssertions softly) {
        return softly.assertionErrorsCollected().stream().map(Throwable::getMessage).map(m -> {
            Matcher line = TEST_LINE.matcher(m);
            org.assertj.core.api.Assertions.assertThat(line.find()).as("%s%n-- ends with a line of this test", m)
                    .isTrue();
            return m.substring(0, line.start());
        }).toList();
    }

    @Test
    void aProxiedNetNsAssertCollectsEveryFailure() {
        SoftAssertions softly = new SoftAssertions();
        softly.proxy(NetNsAssert.class, NetNs.class, client).cannotPing("10.0.0.2").canReach(tcp("10.0.0.2", 8089))
                .hasRoute("10.0.0.0/24");
        org.assertj.core.api.Assertions.assertThat(messages(softly)).containsExactly(NOT_TO_PING, REFUSED);
        assertThatThrownBy(softly::assertAll).isInstanceOf(AssertionError.class)
                .hasMessageStartingWith(format("%nMultiple Failures (2 failures)%n-- failure 1 --%s", NOT_TO_PING))
                .hasMessageContaining(format("-- failure 2 --%s", REFUSED));
    }

    @Test
    void withinKeepsCollecting() {
        SoftAssertions softly = new SoftAssertions();
        softly.proxy(NetNsAssert.class, NetNs.class, client).within(Duration.ofMillis(300))
                .canReach(tcp("10.0.0.2", 8089)).hasInterface("eth9");
        String within = format("%nwithin 300 ms (the last of the attempts made until then)");
        org.assertj.core.api.Assertions.assertThat(messages(softly)).containsExactly(REFUSED + within,
                NO_ETH9 + within);
    }

    @Test
    void interfaceChecksAreCollectedAndAMissingInterfaceOnce() {
        SoftAssertions softly = new SoftAssertions();
        NetNsAssert soft = softly.proxy(NetNsAssert.class, NetNs.class, client);
        soft.hasInterface("eth0").withMtu(9000).down().up();
        soft.hasInterface("eth9").up().withMtu(1500);
        soft.hasRoute("default");
        org.assertj.core.api.Assertions.assertThat(messages(softly)).containsExactly(
                format("%nExpecting interface:%n  eth0 in namespace client%nto have MTU 9000, but it has 1500"),
                format("%nExpecting interface:%n  eth0 in namespace client%nnot to be operationally up, but it is"),
                NO_ETH9, NO_DEFAULT_ROUTE);
    }

    @Test
    void aProxiedCaptureAssertCollectsEveryFailure(@TempDir Path reports) throws IOException {
        FailureArtifacts.setCurrentTest(reports);
        try (Capture capture = client.capture("lo"); DatagramSocket sender = client.datagramSocket(40001);
                DatagramSocket receiver = client.datagramSocket(40002)) {
            sender.send(
                    new DatagramPacket(new byte[5], 5, new InetSocketAddress("127.0.0.1", receiver.getLocalPort())));
            // on lo the datagram is captured twice, as sent and as received
            await().atMost(Duration.ofSeconds(2)).until(() -> capture.packets().size() == 2);
            SoftAssertions softly = new SoftAssertions();
            softly.proxy(CaptureAssert.class, Capture.class, capture).hasPacket(udp()).within(Duration.ofSeconds(2))
                    .hasNoPacket(udp()).during(Duration.ofMillis(100)).hasPacket(Matchers.tcp())
                    .within(Duration.ofMillis(100)).hasPackets(udp()).count(2);
            String evidence = format("Last packets seen (2 of 2):%n  %s%n  %s%nDropped by the kernel: 0%npcap: %s",
                    SEEN, SEEN,
                    reports.resolve("client-lo-" + Integer.toHexString(System.identityHashCode(capture)) + ".pcap"));
            org.assertj.core.api.Assertions.assertThat(messages(softly)).containsExactly(
                    format("%nExpecting capture on lo in namespace client%nto have no packet matching:%n  udp%n"
                            + "during 100 ms, but it saw:%n  %s%n%s", SEEN, evidence),
                    format("%nExpecting capture on lo in namespace client%nto have a packet matching:%n  tcp%n"
                            + "within 100 ms, but none of its 2 packets did.%n%s", evidence));
        } finally {
            FailureArtifacts.setCurrentTest(null);
        }
    }

    @Test
    void proxiedResultAssertsCollectEveryFailure() {
        ExecResult result = client.exec("ip", "link", "show", "dev", "eth9");
        PingResult ping = client.ping("10.0.0.2");
        SoftAssertions softly = new SoftAssertions();
        softly.proxy(ExecResultAssert.class, ExecResult.class, result).succeeded().stderrContains("does not exist")
                .stdoutContains("eth9");
        softly.proxy(PingResultAssert.class, PingResult.class, ping).allReceived().noneReceived().received(2);
        org.assertj.core.api.Assertions.assertThat(messages(softly)).containsExactly(
                format("%nExpecting program:%n  ip link show dev eth9%nin namespace client to succeed, but it exited"
                        + " with 1%nstderr:%n  Device \"eth9\" does not exist."),
                format("%nExpecting the standard output of:%n  ip link show dev eth9%nin namespace client to contain:"
                        + "%n  eth9%nbut it was:%n  (empty)"),
                format("%nExpecting no echo request from namespace client to 10.0.0.2 to be answered, but 3 of 3"
                        + " were"),
                format("%nExpecting 2 answered echo requests from namespace client to 10.0.0.2, but 3 of 3 were"
                        + " answered"));
    }

    @Test
    void checkCollectsAHardAssertionsFailure() {
        SoftAssertions softly = new SoftAssertions();
        softly.check(() -> Assertions.assertThat(client).cannotPing("10.0.0.2"));
        softly.check(() -> Assertions.assertThat(client).hasInterface("eth9").up());
        softly.check(() -> Assertions.assertThat(client).canPing("10.0.0.2"));
        org.assertj.core.api.Assertions.assertThat(messages(softly)).containsExactly(NOT_TO_PING, NO_ETH9);
    }

    /** A user's own entry point for soft assertions, as AssertJ suggests for custom asserts. */
    static final class NetworkSoftAssertions extends AbstractSoftAssertions {

        NetNsAssert assertThat(NetNs actual) {
            return proxy(NetNsAssert.class, NetNs.class, actual);
        }
    }

    @Test
    void aUsersOwnSoftAssertionsCollectEveryFailure() {
        NetworkSoftAssertions softly = new NetworkSoftAssertions();
        softly.assertThat(client).cannotPing("10.0.0.2");
        softly.assertThat(client).hasRoute("default");
        softly.assertThat(client).canPing("10.0.0.2");
        org.assertj.core.api.Assertions.assertThat(messages(softly)).containsExactly(NOT_TO_PING, NO_DEFAULT_ROUTE);
        assertThatThrownBy(softly::assertAll).isInstanceOf(AssertionError.class)
                .hasMessageStartingWith(format("%nMultiple Failures (2 failures)%n"));
    }
}
