package io.netns4j.kinds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.netns4j.NetworkTest;
import io.netns4j.Topology;
import io.netns4j.TopologyBuildException;
import io.netns4j.TopologyBuilder;
import io.netns4j.TopologyDefinitionException;
import io.netns4j.TopologyDefinitionException.Problem;
import io.netns4j.annotations.GreTunnel;
import io.netns4j.annotations.IpipTunnel;
import io.netns4j.annotations.NetNamespace;
import io.netns4j.annotations.SitTunnel;
import io.netns4j.annotations.VethLink;
import io.netns4j.annotations.Vxlan;
import io.netns4j.testsupport.Fixtures;
import io.netns4j.testsupport.Leftovers;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Bad input to the tunnel kinds ({@code @IpipTunnel}, {@code @GreTunnel}, {@code @SitTunnel}, {@code @Vxlan} and the
 * builder's {@code ipip/gre/sit/vxlan(...)}), run through the JUnit engine as a user meets it (see
 * {@code io.netns4j.junit.BadInputTest} for the pattern): each check asserts the exact problem lines (annotation,
 * attribute, value, what is wrong and how to fix it) and that nothing was left in the kernel.
 *
 * <p>
 * Validation comes before the kernel is asked anything, so these run on every kernel, with or without the tunnel
 * drivers (ipip, gre and sit are absent on the development host; a declaration that does not validate needs no driver
 * and is not skipped).
 *
 * <p>
 * Not checked here, by decision: that {@code local} is an address of the namespace. The kind's checks cannot see the
 * other declarations' addresses ({@code KindCheck} offers interface names only), and the runtime creates devices before
 * it adds the veth addresses, so the kernel's state at creation cannot tell either; such a tunnel is built and simply
 * carries nothing.
 */
@DisplayName("netns4j rejects bad tunnel declarations")
class TunnelBadInputTest {

    @Nested
    @DisplayName("when an endpoint is missing or wrong")
    class WhenEndpointsAreWrong {

        @Test
        @DisplayName("a tunnel without local and remote is reported twice, saying what each is for")
        void withoutLocalAndRemote() {
            Fixtures.assertProblems(Fixtures.run(NoEndpointsTestCase.class).testFailure(), "NoEndpointsTestCase.test()",
                    "@IpipTunnel(ns = \"a\") on NoEndpointsTestCase: local = \"\": an ipip tunnel needs the address its"
                            + " packets leave from. Set local to an address of namespace \"a\" on the underlay"
                            + " interface.",
                    "@IpipTunnel(ns = \"a\") on NoEndpointsTestCase: remote = \"\": an ipip tunnel needs the address of"
                            + " its far end. Set remote to the address of the far namespace's underlay interface.");
        }

        @Test
        @DisplayName("local and remote of different families")
        void differentFamilies() {
            Fixtures.assertProblems(Fixtures.run(MixedFamiliesTestCase.class).testFailure(),
                    "MixedFamiliesTestCase.test()",
                    "@GreTunnel(ns = \"a\", name = \"gre1\") on MixedFamiliesTestCase: remote = \"fd00::2\": remote is"
                            + " IPv6 but local (10.0.0.1) is IPv4. Give both ends of the tunnel in the same family.",
                    "@Vxlan(ns = \"a\", name = \"vx1\") on MixedFamiliesTestCase: remote = \"10.0.0.2\": remote is IPv4"
                            + " but local (fd00::1) is IPv6. Give local and remote in the same family.");
        }

        @Test
        @DisplayName("a host name, a multicast endpoint, local = remote, an IPv6 underlay for an IPv4-only kind")
        void wrongAddresses() {
            Fixtures.assertProblems(Fixtures.run(WrongEndpointsTestCase.class).testFailure(),
                    "WrongEndpointsTestCase.test()",
                    "@IpipTunnel(ns = \"a\", name = \"ipip1\") on WrongEndpointsTestCase: remote = \"server\": not an IP"
                            + " address (and host names are not resolved). Write an address literal without a prefix,"
                            + " e.g. \"10.1.0.2\".",
                    "@IpipTunnel(ns = \"a\", name = \"ipip2\") on WrongEndpointsTestCase: remote = \"224.0.0.9\": a"
                            + " multicast address cannot be a tunnel endpoint. Use a unicast address of an underlay"
                            + " interface.",
                    "@IpipTunnel(ns = \"a\", name = \"ipip3\") on WrongEndpointsTestCase: remote = \"10.0.0.1\": the"
                            + " same address as local. Set remote to the far end's address.",
                    "@SitTunnel(ns = \"a\", name = \"sit1\") on WrongEndpointsTestCase: local = \"fd00::1\": sit"
                            + " tunnels run over IPv4 only (IPv6 underlays need ip6tnl or ip6gre, which netns4j does"
                            + " not build). Use IPv4 addresses for local and remote.");
        }
    }

    @Nested
    @DisplayName("when a vxlan is declared wrongly")
    class WhenVxlanIsWrong {

        @Test
        @DisplayName("a VNI beyond 24 bits, or negative")
        void invalidVni() {
            Fixtures.assertProblems(Fixtures.run(InvalidVniTestCase.class).testFailure(), "InvalidVniTestCase.test()",
                    "@Vxlan(ns = \"a\", name = \"vx1\") on InvalidVniTestCase: vni = \"16777216\": out of range: a VNI"
                            + " has 24 bits. Use 0 to 16777215.",
                    "@Vxlan(ns = \"a\", name = \"vx2\") on InvalidVniTestCase: vni = \"-1\": out of range: a VNI has 24"
                            + " bits. Use 0 to 16777215.");
        }

        @Test
        @DisplayName("neither remote nor group, both, a unicast group, a group without dev, a multicast remote, port 0")
        void wrongDestination() {
            Fixtures.assertProblems(Fixtures.run(WrongDestinationTestCase.class).testFailure(),
                    "WrongDestinationTestCase.test()",
                    "@Vxlan(ns = \"a\", name = \"vx1\") on WrongDestinationTestCase: remote = \"\": a vxlan device needs"
                            + " somewhere to send its frames. Set remote (the far end's underlay address) or group (a"
                            + " multicast group, with dev).",
                    "@Vxlan(ns = \"a\", name = \"vx2\") on WrongDestinationTestCase: group = \"239.1.1.1\": remote and"
                            + " group exclude each other. Keep remote for one far end, or group for several.",
                    "@Vxlan(ns = \"a\", name = \"vx3\") on WrongDestinationTestCase: group = \"10.0.0.2\": not a"
                            + " multicast address. Use remote for a unicast far end, or a multicast group such as"
                            + " \"239.1.1.1\".",
                    "@Vxlan(ns = \"a\", name = \"vx4\") on WrongDestinationTestCase: dev = \"\": a multicast group is"
                            + " joined on an underlay interface. Set dev to the interface towards the other ends.",
                    "@Vxlan(ns = \"a\", name = \"vx5\") on WrongDestinationTestCase: remote = \"239.1.1.1\": a"
                            + " multicast address is a group, not a remote. Set group = \"239.1.1.1\" (with dev)"
                            + " instead.",
                    "@Vxlan(ns = \"a\", name = \"vx6\") on WrongDestinationTestCase: port = \"0\": out of range. Use a"
                            + " UDP port from 1 to 65535 (VXLAN's is 4789).");
        }

        /**
         * Two vxlan devices with one VNI and port in a namespace are valid declarations, but the kernel keeps one: the
         * build fails with its answer and says why; what was built is removed.
         */
        @Test
        @DisplayName("a second vxlan with the same VNI and port in a namespace fails the build, saying why")
        void sameVniTwice() {
            Throwable failure = Fixtures.run(SameVniTwiceTestCase.class).testFailure();
            assertThat(failure).isExactlyInstanceOf(TopologyBuildException.class)
                    .hasMessageStartingWith("Building the topology declared on SameVniTwiceTestCase.test() failed: ip"
                            + " link add vx2 type vxlan id 42 remote 10.0.0.3 dstport 4789")
                    .hasMessageContaining("EEXIST (File exists)")
                    .hasMessageEndingWith(": namespace \"a\" already has a vxlan device with this VNI and port (the"
                            + " kernel allows one). Give each one its own VNI (or port). Everything built so far was"
                            + " removed.");
        }
    }

    @Nested
    @DisplayName("when the other attributes are wrong")
    class WhenOtherAttributesAreWrong {

        @Test
        @DisplayName("TTL and TOS out of range, a fixed TTL without path MTU discovery")
        void ttlTosPmtudisc() {
            Fixtures.assertProblems(Fixtures.run(TtlTosTestCase.class).testFailure(), "TtlTosTestCase.test()",
                    "@IpipTunnel(ns = \"a\", name = \"ipip1\") on TtlTosTestCase: ttl = \"256\": out of range. Use 1 to"
                            + " 255, or 0 to copy the inner packet's TTL.",
                    "@IpipTunnel(ns = \"a\", name = \"ipip1\") on TtlTosTestCase: tos = \"-1\": out of range. Use 0 to"
                            + " 255 (1 copies the inner packet's, as tos inherit).",
                    "@IpipTunnel(ns = \"a\", name = \"ipip2\") on TtlTosTestCase: pmtudisc = \"false\": path MTU"
                            + " discovery can only be off with ttl = 0 (ip says: \"ttl != 0 and nopmtudisc are"
                            + " incompatible\"). Set ttl = 0 or leave pmtudisc on.",
                    "@Vxlan(ns = \"a\", name = \"vx1\") on TtlTosTestCase: ttl = \"300\": out of range. Use 1 to 255,"
                            + " or 0 for the kernel's default.");
        }

        @Test
        @DisplayName("a GRE key beyond 32 bits, key together with ikey")
        void greKeys() {
            Fixtures.assertProblems(Fixtures.run(GreKeysTestCase.class).testFailure(), "GreKeysTestCase.test()",
                    "@GreTunnel(ns = \"a\", name = \"gre1\") on GreKeysTestCase: okey = \"4294967296\": out of range: a"
                            + " GRE key has 32 bits. Use 0 to 4294967295, or -1 for no key.",
                    "@GreTunnel(ns = \"a\", name = \"gre2\") on GreKeysTestCase: key = \"42\": key sets the key of both"
                            + " directions and cannot be combined with ikey or okey. Use key alone, or ikey and okey.");
        }

        @Test
        @DisplayName("an underlay the namespace does not have, a tunnel as its own underlay")
        void wrongDev() {
            Fixtures.assertProblems(Fixtures.run(WrongDevTestCase.class).testFailure(), "WrongDevTestCase.test()",
                    "@IpipTunnel(ns = \"a\", name = \"ipip1\") on WrongDevTestCase: dev = \"eth9\": namespace \"a\" has"
                            + " no interface of that name (it has eth0, ipip1, ipip2). Name the interface the outer"
                            + " packets leave by, or leave dev empty.",
                    "@IpipTunnel(ns = \"a\", name = \"ipip2\") on WrongDevTestCase: dev = \"ipip2\": a tunnel cannot be"
                            + " its own underlay. Name the interface its outer packets leave by, or leave dev empty.");
        }

        @Test
        @DisplayName("a peer without an address, of another family, not an address, equal to the own address")
        void wrongPeer() {
            Fixtures.assertProblems(Fixtures.run(WrongPeerTestCase.class).testFailure(), "WrongPeerTestCase.test()",
                    "@IpipTunnel(ns = \"a\", name = \"ipip1\") on WrongPeerTestCase: peer = \"192.168.60.10\": a peer"
                            + " pairs with an address of this end, and there is none. Add an address (e.g."
                            + " \"192.168.50.10\") or drop peer.",
                    "@IpipTunnel(ns = \"a\", name = \"ipip2\") on WrongPeerTestCase: peer = \"fd00:60::1\": the peer is"
                            + " IPv6 but address 192.168.51.10/32 is IPv4. Give the peer and the addresses in one"
                            + " family.",
                    "@GreTunnel(ns = \"a\", name = \"gre1\") on WrongPeerTestCase: peer = \"far\": not an IP address."
                            + " Write the far end's tunnel address without a prefix, e.g. \"192.168.60.10\".",
                    "@SitTunnel(ns = \"a\", name = \"sit1\") on WrongPeerTestCase: peer = \"192.168.53.10\": the same as"
                            + " this end's address. Set peer to the far end's address.");
        }

        /**
         * A bare address means {@code /32} with a peer, as {@code ip addr add A peer P} does; without one it is the
         * framework's usual CIDR problem.
         */
        @Test
        @DisplayName("a bare address without a peer is not CIDR")
        void bareAddressWithoutPeer() {
            Fixtures.assertProblems(Fixtures.run(BareAddressTestCase.class).testFailure(), "BareAddressTestCase.test()",
                    "@IpipTunnel(ns = \"a\", name = \"ipip1\") on BareAddressTestCase: address = \"192.168.50.10\": not"
                            + " an address in CIDR notation. Write ADDRESS/PREFIX, e.g. \"10.0.0.1/24\" or"
                            + " \"fd00::1/64\".");
        }
    }

    @Nested
    @DisplayName("when a name is taken by the kernel")
    class WhenNameIsReserved {

        /**
         * Once ipip, gre or sit is loaded, every new namespace has tunl0, gre0, gretap0, erspan0 and sit0, and creating
         * one of those names answers EEXIST: refused before building, on every kernel alike.
         */
        @Test
        @DisplayName("the names of the drivers' fallback devices are refused, whatever the kind")
        void fallbackNames() {
            Fixtures.assertProblems(Fixtures.run(FallbackNameTestCase.class).testFailure(),
                    "FallbackNameTestCase.test()",
                    "@IpipTunnel(ns = \"a\", name = \"tunl0\") on FallbackNameTestCase: name = \"tunl0\": the kernel's"
                            + " tunnel drivers put a fallback device of that name in every namespace once they are"
                            + " loaded, so creating it fails (EEXIST). Use another name, e.g. \"tunl1\".",
                    "@GreTunnel(ns = \"a\", name = \"gre0\") on FallbackNameTestCase: name = \"gre0\": the kernel's"
                            + " tunnel drivers put a fallback device of that name in every namespace once they are"
                            + " loaded, so creating it fails (EEXIST). Use another name, e.g. \"gre1\".",
                    "@Vxlan(ns = \"a\", name = \"sit0\") on FallbackNameTestCase: name = \"sit0\": the kernel's tunnel"
                            + " drivers put a fallback device of that name in every namespace once they are loaded, so"
                            + " creating it fails (EEXIST). Use another name, e.g. \"sit1\".");
        }
    }

    @Nested
    @DisplayName("when a kind is given attributes of another (builder)")
    class WhenKindGetsForeignAttributes {

        /** Each annotation has only its kind's attributes; the builder's options are shared, hence this check. */
        @Test
        @DisplayName("keys on ipip, a peer and pmtudisc on vxlan, a VNI on gre, each named with the kinds that have it")
        void foreignOptions() {
            assertBuilderProblems(
                    b -> b.ipip("a", "ipip1", t -> t.local("10.0.0.1").remote("10.0.0.2").key(42).tap())
                            .vxlan("a", "vx1", t -> t.vni(1).remote("10.0.0.2").peer("10.9.0.2").pmtudisc(false))
                            .gre("a", "gre1", t -> t.local("10.0.0.1").remote("10.0.0.3").vni(5).port(4789)),
                    "ipip(\"a\", \"ipip1\") #1: key = \"42\": ipip tunnels have no key (gre tunnels have). Drop it, or"
                            + " use gre(...) instead.",
                    "ipip(\"a\", \"ipip1\") #1: tap = \"true\": ipip tunnels have no tap (gre tunnels have). Drop it, or"
                            + " use gre(...) instead.",
                    "vxlan(\"a\", \"vx1\") #2: peer = \"10.9.0.2\": vxlan tunnels have no peer (ipip, gre and sit"
                            + " tunnels have). Drop it, or use ipip(...), gre(...) or sit(...) instead.",
                    "vxlan(\"a\", \"vx1\") #2: pmtudisc = \"false\": vxlan tunnels have no pmtudisc (ipip, gre and sit"
                            + " tunnels have). Drop it, or use ipip(...), gre(...) or sit(...) instead.",
                    "gre(\"a\", \"gre1\") #3: vni = \"5\": gre tunnels have no vni (vxlan tunnels have). Drop it, or use"
                            + " vxlan(...) instead.",
                    "gre(\"a\", \"gre1\") #3: port = \"4789\": gre tunnels have no port (vxlan tunnels have). Drop it,"
                            + " or use vxlan(...) instead.");
        }

        @Test
        @DisplayName("a vxlan without a VNI, and a tunnel without endpoints, through the builder")
        void missingThroughTheBuilder() {
            assertBuilderProblems(b -> b.vxlan("a", "vx1", t -> t.remote("10.0.0.2")).sit("a", "", t -> t.ttl(64)),
                    "vxlan(\"a\", \"vx1\") #1: vni = \"\": a vxlan device needs its VXLAN network identifier. Set vni"
                            + " to a number from 0 to 16777215.",
                    "sit(\"a\", \"\") #2: local = \"\": a sit tunnel needs the address its packets leave from. Set local"
                            + " to an address of namespace \"a\" on the underlay interface.",
                    "sit(\"a\", \"\") #2: remote = \"\": a sit tunnel needs the address of its far end. Set remote to"
                            + " the address of the far namespace's underlay interface.");
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** A builder topology of namespace "a" (with a veth to "b") plus {@code devices} fails with these problems. */
    private static void assertBuilderProblems(UnaryOperator<TopologyBuilder> devices, String... problemLines) {
        Leftovers.Snapshot before = Leftovers.snapshot();
        Throwable failure = catchThrowable(() -> devices
                .apply(Topology.builder().namespace("a").namespace("b").veth("a", "10.0.0.1/24", "b", "10.0.0.2/24"))
                .build().close());
        assertThat(failure).isExactlyInstanceOf(TopologyDefinitionException.class);
        assertThat(((TopologyDefinitionException) failure).problems()).map(Problem::toString)
                .containsExactly(problemLines);
        assertThat(failure).hasMessageStartingWith("Invalid topology built by Topology.builder() ("
                + problemLines.length + " problems; nothing was created):");
        assertThat(Leftovers.newSince(before)).isEmpty();
    }

    // ===============================================================================================================
    // Fixtures: run only through Fixtures.run(...)

    @Fixtures.Guard
    @NetworkTest
    @NetNamespace("a")
    @IpipTunnel(ns = "a", local = "", remote = "")
    static class NoEndpointsTestCase {
        @Test
        void test() {
        }
    }

    @Fixtures.Guard
    @NetworkTest
    @NetNamespace("a")
    @GreTunnel(ns = "a", name = "gre1", local = "10.0.0.1", remote = "fd00::2")
    @Vxlan(ns = "a", name = "vx1", vni = 1, local = "fd00::1", remote = "10.0.0.2")
    static class MixedFamiliesTestCase {
        @Test
        void test() {
        }
    }

    @Fixtures.Guard
    @NetworkTest
    @NetNamespace("a")
    @SitTunnel(ns = "a", name = "sit1", local = "fd00::1", remote = "fd00::2")
    @IpipTunnel(ns = "a", name = "ipip1", local = "10.0.0.1", remote = "server")
    @IpipTunnel(ns = "a", name = "ipip2", local = "10.0.0.1", remote = "224.0.0.9")
    @IpipTunnel(ns = "a", name = "ipip3", local = "10.0.0.1", remote = "10.0.0.1")
    static class WrongEndpointsTestCase {
        @Test
        void test() {
        }
    }

    @Fixtures.Guard
    @NetworkTest
    @NetNamespace("a")
    @Vxlan(ns = "a", name = "vx1", vni = 16777216, remote = "10.0.0.2")
    @Vxlan(ns = "a", name = "vx2", vni = -1, remote = "10.0.0.2")
    static class InvalidVniTestCase {
        @Test
        void test() {
        }
    }

    @Fixtures.Guard
    @NetworkTest
    @NetNamespace("a")
    @Vxlan(ns = "a", name = "vx1", vni = 1)
    @Vxlan(ns = "a", name = "vx2", vni = 2, remote = "10.0.0.2", group = "239.1.1.1", dev = "vx1")
    @Vxlan(ns = "a", name = "vx3", vni = 3, group = "10.0.0.2", dev = "vx1")
    @Vxlan(ns = "a", name = "vx4", vni = 4, group = "239.1.1.1")
    @Vxlan(ns = "a", name = "vx5", vni = 5, remote = "239.1.1.1")
    @Vxlan(ns = "a", name = "vx6", vni = 6, remote = "10.0.0.2", port = 0)
    static class WrongDestinationTestCase {
        @Test
        void test() {
        }
    }

    @Fixtures.Guard
    @NetworkTest
    @NetNamespace("a")
    @NetNamespace("b")
    @VethLink(a = "a", aAddress = "10.0.0.1/24", b = "b", bAddress = "10.0.0.2/24")
    @Vxlan(ns = "a", name = "vx1", vni = 42, remote = "10.0.0.2")
    @Vxlan(ns = "a", name = "vx2", vni = 42, remote = "10.0.0.3")
    static class SameVniTwiceTestCase {
        @Test
        void test() {
        }
    }

    @Fixtures.Guard
    @NetworkTest
    @NetNamespace("a")
    @IpipTunnel(ns = "a", name = "ipip1", local = "10.0.0.1", remote = "10.0.0.2", ttl = 256, tos = -1)
    @IpipTunnel(ns = "a", name = "ipip2", local = "10.0.0.1", remote = "10.0.0.3", ttl = 64, pmtudisc = false)
    @Vxlan(ns = "a", name = "vx1", vni = 1, remote = "10.0.0.2", ttl = 300)
    static class TtlTosTestCase {
        @Test
        void test() {
        }
    }

    @Fixtures.Guard
    @NetworkTest
    @NetNamespace("a")
    @GreTunnel(ns = "a", name = "gre1", local = "10.0.0.1", remote = "10.0.0.2", ikey = 1, okey = 4294967296L)
    @GreTunnel(ns = "a", name = "gre2", local = "10.0.0.1", remote = "10.0.0.3", key = 42, ikey = 42)
    static class GreKeysTestCase {
        @Test
        void test() {
        }
    }

    @Fixtures.Guard
    @NetworkTest
    @NetNamespace("a")
    @NetNamespace("b")
    @VethLink(a = "a", aAddress = "10.0.0.1/24", b = "b", bAddress = "10.0.0.2/24")
    @IpipTunnel(ns = "a", name = "ipip1", local = "10.0.0.1", remote = "10.0.0.2", dev = "eth9")
    @IpipTunnel(ns = "a", name = "ipip2", local = "10.0.0.1", remote = "10.0.0.3", dev = "ipip2")
    static class WrongDevTestCase {
        @Test
        void test() {
        }
    }

    @Fixtures.Guard
    @NetworkTest
    @NetNamespace("a")
    @IpipTunnel(ns = "a", name = "ipip1", local = "10.0.0.1", remote = "10.0.0.2", peer = "192.168.60.10")
    @IpipTunnel(ns = "a", name = "ipip2", local = "10.0.0.1", remote = "10.0.0.3", address = "192.168.51.10", peer = "fd00:60::1")
    @GreTunnel(ns = "a", name = "gre1", local = "10.0.0.1", remote = "10.0.0.4", address = "192.168.52.10/32", peer = "far")
    @SitTunnel(ns = "a", name = "sit1", local = "10.0.0.1", remote = "10.0.0.5", address = "192.168.53.10", peer = "192.168.53.10")
    static class WrongPeerTestCase {
        @Test
        void test() {
        }
    }

    @Fixtures.Guard
    @NetworkTest
    @NetNamespace("a")
    @IpipTunnel(ns = "a", name = "ipip1", local = "10.0.0.1", remote = "10.0.0.2", address = "192.168.50.10")
    static class BareAddressTestCase {
        @Test
        void test() {
        }
    }

    @Fixtures.Guard
    @NetworkTest
    @NetNamespace("a")
    @IpipTunnel(ns = "a", name = "tunl0", local = "10.0.0.1", remote = "10.0.0.2")
    @GreTunnel(ns = "a", name = "gre0", local = "10.0.0.1", remote = "10.0.0.2")
    @Vxlan(ns = "a", name = "sit0", vni = 1, remote = "10.0.0.2")
    static class FallbackNameTestCase {
        @Test
        void test() {
        }
    }
}
