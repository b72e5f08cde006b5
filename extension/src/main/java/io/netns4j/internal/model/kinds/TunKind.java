package io.netns4j.internal.model.kinds;

import io.netns4j.annotations.TunDevice;
import io.netns4j.internal.model.Cidr;
import io.netns4j.internal.model.KindCheck;
import io.netns4j.internal.model.LinkPlan;
import io.netns4j.internal.model.LinkSpec;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;

/** The TUN kind: its declaration and its plan. */
public final class TunKind {

    /** The kernel's {@code MAX_TAP_QUEUES}: the most queues a TUN/TAP device can have. */
    public static final int MAX_QUEUES = 256;

    private TunKind() {
    }

    /** {@code @TunDevice} as given. */
    public record Spec(String ns, String name, List<String> addresses, String peer, int queues, boolean packetInfo,
            boolean persistent, boolean attached, int owner, int group, String declaration) implements LinkSpec {

        public Spec {
            addresses = List.copyOf(addresses);
        }

        public static Spec of(TunDevice a, String where) {
            return new Spec(a.ns(), a.name(), List.of(a.address()), a.peer(), a.queues(), a.packetInfo(),
                    a.persistent(), a.attached(), a.owner(), a.group(), "@TunDevice(ns = \"" + a.ns() + "\""
                            + (a.name().isEmpty() ? "" : ", name = \"" + a.name() + "\"") + ") " + where);
        }

        @Override
        public String kind() {
            return "tun";
        }

        @Override
        public void validate(KindCheck check) {
            validateCommon(check, queues, owner, group);
            if (peer == null || peer.isEmpty()) {
                return;
            }
            InetAddress p = Cidr.parseAddress(peer).orElse(null);
            if (p == null) {
                check.problem("peer", peer, "not an IP address. Use the address of the other end, e.g. \"10.8.0.2\".");
                return;
            }
            if (addresses.isEmpty()) {
                check.problem("peer", peer, "a peer needs an address of the device's own. Set address too, e.g."
                        + " address = \"10.8.0.1/32\".");
            }
            for (String text : addresses) {
                Cidr.parse(text).filter(c -> (c.address() instanceof Inet4Address) != (p instanceof Inet4Address))
                        .ifPresent(c -> check.problem("peer", peer,
                                "the peer is IPv" + (p instanceof Inet4Address ? 4 : 6) + " but address \"" + text
                                        + "\" is not. Give a peer only to devices whose"
                                        + " addresses are all of its family."));
            }
        }

        @Override
        public LinkPlan plan(String name, List<Cidr> addresses, String parentNs) {
            InetAddress p = peer == null || peer.isEmpty() ? null : Cidr.parseAddress(peer).orElseThrow();
            return new Plan(ns, name, addresses, p, queues, packetInfo, persistent, attached, owner, group,
                    declaration);
        }
    }

    /** A TUN device to build. */
    public record Plan(String ns, String name, List<Cidr> addresses, InetAddress peer, int queues, boolean packetInfo,
            boolean persistent, boolean attached, int owner, int group, String declaration) implements LinkPlan {

        @Override
        public String kind() {
            return "tun";
        }
    }

    /** The checks TUN and TAP devices share: both are devices of the kernel's tun driver. */
    static void validateCommon(KindCheck check, int queues, int owner, int group) {
        if (queues < 1) {
            check.problem("queues", queues,
                    "a device has at least one queue. Use 1 (the default), or more for a multi-queue device.");
        } else if (queues > MAX_QUEUES) {
            check.problem("queues", queues,
                    "the kernel allows at most " + MAX_QUEUES + " queues per device. Use 1 to " + MAX_QUEUES + ".");
        }
        if (owner < -1) {
            check.problem("owner", owner, "not a uid. Use a uid of 0 or more, or -1 (the default) for no owner.");
        }
        if (group < -1) {
            check.problem("group", group, "not a gid. Use a gid of 0 or more, or -1 (the default) for no group.");
        }
    }
}
