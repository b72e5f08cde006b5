package io.netns4j.internal.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link QdiscMessage} on what kernels answered to {@code tc qdisc show dev eth0}: each qdisc of the device decodes to
 * its options, and prints as tc printed it (the fixture keeps tc's output). The TBF dumps come from Linux 6.18, the
 * netem ones from the kernel lane's Linux 6.1.
 */
class QdiscMessageTest {

    /** The qdiscs of the fixture's device, in the kernel's order; the dump holds every device's. */
    static List<QdiscMessage> qdiscsOfTheDevice(Fixture fx) {
        Psched psched = QdiscRequestsTest.psched(fx);
        return fx.answerMessages(Tc.RTM_NEWQDISC).map(m -> QdiscMessage.decode(m, psched))
                .filter(q -> q.ifindex() == fx.headerIndex()).toList();
    }

    static void assertPrintsAsTc(Fixture fx) {
        assertThat(qdiscsOfTheDevice(fx)).map(QdiscMessage::toString).as("%s", fx).isEqualTo(fx.printed());
    }

    @Test
    void theDefaultQdisc() {
        Fixture fx = Fixture.load("qdisc-show-default");
        assertPrintsAsTc(fx);
        QdiscMessage q = qdiscsOfTheDevice(fx).get(0);
        assertThat(q.kind()).isEqualTo("noqueue");
        assertThat(q.isRoot()).isTrue();
        assertThat(q.isDefault()).isTrue();
        assertThat(q.tbf()).isNull();
        assertThat(q.netem()).isNull();
        assertThat(q.stats()).hasToString("Sent 0 bytes 0 pkt (dropped 0, overlimits 0) backlog 0b 0p");
    }

    @Test
    void tbfAndItsChild() {
        Fixture fx = Fixture.load("qdisc-show-tbf-child");
        assertPrintsAsTc(fx);
        List<QdiscMessage> q = qdiscsOfTheDevice(fx);
        assertThat(q.get(0).handle()).isEqualTo(Tc.handle(1, 0));
        assertThat(q.get(0).isDefault()).isFalse();
        QdiscMessage child = q.get(1);
        assertThat(child.parent()).isEqualTo(Tc.handle(1, 1));
        assertThat(child.handle()).isEqualTo(Tc.handle(0x10, 0));
        QdiscMessage.Tbf tbf = child.tbf();
        assertThat(tbf.rateBytesPerSecond()).isEqualTo(125_000);
        assertThat(tbf.burstBytes()).isEqualTo(4096);
        assertThat(tbf.limitBytes()).isEqualTo(54096);
        assertThat(tbf.latencyMicros()).isEqualTo(400_000.0);
    }

    /**
     * The rate from {@code TCA_TBF_RATE64}; the burst tc prints is what the kernel's buffer in ticks comes back to
     * (1045000 bytes for the 1 MiB asked: the kernel keeps whole ticks, tc whole microseconds).
     */
    @Test
    void tbfRate64() {
        Fixture fx = Fixture.load("qdisc-show-tbf-rate64");
        assertPrintsAsTc(fx);
        QdiscMessage.Tbf tbf = qdiscsOfTheDevice(fx).get(0).tbf();
        assertThat(tbf.rateBytesPerSecond()).isEqualTo(5_000_000_000L);
        assertThat(tbf.burstBytes()).isEqualTo(1_045_000);
    }

    /** The kernel sends the delay in {@code TCA_NETEM_LATENCY64} as well as in ticks; the decoder takes the former. */
    @Test
    void netemWithEverything() {
        Fixture fx = Fixture.load("qdisc-show-netem-all");
        assertPrintsAsTc(fx);
        QdiscMessage.Netem n = qdiscsOfTheDevice(fx).get(0).netem();
        assertThat(n.delay()).isEqualTo(Duration.ofMillis(50));
        assertThat(n.jitter()).isEqualTo(Duration.ofMillis(10));
        assertThat(n.delayTicks()).isEqualTo(781_250);
        assertThat(n.loss()).isEqualTo(NetemSpec.scaled(5));
        assertThat(QdiscMessage.Netem.percent(n.loss())).as("to 2^-32").isCloseTo(5.0, offset(1e-7));
        assertThat(QdiscMessage.Netem.percent(n.corrupt())).isCloseTo(0.1, offset(1e-7));
        assertThat(n.reorder()).isEqualTo(NetemSpec.scaled(25));
        assertThat(n.reorderCorrelation()).isEqualTo(NetemSpec.scaled(50));
        assertThat(n.gap()).isEqualTo(1);
        assertThat(n.rateBytesPerSecond()).isEqualTo(125_000);
        assertThat(n.limit()).isEqualTo(1000);
    }

    @Test
    void netemDuplicateCorrelationLostByTc() {
        Fixture fx = Fixture.load("qdisc-show-netem-duplicate-corr");
        assertPrintsAsTc(fx);
        assertThat(qdiscsOfTheDevice(fx).get(0).netem().duplicateCorrelation()).isZero();
    }

    @Test
    void netemRate64() {
        Fixture fx = Fixture.load("qdisc-show-netem-rate64");
        assertPrintsAsTc(fx);
        assertThat(qdiscsOfTheDevice(fx).get(0).netem().rateBytesPerSecond()).isEqualTo(5_000_000_000L);
    }

    @Test
    void netemWithATbfChild() {
        Fixture fx = Fixture.load("qdisc-show-netem-tbf");
        assertPrintsAsTc(fx);
        List<QdiscMessage> q = qdiscsOfTheDevice(fx);
        assertThat(q).map(QdiscMessage::kind).containsExactly("netem", "tbf");
        assertThat(q.get(1).parent()).isEqualTo(Tc.handle(1, 1));
    }

    /** A request decodes too: what tc sent reads back as what it asked for. */
    @Test
    void aRequestReadsBack() {
        Fixture fx = Fixture.load("qdisc-replace-netem-all");
        QdiscMessage q = QdiscMessage.decode(fx.requestMessage(), QdiscRequestsTest.psched(fx));
        assertThat(q).hasToString("qdisc netem 1: root refcnt 0 limit 1000 delay 50ms  10ms 25% loss 5% 25%"
                + " duplicate 1% reorder 25% 50% corrupt 0.1% rate 1Mbit gap 1");
        assertThat(q.netem().delay()).as("from ticks: the request has no LATENCY64").isEqualTo(Duration.ofMillis(50));
        assertThat(q.stats()).isNull();
    }
}
