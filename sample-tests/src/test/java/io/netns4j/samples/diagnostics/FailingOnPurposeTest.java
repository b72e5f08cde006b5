package io.netns4j.samples.diagnostics;

import static io.netns4j.assertj.Assertions.assertThat;

import io.netns4j.NetNs;
import io.netns4j.NetworkTest;
import io.netns4j.Topology;
import io.netns4j.annotations.NetNamespace;
import io.netns4j.annotations.Ns;
import io.netns4j.annotations.VethLink;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A test that fails on purpose, to show what netns4j keeps of a failed test. It is left out of every run unless the
 * system property {@value #ENABLE} is {@code true}:
 *
 * <pre>
 * mvn -pl sample-tests test -Dtest=FailingOnPurposeTest -Dnetns4j.samples.failing=true
 * </pre>
 *
 * The test cuts the link between client and server and "forgets" to heal it, so its last ping fails. The failure then
 * names, under {@code target/netns4j/<class>/<method>-<id>/}:
 * <ul>
 * <li>{@code topology.txt}: the kernel state of both namespaces when the test failed: links with counters, addresses,
 * routes, neighbours, the partition's nftables rules in force;</li>
 * <li>{@code server-eth0-<id>.pcap}: what the server's capture saw (the pings before the cut), for Wireshark or
 * {@code tcpdump -r}.</li>
 * </ul>
 * Add {@code -Dnetns4j.keepOnFailure=true} to look at the live topology too before it is torn down: the failure prints
 * an {@code ip netns exec} command for each namespace, and how to release it.
 */
@NetworkTest
@NetNamespace("client")
@NetNamespace("server")
@VethLink(a = "client", aAddress = "10.0.0.1/24", b = "server", bAddress = "10.0.0.2/24")
@EnabledIfSystemProperty(named = FailingOnPurposeTest.ENABLE, matches = "true", disabledReason = "a sample that fails on purpose; run it with -D"
        + FailingOnPurposeTest.ENABLE + "=true")
class FailingOnPurposeTest {

    /** The system property that lets this test run. */
    static final String ENABLE = "netns4j.samples.failing";

    @Test
    void serverAnswersAfterAPartition(Topology net, @Ns("client") NetNs client, @Ns("server") NetNs server) {
        server.capture("eth0"); // what it sees is kept as a pcap if the test fails
        assertThat(client).canPing("10.0.0.2");

        net.partition(Set.of("client"), Set.of("server"));
        // On purpose, the partition is never healed: net.heal() is missing here.

        assertThat(client).canPing("10.0.0.2");
    }
}
