package io.netns4j.internal.model.kinds;

import io.netns4j.annotations.MacvlanMode;
import io.netns4j.annotations.Macvtap;
import io.netns4j.internal.model.Cidr;
import io.netns4j.internal.model.KindCheck;
import io.netns4j.internal.model.LinkPlan;
import io.netns4j.internal.model.LinkSpec;
import java.util.List;

/** The macvtap kind: its declaration and its plan. Its checks are those of {@link MacvlanKind}. */
public final class MacvtapKind {

    private MacvtapKind() {
    }

    /** {@code @Macvtap} as given. */
    public record Spec(String ns, String name, String parent, String parentNs, MacvlanMode mode, String mac,
            List<String> macaddrs, List<String> addresses, String declaration) implements LinkSpec {

        public Spec {
            macaddrs = List.copyOf(macaddrs);
            addresses = List.copyOf(addresses);
        }

        public static Spec of(Macvtap a, String where) {
            return new Spec(a.ns(), a.name(), a.parent(), a.parentNs(), a.mode(), a.mac(), List.of(a.macaddrs()),
                    List.of(a.address()),
                    MacvlanKind.describe("@Macvtap", a.ns(), a.name(), a.parent(), a.parentNs(), a.mode()) + " "
                            + where);
        }

        @Override
        public String kind() {
            return "macvtap";
        }

        @Override
        public void validate(KindCheck check) {
            MacvlanKind.validate(kind(), ns, name, parent, parentNs, mode, mac, macaddrs, check);
        }

        @Override
        public LinkPlan plan(String name, List<Cidr> addresses, String parentNs) {
            return new Plan(ns, name, addresses, parent, parentNs, mode, MacvlanKind.parseMac(mac).orElse(null),
                    MacvlanKind.macs(macaddrs), declaration);
        }
    }

    /**
     * A macvtap device to build; the test gets its character device as a handle.
     *
     * @param mac
     *            the device's MAC address, or null for a random one
     * @param macaddrs
     *            the senders a {@link MacvlanMode#SOURCE} device receives from; empty otherwise
     */
    public record Plan(String ns, String name, List<Cidr> addresses, String parent, String parentNs, MacvlanMode mode,
            byte[] mac, List<byte[]> macaddrs, String declaration) implements LinkPlan {

        @Override
        public String kind() {
            return "macvtap";
        }
    }
}
