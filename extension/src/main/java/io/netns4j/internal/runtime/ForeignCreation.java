package io.netns4j.internal.runtime;

import io.netns4j.internal.netlink.LinkRequests;
import io.netns4j.internal.netlink.MessageWriter;
import io.netns4j.internal.netlink.NetlinkException;
import io.netns4j.internal.sys.Errno;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Creates a device with a request sent in one namespace (its parent's) that puts the device straight into another
 * ({@code IFLA_NET_NS_FD}): macvlan, macvtap, ipvlan, ipvtap and VLAN devices, whose parent must be in the namespace
 * the request is sent in.
 *
 * <p>
 * Kernels before 6.14 look the new device's name up in the namespace the request is sent in and answer EEXIST when that
 * namespace has an interface of the name, although the device goes elsewhere: {@code ip -n host link add link eth0
 * name eth0 netns c type ipvlan} fails on Linux 6.1 ("RTNETLINK answers: File exists") for every one of these kinds,
 * and that is how containers are usually named (an {@code eth0} on the host's {@code eth0}). So when the sending
 * namespace has the name, on every kernel alike, the device is created under a temporary name and renamed in its own
 * namespace before it is brought up: {@code ip link set dev TMP name NAME}.
 */
final class ForeignCreation {

    private ForeignCreation() {
    }

    /**
     * Creates device {@code name} in namespace {@code target} by sending {@code request.apply(nameToUse)} in namespace
     * {@code sender}; the request must carry {@code target}'s descriptor as {@code IFLA_NET_NS_FD} when the two differ.
     */
    static void create(Namespace sender, Namespace target, String name, Function<String, MessageWriter> request) {
        if (sender == target || !has(sender, name)) {
            sender.rtnl().ack(request.apply(name));
            return;
        }
        String temporary = temporaryName(sender, target);
        sender.rtnl().ack(request.apply(temporary));
        target.rtnl().ack(LinkRequests.rename(target.index(temporary), temporary, name));
    }

    private static boolean has(Namespace ns, String ifName) {
        try {
            ns.index(ifName);
            return true;
        } catch (NetlinkException e) {
            if (e.is(Errno.ENODEV)) {
                return false;
            }
            throw e;
        }
    }

    /** A name that neither namespace has: {@code nn4jtmp} and 8 hex digits. */
    private static String temporaryName(Namespace a, Namespace b) {
        while (true) {
            String name = String.format("nn4jtmp%08x", ThreadLocalRandom.current().nextInt());
            if (!has(a, name) && !has(b, name)) {
                return name;
            }
        }
    }
}
