package io.netns4j.internal.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The distribution tables against the files tc reads ({@code /usr/lib/x86_64-linux-gnu/tc/*.dist} on Debian, made by
 * iproute2's {@code netem/} generators at build time): written in the generators' format, they must be the same bytes.
 * Skipped where iproute2's files are not installed; {@code TC_LIB_DIR} names another directory, as it does for tc.
 */
class NetemDistributionTest {

    private static Path libDir() {
        String env = System.getenv("TC_LIB_DIR");
        return Path.of(env != null ? env : "/usr/lib/x86_64-linux-gnu/tc");
    }

    /** A table as iproute2's generators print it: a comment line, then 8 values a line, each after a space. */
    static String distFile(NetemDistribution d) {
        StringBuilder sb = new StringBuilder(
                "# This is the distribution table for the " + d.tcName() + " distribution.\n");
        short[] table = d.table();
        for (int i = 0; i < table.length; i++) {
            sb.append(' ').append(table[i]);
            if (i % 8 == 7) {
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    @TestFactory
    Stream<DynamicTest> equalsTheFileTcReads() {
        return Arrays.stream(NetemDistribution.values()).map(d -> DynamicTest.dynamicTest(d.tcName(), () -> {
            Path file = libDir().resolve(d.tcName() + ".dist");
            assumeTrue(Files.isReadable(file), () -> file + " is not installed (iproute2's tc library directory);"
                    + " set TC_LIB_DIR to where the .dist files are");
            assertThat(distFile(d)).isEqualTo(read(file));
        }));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Independent of the files: the shape of each table. */
    @Test
    void shapes() {
        short[] normal = NetemDistribution.NORMAL.table();
        assertThat(normal).hasSize(NetemDistribution.TABLE_SIZE);
        assertThat(normal[0]).as("clamped at -4 sigma").isEqualTo(Short.MIN_VALUE);
        assertThat(normal[2048]).as("the median").isEqualTo((short) 0);
        assertThat(normal[3446]).as("+1 sigma: 4096 * 0.8413 = 3446, value 1 * 8192").isBetween((short) 8150,
                (short) 8230);
        for (int i = 1; i < normal.length; i++) {
            assertThat(normal[i]).isGreaterThanOrEqualTo(normal[i - 1]);
        }
        short[] pareto = NetemDistribution.PARETO.table();
        assertThat(pareto[0]).as("(1 - 1.5) * 4/3 * 8192").isEqualTo((short) -5461);
        assertThat(pareto[4095]).isEqualTo(Short.MAX_VALUE);
        short[] paretoNormal = NetemDistribution.PARETONORMAL.table();
        assertThat(paretoNormal).hasSize(NetemDistribution.TABLE_SIZE);
        // a quarter normal, three quarters Pareto (entry 0 mixes the normal value before its clamping)
        for (int i = 1; i < paretoNormal.length; i++) {
            assertThat((int) paretoNormal[i]).as("entry %d", i).isEqualTo((normal[i] + 3 * pareto[i]) / 4);
        }
        assertThat((int) paretoNormal[0]).isLessThan((normal[0] + 3 * pareto[0]) / 4);
    }

    @Test
    void tablesAreCopies() {
        short[] t = NetemDistribution.NORMAL.table();
        t[0] = 1;
        assertThat(NetemDistribution.NORMAL.table()[0]).isEqualTo(Short.MIN_VALUE);
    }

    @Test
    void erfAgainstKnownValues() {
        // glibc's erf for these arguments
        assertThat(NetemDistribution.erf(0.0)).isEqualTo(0.0);
        assertThat(NetemDistribution.erf(0.5)).isEqualTo(0.5204998778130465);
        assertThat(NetemDistribution.erf(1.0)).isEqualTo(0.8427007929497149);
        assertThat(NetemDistribution.erf(-2.0)).isEqualTo(-0.9953222650189527);
        assertThat(NetemDistribution.erf(3.0)).isEqualTo(0.9999779095030014);
        assertThat(NetemDistribution.erf(6.5)).isEqualTo(1.0);
        assertThat(NetemDistribution.erf(Double.NaN)).isNaN();
    }

    @Test
    void byTcName() {
        assertThat(NetemDistribution.ofTcName("paretonormal")).isEqualTo(NetemDistribution.PARETONORMAL);
        assertThatThrownBy(() -> NetemDistribution.ofTcName("experimental"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Unknown netem distribution \"experimental\":"
                        + " use normal, pareto or paretonormal (or none for the uniform distribution)");
    }
}
