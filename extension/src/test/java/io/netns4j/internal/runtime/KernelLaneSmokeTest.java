package io.netns4j.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.netns4j.ExecResult;
import io.netns4j.LinkInfo;
import io.netns4j.Netns4jConfig;
import io.netns4j.Topology;
import io.netns4j.internal.netlink.AddressRequests;
import io.netns4j.internal.netlink.IpvlanRequests;
import io.netns4j.internal.netlink.KindRequests;
import io.netns4j.internal.netlink.LinkRequests;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The kernel lane's own witness: link kinds this host's kernel lacks ({@code dummy}, {@code ipvlan}) created through
 * our netlink layer, with traffic over the ipvlan. Skipped with the kernel's reason where a kind is missing; run by
 * {@code ci/kernel-lane} in a guest booting Debian 12's kernel, which sets {@code netns4j.missingKernelFeature=fail} so
 * that a missing kind fails there instead.
 *
 * <p>
 * Tags: {@code kernel-lane} puts a test in the lane; {@code kernel-<kind>} says which feature it needs.
 */
@Tag("kernel-lane")
@Tag("kernel-dummy")
@Tag("kernel-ipvlan")
class KernelLaneSmokeTest {

    /** Skips (or, with {@code netns4j.missingKernelFeature=fail}, fails) naming every missing kind. */
    private static void requireLinkKinds(String... kinds) {
        List<String> missing = Stream.of(kinds).map(KernelFeatures::missingLinkKind).flatMap(Optional::stream).toList();
        if (!missing.isEmpty() && "fail".equals(System.getProperty(Netns4jConfig.MISSING_KERNEL_FEATURE))) {
            fail(String.join("; ", missing) + " (" + Netns4jConfig.MISSING_KERNEL_FEATURE + "=fail)");
        }
        Assumptions.assumeTrue(missing.isEmpty(), () -> String.join("; ", missing));
    }

    @Test
    void dummyAndIpvlanAreCreatedOverNetlinkAndTheIpvlanCarriesTraffic() throws Exception {
        requireLinkKinds("dummy", "ipvlan");

        try (Topology net = Topology.builder().namespace("a").namespace("b")
                .veth("a", "b", v -> v.aName("eth0").aAddress("10.0.0.1/24").bName("eth0").bAddress("10.0.0.2/24"))
                .build()) {
            Namespace b = (Namespace) net.ns("b");

            b.rtnl().ack(KindRequests.newDummy("dum0"));
            assertThat(b.links()).filteredOn(l -> l.name().equals("dum0")).singleElement().extracting(LinkInfo::kind)
                    .isEqualTo("dummy");

            b.rtnl().ack(IpvlanRequests.newIpvlan("ipv0", b.index("eth0"), "eth0", IpvlanRequests.IPVLAN_MODE_L2,
                    IpvlanRequests.IPVLAN_F_BRIDGE));
            int ipv0 = b.index("ipv0");
            b.rtnl().ack(AddressRequests.add(ipv0, "ipv0", InetAddress.getByName("10.0.0.3"), 24));
            b.rtnl().ack(LinkRequests.setUp(ipv0, "ipv0", true));
            assertThat(b.links()).filteredOn(l -> l.name().equals("ipv0")).singleElement().extracting(LinkInfo::kind)
                    .isEqualTo("ipvlan");

            // iproute2 as an independent witness of what our encoder asked for.
            ExecResult shown = b.exec("ip", "-d", "link", "show", "ipv0");
            assertThat(shown.succeeded()).as("%s", shown).isTrue();
            assertThat(shown.stdout()).as("%s", shown).contains("ipvlan").contains("mode l2");

            var ping = net.ns("a").ping("10.0.0.3");
            assertThat(ping.received()).as("%s", ping).isEqualTo(3);
        }
    }
}
