package io.netns4j.internal.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@link TcFormat} and {@link Psched}: tc's arithmetic and printing, one case each for every branch. */
class TcFormatTest {

    private static final Psched LINUX = Psched.parse("000003e8 00000040 000f4240 3b9aca00\n");

    @Test
    void pschedOfEveryLinuxSince2631() {
        assertThat(LINUX).isEqualTo(new Psched(1000, 64, 1_000_000));
        assertThat(LINUX.tickInUsec()).isEqualTo(15.625);
        assertThat(LINUX.timeToTicks(50_000)).as("50 ms").isEqualTo(781_250);
        assertThat(LINUX.ticksToTime(781_250)).isEqualTo(50_000);
        assertThat(LINUX.transmitTime(125_000, 4096)).as("4096 bytes at 1 Mbit/s: 32768 us").isEqualTo(512_000);
        assertThat(LINUX.transmitSize(125_000, 512_000)).isEqualTo(4096);
        assertThat(LINUX.tooLargeForTicks(274_877_906)).isFalse();
        assertThat(LINUX.tooLargeForTicks(274_877_907)).isTrue();
        assertThat(LINUX).hasToString("000003e8 00000040 000f4240");
    }

    /** A clock resolution of 10^9 tells old tools that the multiplier means 1: a tick is then a microsecond. */
    @Test
    void pschedWithANanosecondClockResolution() {
        Psched p = Psched.parse("000003e8 00000001 3b9aca00 3b9aca00");
        assertThat(p.tickInUsec()).isEqualTo(1000.0);
    }

    @Test
    void pschedThatIsNot() {
        assertThatThrownBy(() -> Psched.parse("1 2")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("/proc/net/psched should hold at least three hexadecimal numbers, but reads \"1 2\"");
        assertThatThrownBy(() -> Psched.parse("x y z")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("/proc/net/psched should hold hexadecimal numbers, but reads \"x y z\"");
        assertThatThrownBy(() -> Psched.parse("0 40 f4240")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("/proc/net/psched fields must not be zero: 0 64 1000000");
    }

    @Test
    void cStyleG() {
        assertThat(TcFormat.g(400, 3)).isEqualTo("400");
        assertThat(TcFormat.g(1.5, 3)).isEqualTo("1.5");
        assertThat(TcFormat.g(123.456, 3)).isEqualTo("123");
        assertThat(TcFormat.g(999.6, 3)).as("rounds up into the next decade").isEqualTo("1e+03");
        assertThat(TcFormat.g(0.125, 2)).as("ties to even, on the exact binary value").isEqualTo("0.12");
        assertThat(TcFormat.g(0.00001234, 3)).isEqualTo("1.23e-05");
        assertThat(TcFormat.g(4194304, 6)).isEqualTo("4.1943e+06");
        assertThat(TcFormat.g(0, 6)).isEqualTo("0");
    }

    @Test
    void ratesAsTcPrintsThem() {
        assertThat(TcFormat.rate(125_000)).isEqualTo("1Mbit");
        assertThat(TcFormat.rate(5_000_000_000L)).isEqualTo("40Gbit");
        assertThat(TcFormat.rate(187_500)).as("1.5 Mbit/s stays in kbit").isEqualTo("1500Kbit");
        assertThat(TcFormat.rate(100)).isEqualTo("800bit");
        assertThat(TcFormat.rate(1_543_210)).as("not whole, but above 1000 of the unit").isEqualTo("12345Kbit");
    }

    @Test
    void sizesAsTcPrintsThem() {
        assertThat(TcFormat.size(4096)).isEqualTo("4Kb");
        assertThat(TcFormat.size(1024 * 1024)).isEqualTo("1Mb");
        assertThat(TcFormat.size(1540)).isEqualTo("1540b");
        assertThat(TcFormat.size(1045000)).as("neither within 16 bytes of a Kb nor within 1Kb of a Mb")
                .isEqualTo("1045000b");
        assertThat(TcFormat.size(4100)).as("within 16 bytes of 4Kb").isEqualTo("4Kb");
    }

    @Test
    void timesAsTcPrintsThem() {
        assertThat(TcFormat.time(400_000)).isEqualTo("400ms");
        assertThat(TcFormat.time(1_500_000)).isEqualTo("1.5s");
        assertThat(TcFormat.time(150)).isEqualTo("150us");
        assertThat(TcFormat.time64(50_000_000)).isEqualTo("50ms");
        assertThat(TcFormat.time64(10_000)).isEqualTo("10us");
        assertThat(TcFormat.time64(7)).isEqualTo("7ns");
    }

    @Test
    void percentagesAsTcPrintsThem() {
        assertThat(TcFormat.percent(NetemSpec.scaled(5))).isEqualTo("5%");
        assertThat(TcFormat.percent(NetemSpec.scaled(0.1))).isEqualTo("0.1%");
        assertThat(TcFormat.percent(0xFFFFFFFF)).isEqualTo("100%");
    }

    @Test
    void argumentsAsAPersonTypesThem() {
        assertThat(TcFormat.rateArg(1_000_000)).isEqualTo("1mbit");
        assertThat(TcFormat.rateArg(1_500_000)).isEqualTo("1500kbit");
        assertThat(TcFormat.rateArg(40_000_000_000L)).isEqualTo("40gbit");
        assertThat(TcFormat.rateArg(12345)).isEqualTo("12345bit");
        assertThat(TcFormat.timeArg(2_000_000)).isEqualTo("2s");
        assertThat(TcFormat.timeArg(400_000)).isEqualTo("400ms");
        assertThat(TcFormat.timeArg(150)).isEqualTo("150us");
        assertThat(TcFormat.timeArg(0)).isEqualTo("0us");
        assertThat(TcFormat.percentArg(5.0)).isEqualTo("5%");
        assertThat(TcFormat.percentArg(0.1)).isEqualTo("0.1%");
    }
}
