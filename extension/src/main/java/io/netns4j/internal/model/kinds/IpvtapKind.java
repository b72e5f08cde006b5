package io.netns4j.internal.model.kinds;

import io.netns4j.annotations.IpvlanFlag;
import io.netns4j.annotations.IpvlanMode;
import io.netns4j.annotations.Ipvtap;
import io.netns4j.internal.model.Cidr;
import io.netns4j.internal.model.KindCheck;
import io.netns4j.internal.model.LinkPlan;
import io.netns4j.internal.model.LinkSpec;
import java.util.List;

/** The ipvtap kind: its declaration and its plan. Its checks are those of {@link IpvlanKind}. */
public final class IpvtapKind {

    private IpvtapKind() {
    }

    /** {@code @Ipvtap} as given. */
    public record Spec(String ns, String name, String parent, String parentNs, IpvlanMode mode, IpvlanFlag flag,
            List<String> addresses, String declaration) implements LinkSpec {

        public Spec {
            parent = parent == null ? "" : parent;
            parentNs = parentNs == null ? "" : parentNs;
            addresses = List.copyOf(addresses);
        }

        public static Spec of(Ipvtap a, String where) {
            return new Spec(a.ns(), a.name(), a.parent(), a.parentNs(), a.mode(), a.flag(), List.of(a.address()),
                    IpvlanKind.describe("@Ipvtap", a.ns(), a.name(), a.parent()) + " " + where);
        }

        @Override
        public String kind() {
            return "ipvtap";
        }

        @Override
        public void validate(KindCheck check) {
            IpvlanKind.validate(kind(), ns, name, parent, parentNs.isEmpty() ? ns : parentNs, mode, flag, check);
        }

        @Override
        public LinkPlan plan(String name, List<Cidr> addresses, String parentNs) {
            return new Plan(ns, name, addresses, parent, parentNs, mode, flag, declaration);
        }
    }

    /**
     * An ipvtap device to build: created in {@code parentNs} on {@code parent}, moved into {@code ns}; the test gets
     * its character device as a handle.
     */
    public record Plan(String ns, String name, List<Cidr> addresses, String parent, String parentNs, IpvlanMode mode,
            IpvlanFlag flag, String declaration) implements LinkPlan {

        @Override
        public String kind() {
            return "ipvtap";
        }
    }
}
