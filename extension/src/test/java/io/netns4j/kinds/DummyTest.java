package io.netns4j.kinds;

import static io.netns4j.assertj.Assertions.assertThat;

import io.netns4j.NetNs;
import io.netns4j.NetworkTest;
import io.netns4j.annotations.Dummy;
import io.netns4j.annotations.NetNamespace;
import io.netns4j.annotations.Ns;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A dummy device built through our netlink layer: skipped with the reason where the kernel lacks the driver. */
@NetworkTest
@Tag("kernel-dummy")
@NetNamespace("a")
@Dummy(ns = "a", name = "dum0", address = "10.9.0.1/24")
@Dummy(ns = "a", address = "10.9.1.1/24")
class DummyTest {

    @Test
    void hasItsAddressAndAnswersOnIt(@Ns("a") NetNs a) {
        assertThat(a).hasInterface("dum0").withAddress("10.9.0.1/24");
        assertThat(a).hasInterface("dummy0").withAddress("10.9.1.1/24");
        assertThat(a.exec("ip", "-d", "-o", "link", "show", "dum0")).succeeded().stdoutContains("dummy");
        assertThat(a).canPing("10.9.0.1");
    }
}
