package io.netns4j.kinds;

import static io.netns4j.assertj.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.netns4j.NetNs;
import io.netns4j.NetworkTest;
import io.netns4j.annotations.Dummy;
import io.netns4j.annotations.Macvlan;
import io.netns4j.annotations.MacvlanMode;
import io.netns4j.annotations.Macvtap;
import io.netns4j.annotations.NetNamespace;
import io.netns4j.annotations.Ns;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Macvlan and macvtap devices on a dummy parent, a cable to nowhere: bridge-mode siblings still reach each other,
 * inside the kernel, while a vepa one reaches nobody. Needs the dummy driver, which this development machine's kernel
 * lacks: skipped here with the reason, run in the kernel lane.
 */
@NetworkTest
@Tag("kernel-dummy")
@NetNamespace("host")
@NetNamespace("a")
@NetNamespace("b")
@NetNamespace("v")
@NetNamespace("t")
@Dummy(ns = "host", name = "dum0")
@Macvlan(ns = "a", name = "mv0", parent = "dum0", parentNs = "host", address = "10.24.0.1/24")
@Macvlan(ns = "b", name = "mv0", parent = "dum0", parentNs = "host", address = "10.24.0.2/24")
@Macvlan(ns = "v", name = "mv0", parent = "dum0", parentNs = "host", mode = MacvlanMode.VEPA, address = "10.24.0.3/24")
@Macvtap(ns = "t", name = "mt0", parent = "dum0", parentNs = "host")
class MacvlanOnDummyTest {

    @Test
    void bridgeSiblingsTalkOnACableToNowhereAndVepaOnesDoNot(@Ns("a") NetNs a, @Ns("v") NetNs v) {
        assertThat(a).canPing("10.24.0.2");
        assertThat(v).cannotPing("10.24.0.1");
        assertThat(a.exec("ip", "-d", "-o", "link", "show", "mv0")).succeeded().stdoutContains("macvlan mode bridge");
    }

    @Test
    void aMacvtapOnADummyIsBuiltAndOpened(@Ns("t") NetNs t) {
        assertThat(t.device("mt0", io.netns4j.MacvtapDevice.class).isOpen()).isTrue();
    }
}
