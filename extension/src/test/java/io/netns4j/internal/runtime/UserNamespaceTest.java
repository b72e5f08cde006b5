package io.netns4j.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netns4j.internal.runtime.UserNamespace.Range;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The id maps of a user namespace as the kernel prints them, and what netns4j derives from them. No root needed. */
class UserNamespaceTest {

    private static UserNamespace of(String uidMap, String gidMap) {
        return new UserNamespace(UserNamespace.parse(uidMap), UserNamespace.parse(gidMap));
    }

    @Test
    @DisplayName("the host's user namespace maps every id to itself: real root, every group may ping")
    void initial() {
        UserNamespace host = of("         0          0 4294967295\n", "         0          0 4294967295\n");
        assertThat(host.isInitial()).isTrue();
        assertThat(host.pingGroupRange()).isEqualTo("0 2147483647");
        assertThat(host.missingCharacterDevices("macvtap")).isEmpty();
    }

    @Test
    @DisplayName("under unshare -Urn only group 0 exists, so the range is 0 0 (the sysctl rejects unmapped bounds)")
    void unshareMapRootUser() {
        UserNamespace ns = of("         0      65534          1\n", "         0      65534          1\n");
        assertThat(ns.uidMap()).containsExactly(new Range(0, 65534, 1));
        assertThat(ns.isInitial()).isFalse();
        assertThat(ns.pingGroupRange()).isEqualTo("0 0");
    }

    @Test
    @DisplayName("with subordinate ids (newgidmap), the range spans the lowest to the highest mapped group")
    void subordinateIds() {
        UserNamespace ns = of("0 1000 1\n1 100000 65536\n", "0 1000 1\n1 100000 65536\n");
        assertThat(ns.pingGroupRange()).isEqualTo("0 65536");
    }

    @Test
    @DisplayName("bounds above 2147483647 are cut to it; ranges that start above it are left out")
    void cappedAtTheSysctlMaximum() {
        assertThat(of("0 0 1\n", "5 5 4294967290\n").pingGroupRange()).isEqualTo("5 2147483647");
        assertThat(of("0 0 1\n", "3000000000 0 1\n7 7 1\n").pingGroupRange()).isEqualTo("7 7");
    }

    @Test
    @DisplayName("without any mapped group, no range is valid: the kernel's own default (none) stays")
    void noGroups() {
        assertThat(of("0 0 1\n", "").pingGroupRange()).isEqualTo("1 0");
    }

    @Test
    @DisplayName("in a user namespace, macvtap and ipvtap are reported missing with how to run them")
    void characterDevices() {
        assertThat(of("0 65534 1\n", "0 65534 1\n").missingCharacterDevices("ipvtap"))
                .hasValueSatisfying(r -> assertThat(r).startsWith(
                        "ipvtap: its character device /dev/tapN cannot be created or opened" + " from a user namespace")
                        .contains("run this test as root"));
    }

    @Test
    @DisplayName("an owner or group id that the user namespace does not map is refused, naming the ids that exist")
    void unmappedIds() {
        UserNamespace ns = of("0 65534 1\n", "0 65534 1\n1 100000 10\n");
        ns.requireMapped(0, false, "owner of TAP tap0 in namespace a");
        ns.requireMapped(10, true, "group of TAP tap0 in namespace a");
        assertThatThrownBy(() -> ns.requireMapped(4242, false, "owner of TAP tap0 in namespace a"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("owner of TAP tap0 in namespace a: user 4242 does not exist in this JVM's user namespace"
                        + " (it runs as root of one, e.g. under unshare -Urn, where only the user ids 0 exist); use"
                        + " one of those or run the test as real root");
        assertThatThrownBy(() -> ns.requireMapped(11, true, "group of TAP tap0 in namespace a"))
                .hasMessageContaining("group 11 does not exist")
                .hasMessageContaining("only the group ids 0, 1-10 exist");
        of("0 0 4294967295\n", "0 0 4294967295\n").requireMapped(4242, false, "owner");
    }

    @Test
    @DisplayName("a malformed map line is rejected with the line")
    void malformed() {
        assertThatThrownBy(() -> UserNamespace.parse("0 0\n")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("An id map line should read \"inside outside count\", not \"0 0\"");
    }

    @Test
    @DisplayName("this JVM's own maps can be read")
    void current() {
        assertThat(UserNamespace.current().gidMap()).isNotEmpty();
    }
}
