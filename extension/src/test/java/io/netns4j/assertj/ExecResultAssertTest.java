package io.netns4j.assertj;

import static io.netns4j.assertj.Assertions.assertThat;
import static java.lang.String.format;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netns4j.ExecResult;
import io.netns4j.NetNs;
import io.netns4j.Topology;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link ExecResultAssert} on programs really run inside a namespace: {@code ip}, which succeeds on {@code lo} and
 * fails on a device the namespace lacks, and {@code sh} for output of several lines on both streams.
 */
@DisplayName("ExecResultAssert")
class ExecResultAssertTest {

    private static Topology net;
    private static ExecResult showLo;
    private static ExecResult showMissing;
    private static ExecResult twoStreams;
    private static ExecResult silent;

    @BeforeAll
    static void run() {
        net = Topology.builder().namespace("client").build();
        NetNs client = net.ns("client");
        showLo = client.exec("ip", "-o", "link", "show", "dev", "lo");
        showMissing = client.exec("ip", "link", "show", "dev", "eth9");
        twoStreams = client.exec("sh", "-c", "printf 'one\\ntwo\\n'; echo oops >&2; exit 3");
        silent = client.exec("true");
    }

    @AfterAll
    static void tearDown() {
        if (net != null) {
            net.close();
        }
    }

    @Test
    void succeededPasses() {
        assertThat(showLo).succeeded();
        assertThat(silent).succeeded();
    }

    @Test
    void succeededFailsShowingTheErrorOutput() {
        assertThatThrownBy(() -> assertThat(showMissing).succeeded()).isInstanceOf(AssertionError.class)
                .hasMessage(format("%nExpecting program:%n  ip link show dev eth9%n"
                        + "in namespace client to succeed, but it exited with 1%n"
                        + "stderr:%n  Device \"eth9\" does not exist."));
    }

    @Test
    void succeededFailsShowingBothOutputs() {
        assertThatThrownBy(() -> assertThat(twoStreams).succeeded()).isInstanceOf(AssertionError.class)
                .hasMessage(format("%nExpecting program:%n  sh -c printf 'one\\ntwo\\n'; echo oops >&2; exit 3%n"
                        + "in namespace client to succeed, but it exited with 3%n"
                        + "stdout:%n  one%n  two%nstderr:%n  oops"));
    }

    @Test
    void exitCodePasses() {
        assertThat(showLo).exitCode(0);
        assertThat(showMissing).exitCode(1);
        assertThat(twoStreams).exitCode(3);
    }

    @Test
    void exitCodeFails() {
        assertThatThrownBy(() -> assertThat(showMissing).exitCode(2)).isInstanceOf(AssertionError.class)
                .hasMessage(format("%nExpecting program:%n  ip link show dev eth9%n"
                        + "in namespace client to exit with 2, but it exited with 1%n"
                        + "stderr:%n  Device \"eth9\" does not exist."));
    }

    @Test
    void exitCodeFailsForAProgramWithoutOutput() {
        assertThatThrownBy(() -> assertThat(silent).exitCode(1)).isInstanceOf(AssertionError.class).hasMessage(
                format("%nExpecting program:%n  true%nin namespace client to exit with 1, but it exited with 0"));
    }

    @Test
    void stdoutContainsPasses() {
        assertThat(showLo).stdoutContains("1: lo: <LOOPBACK,UP,LOWER_UP>");
        assertThat(twoStreams).stdoutContains(format("one%ntwo"));
    }

    @Test
    void stdoutContainsFailsShowingTheOutput() {
        assertThatThrownBy(() -> assertThat(twoStreams).stdoutContains("three")).isInstanceOf(AssertionError.class)
                .hasMessage(format("%nExpecting the standard output of:%n"
                        + "  sh -c printf 'one\\ntwo\\n'; echo oops >&2; exit 3%n"
                        + "in namespace client to contain:%n  three%nbut it was:%n  one%n  two"));
    }

    @Test
    void stdoutContainsFailsOnEmptyOutput() {
        assertThatThrownBy(() -> assertThat(showMissing).stdoutContains("eth9")).isInstanceOf(AssertionError.class)
                .hasMessage(format("%nExpecting the standard output of:%n  ip link show dev eth9%n"
                        + "in namespace client to contain:%n  eth9%nbut it was:%n  (empty)"));
    }

    @Test
    void stderrContainsPasses() {
        assertThat(showMissing).stderrContains("does not exist");
        assertThat(twoStreams).stderrContains("oops");
    }

    @Test
    void stderrContainsFailsShowingTheErrorOutput() {
        assertThatThrownBy(() -> assertThat(showMissing).stderrContains("Cannot find device"))
                .isInstanceOf(AssertionError.class)
                .hasMessage(format("%nExpecting the standard error of:%n  ip link show dev eth9%n"
                        + "in namespace client to contain:%n  Cannot find device%n"
                        + "but it was:%n  Device \"eth9\" does not exist."));
    }

    @Test
    void stderrContainsFailsOnEmptyErrorOutput() {
        assertThatThrownBy(() -> assertThat(showLo).stderrContains("lo")).isInstanceOf(AssertionError.class)
                .hasMessage(format("%nExpecting the standard error of:%n  ip -o link show dev lo%n"
                        + "in namespace client to contain:%n  lo%nbut it was:%n  (empty)"));
    }
}
