package io.netns4j.internal.model.kinds;

import io.netns4j.annotations.Ipvlan;
import io.netns4j.annotations.IpvlanFlag;
import io.netns4j.annotations.IpvlanMode;
import io.netns4j.annotations.Ipvtap;
import io.netns4j.internal.model.Cidr;
import io.netns4j.internal.model.KindCheck;
import io.netns4j.internal.model.LinkPlan;
import io.netns4j.internal.model.LinkSpec;
import java.util.List;

/**
 * The ipvlan kind (and ipvtap, the same device with a character device for the test): its declaration and its plan.
 */
public final class IpvlanKind {

    private IpvlanKind() {
    }

    /**
     * {@code @Ipvlan} or {@code @Ipvtap} as given.
     *
     * @param tap
     *            an ipvtap device rather than an ipvlan
     */
    public record Spec(String ns, String name, String parent, String parentNs, IpvlanMode mode, IpvlanFlag flag,
            boolean tap, List<String> addresses, String declaration) implements LinkSpec {

        public Spec {
            parent = parent == null ? "" : parent;
            parentNs = parentNs == null ? "" : parentNs;
            addresses = List.copyOf(addresses);
        }

        public static Spec of(Ipvlan a, String where) {
            return new Spec(a.ns(), a.name(), a.parent(), a.parentNs(), a.mode(), a.flag(), false, List.of(a.address()),
                    describe("@Ipvlan", a.ns(), a.name(), a.parent()) + " " + where);
        }

        public static Spec of(Ipvtap a, String where) {
            return new Spec(a.ns(), a.name(), a.parent(), a.parentNs(), a.mode(), a.flag(), true, List.of(a.address()),
                    describe("@Ipvtap", a.ns(), a.name(), a.parent()) + " " + where);
        }

        @Override
        public String kind() {
            return IpvlanKind.kind(tap);
        }

        @Override
        public void validate(KindCheck check) {
            IpvlanKind.validate(kind(), ns, name, parent, parentNs.isEmpty() ? ns : parentNs, mode, flag, check);
        }

        @Override
        public LinkPlan plan(String name, List<Cidr> addresses, String parentNs) {
            return new Plan(ns, name, addresses, parent, parentNs, mode, flag, tap, declaration);
        }
    }

    /**
     * An ipvlan or ipvtap device to build: created in {@code parentNs} on {@code parent}, moved into {@code ns}; the
     * test gets the character device of an ipvtap device as a handle.
     *
     * @param tap
     *            an ipvtap device rather than an ipvlan
     */
    public record Plan(String ns, String name, List<Cidr> addresses, String parent, String parentNs, IpvlanMode mode,
            IpvlanFlag flag, boolean tap, String declaration) implements LinkPlan {

        @Override
        public String kind() {
            return IpvlanKind.kind(tap);
        }
    }

    private static String kind(boolean tap) {
        return tap ? "ipvtap" : "ipvlan";
    }

    /** {@code @Ipvlan(ns = "a", name = "ipv0", parent = "eth0")}, the name left out when empty. */
    private static String describe(String annotation, String ns, String name, String parent) {
        return annotation + "(ns = \"" + ns + "\"" + (name == null || name.isEmpty() ? "" : ", name = \"" + name + "\"")
                + ", parent = \"" + parent + "\")";
    }

    /**
     * The checks of an ipvlan or ipvtap device ({@code kind}) named {@code name} in {@code ns}, on {@code parent} of
     * namespace {@code parentNs}.
     */
    private static void validate(String kind, String ns, String name, String parent, String parentNs, IpvlanMode mode,
            IpvlanFlag flag, KindCheck check) {
        if (parent.isEmpty()) {
            check.problem("parent", parent, "an " + kind + " device needs a parent. Name the Ethernet interface it"
                    + " sits on (a veth end, a bridge, a dummy...), e.g. parent = \"eth0\".");
        } else if (parent.equals(name) && parentNs.equals(ns)) {
            check.problem("parent", parent,
                    "a device cannot be its own parent. Name another interface of namespace \"" + parentNs + "\".");
        } else {
            String parentKind = check.kindOf(parentNs, parent);
            if (parentKind != null && ReceiveHandlers.NOT_ETHERNET.contains(parentKind)) {
                check.problem("parent", parent,
                        "that is a " + parentKind + " device, which carries no Ethernet"
                                + " frames; the kernel refuses it as an ipvlan parent. Put the " + kind
                                + " on an Ethernet device: a veth end, a bridge, a dummy.");
            }
            ReceiveHandlers.checkOneFamily(kind, parent, parentNs, check.kindsOnParent(parentNs, parent),
                    ReceiveHandlers.MACVLAN_FAMILY, check);
        }
        if (mode == null) {
            check.problem("mode", null, "no mode. Choose L2, L3 or L3S.");
        }
        if (flag == null) {
            check.problem("flag", null, "no flag. Choose BRIDGE, PRIVATE or VEPA.");
        }
    }
}
