package io.netns4j.internal.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every bad {@link TbfSpec} and {@link NetemSpec} is refused with a message that names the value and the fix. */
class QdiscSpecTest {

    private static final Psched LINUX = new Psched(1000, 64, 1_000_000);

    @Nested
    class Tbf {

        @Test
        void defaults() {
            TbfSpec slow = TbfSpec.ofRate(1_000_000);
            assertThat(slow.burstBytes()).as("four full frames").isEqualTo(6056);
            assertThat(slow.latency()).isEqualTo(Duration.ofMillis(100));
            assertThat(slow.tcArguments()).isEqualTo("tbf rate 1mbit burst 6056b latency 100ms");
            assertThat(TbfSpec.ofRate(1_000_000_000).burstBytes()).as("10 ms at 1 Gbit/s").isEqualTo(1_250_000);
        }

        @Test
        void rateTooLow() {
            assertThatThrownBy(() -> TbfSpec.ofRate(7)).isInstanceOf(IllegalArgumentException.class).hasMessage(
                    "tbf rate 7 bit/s is too low: the kernel counts in bytes per second; give at least 8 bit/s");
        }

        @Test
        void noBurst() {
            assertThatThrownBy(() -> TbfSpec.withLimit(8000, 0, 100)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("tbf burst 0 bytes: give a positive number of bytes, at least the largest frame"
                            + " (MTU + 14 on Ethernet)");
        }

        @Test
        void neitherOrBothOfLimitAndLatency() {
            assertThatThrownBy(() -> new TbfSpec(8000, 1514, 0, null)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("tbf needs a queue size: give a limit in bytes or a latency");
            assertThatThrownBy(() -> new TbfSpec(8000, 1514, 3000, Duration.ofMillis(5)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("tbf takes a limit or a latency, not both (limit 3000 bytes, latency PT0.005S)");
            assertThatThrownBy(() -> TbfSpec.withLimit(8000, 1514, -1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("tbf limit -1 bytes must not be negative");
        }

        @Test
        void latencyOutOfRange() {
            assertThatThrownBy(() -> TbfSpec.withLatency(8000, 1514, Duration.ofNanos(999)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("tbf latency PT0.000000999S is out of range: give between 1 microsecond and 4294 s");
            assertThatThrownBy(() -> TbfSpec.withLatency(8000, 1514, Duration.ofHours(2)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("tbf latency PT2H is out of range: give between 1 microsecond and 4294 s");
        }
    }

    @Nested
    class Netem {

        @Test
        void everythingOffIsValid() {
            NetemSpec s = NetemSpec.builder().build();
            assertThat(s.tcArguments()).isEqualTo("netem");
            assertThat(s.limit()).isEqualTo(1000);
        }

        @Test
        void tcArgumentsInTcsOrder() {
            NetemSpec s = NetemSpec.builder().limit(5000).delay(Duration.ofMillis(50), Duration.ofMillis(10), 25)
                    .distribution(NetemDistribution.NORMAL).loss(5, 25).duplicate(1).corrupt(0.1).reorder(25, 50).gap(3)
                    .rate(1_000_000).ecn(true).build();
            assertThat(s.tcArguments()).isEqualTo("netem limit 5000 delay 50ms 10ms 25% distribution normal loss 5%"
                    + " 25% duplicate 1% corrupt 0.1% reorder 25% 50% gap 3 rate 1mbit ecn");
        }

        @Test
        void everyProblemAtOnce() {
            assertThatThrownBy(() -> NetemSpec.builder().limit(0).delay(Duration.ofMillis(-1)).loss(101).duplicate(-1)
                    .reorder(10).gap(-2).rate(4).build())
                            .isInstanceOf(IllegalArgumentException.class)
                            .hasMessage("Invalid netem settings: limit 0 packets: give at least 1 (tc's default is"
                                    + " 1000); delay PT-0.001S must not be negative; loss 101.0% is not a percentage"
                                    + " between 0 and 100; duplicate -1.0% is not a percentage between 0 and 100;"
                                    + " reorder 10% sends some packets ahead of the delayed ones, and nothing is"
                                    + " delayed: give a delay too; gap -2 must not be negative; rate 4 bit/s: the"
                                    + " kernel counts in bytes per second; give at least 8 bit/s, or 0 for no rate");
        }

        @Test
        void settingsThatNeedAnother() {
            assertThatThrownBy(() -> NetemSpec.builder().delay(Duration.ofMillis(5), Duration.ZERO, 10).build())
                    .hasMessage("Invalid netem settings: a delay correlation (10%) correlates the jitter, and there is"
                            + " none: give a jitter too");
            assertThatThrownBy(() -> NetemSpec.builder().delay(Duration.ofMillis(5))
                    .distribution(NetemDistribution.PARETO).build())
                            .hasMessage("Invalid netem settings: a pareto distribution shapes the jitter around the"
                                    + " delay: give a delay and a jitter of at least 1 us");
            assertThatThrownBy(() -> NetemSpec.builder().loss(0, 5).duplicate(0, 5).corrupt(0, 5).build())
                    .hasMessage("Invalid netem settings: a loss correlation (5%) without loss; a duplicate"
                            + " correlation (5%) without duplication; a corrupt correlation (5%) without corruption");
            assertThatThrownBy(() -> NetemSpec.builder().delay(Duration.ofMillis(1)).reorder(0, 5).gap(2).build())
                    .hasMessage("Invalid netem settings: a reorder correlation (5%) without reordering; gap 2 without"
                            + " reordering: give a reorder probability too");
            assertThatThrownBy(() -> NetemSpec.builder().ecn(true).build())
                    .hasMessage("Invalid netem settings: ecn marks packets instead of losing them, and there is no"
                            + " loss: give a loss too");
            assertThatThrownBy(() -> NetemSpec.builder().delay(Duration.ofDays(100)).build())
                    .hasMessage("Invalid netem settings: delay PT2400H is longer than tc can say (4294967295 us)");
        }

        /** A delay that fits tc's microseconds but not the kernel's 32-bit ticks (274.9 s at 64 ns a tick). */
        @Test
        void delayTooLongForTicks() {
            NetemSpec s = NetemSpec.builder().delay(Duration.ofSeconds(300)).build();
            assertThatThrownBy(() -> QdiscRequests.replace(2, "eth0", Tc.TC_H_ROOT, 0, s, LINUX))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("netem delay PT5M is too long for the kernel's 32-bit count of scheduler ticks (at"
                            + " most 274877906us)");
        }

        @Test
        void reorderingWithoutAGapGetsGapOne() {
            NetemSpec s = NetemSpec.builder().delay(Duration.ofMillis(1)).reorder(10).build();
            assertThat(s.effectiveGap()).isEqualTo(1);
            assertThat(NetemSpec.builder().delay(Duration.ofMillis(1)).reorder(10).gap(4).build().effectiveGap())
                    .isEqualTo(4);
        }
    }
}
