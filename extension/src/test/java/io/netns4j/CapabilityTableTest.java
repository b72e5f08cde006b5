package io.netns4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapabilityTableTest {

    @Test
    void listsEveryFeatureWithTheKernelsAnswerForWhatIsAbsent() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CapabilityTable.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).contains("  veth             present", "  bridge           present",
                "  tun/tap          present", "  nftables         present");
        for (String kind : CapabilityTable.LINK_KINDS) {
            assertThat(lines).anySatisfy(l -> assertThat(l).startsWith(String.format("  %-16s ", kind)));
        }
        // An absent kind says what the kernel answered, never just "no".
        assertThat(lines.stream().filter(l -> l.contains(" absent "))).allSatisfy(l -> assertThat(l)
                .containsAnyOf("EOPNOTSUPP (Operation not supported)", "ENOENT (No such file or directory)", "user."));
    }
}
