package io.netns4j.internal.model.kinds;

import io.netns4j.annotations.Vlan;
import io.netns4j.annotations.VlanProtocol;
import io.netns4j.internal.model.Cidr;
import io.netns4j.internal.model.KindCheck;
import io.netns4j.internal.model.LinkPlan;
import io.netns4j.internal.model.LinkSpec;
import java.util.List;

/** The vlan kind (802.1Q/802.1ad): its declaration and its plan. */
public final class VlanKind {

    /** The smallest and largest VLAN ids that name a VLAN; 0 (priority tag) and 4095 are reserved. */
    public static final int MIN_ID = 1;
    public static final int MAX_ID = 4094;

    private VlanKind() {
    }

    /** {@code @Vlan} as given. */
    public record Spec(String ns, String name, String parent, String parentNs, int id, VlanProtocol protocol,
            List<String> addresses, String declaration) implements LinkSpec {

        public Spec {
            parent = parent == null ? "" : parent;
            parentNs = parentNs == null ? "" : parentNs;
            addresses = List.copyOf(addresses);
        }

        public static Spec of(Vlan a, String where) {
            return new Spec(a.ns(), a.name(), a.parent(), a.parentNs(), a.id(), a.protocol(), List.of(a.address()),
                    describe(a.ns(), a.name(), a.parent(), a.id()) + " " + where);
        }

        /** {@code @Vlan(ns = "a", name = "eth0.100", parent = "eth0", id = 100)}, the name left out when empty. */
        static String describe(String ns, String name, String parent, int id) {
            return "@Vlan(ns = \"" + ns + "\"" + (name == null || name.isEmpty() ? "" : ", name = \"" + name + "\"")
                    + ", parent = \"" + parent + "\", id = " + id + ")";
        }

        @Override
        public String kind() {
            return "vlan";
        }

        @Override
        public void validate(KindCheck check) {
            String parentNamespace = parentNs.isEmpty() ? ns : parentNs;
            if (parent.isEmpty()) {
                check.problem("parent", parent, "a vlan device needs a parent. Name the Ethernet interface whose"
                        + " frames carry the tags (a veth end, a bridge, a dummy...), e.g. parent = \"eth0\".");
            } else if (parent.equals(name) && parentNamespace.equals(ns)) {
                check.problem("parent", parent, "a device cannot be its own parent. Name another interface of"
                        + " namespace \"" + parentNamespace + "\".");
            }
            if (id == 0) {
                check.problem("id", id, "VLAN id 0 is reserved: it marks priority-tagged frames that belong to no"
                        + " VLAN. Use an id from " + MIN_ID + " to " + MAX_ID + ".");
            } else if (id == 4095) {
                check.problem("id", id, "VLAN id 4095 is reserved. Use an id from " + MIN_ID + " to " + MAX_ID + ".");
            } else if (id < MIN_ID || id > MAX_ID) {
                check.problem("id", id, "not a VLAN id: a tag holds 12 bits (0 to 4095), of which " + MIN_ID + " to "
                        + MAX_ID + " name VLANs. Use an id from " + MIN_ID + " to " + MAX_ID + ".");
            }
            if (protocol == null) {
                check.problem("protocol", null, "no protocol. Choose IEEE_802_1Q or IEEE_802_1AD.");
            }
        }

        @Override
        public LinkPlan plan(String name, List<Cidr> addresses, String parentNs) {
            return new Plan(ns, name, addresses, parent, parentNs, id, protocol, declaration);
        }
    }

    /** A vlan device to build: created in {@code parentNs} on {@code parent}, moved into {@code ns}. */
    public record Plan(String ns, String name, List<Cidr> addresses, String parent, String parentNs, int id,
            VlanProtocol protocol, String declaration) implements LinkPlan {

        @Override
        public String kind() {
            return "vlan";
        }
    }
}
