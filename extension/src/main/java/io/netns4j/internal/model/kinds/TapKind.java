package io.netns4j.internal.model.kinds;

import io.netns4j.annotations.TapDevice;
import io.netns4j.internal.model.Cidr;
import io.netns4j.internal.model.KindCheck;
import io.netns4j.internal.model.LinkPlan;
import io.netns4j.internal.model.LinkSpec;
import java.util.List;

/** The TAP kind: its declaration and its plan. */
public final class TapKind {

    private TapKind() {
    }

    /** {@code @TapDevice} as given. */
    public record Spec(String ns, String name, List<String> addresses, int queues, boolean packetInfo,
            boolean persistent, boolean attached, int owner, int group, String declaration) implements LinkSpec {

        public Spec {
            addresses = List.copyOf(addresses);
        }

        public static Spec of(TapDevice a, String where) {
            return new Spec(a.ns(), a.name(), List.of(a.address()), a.queues(), a.packetInfo(), a.persistent(),
                    a.attached(), a.owner(), a.group(), "@TapDevice(ns = \"" + a.ns() + "\""
                            + (a.name().isEmpty() ? "" : ", name = \"" + a.name() + "\"") + ") " + where);
        }

        @Override
        public String kind() {
            return "tap";
        }

        @Override
        public void validate(KindCheck check) {
            TunKind.validateCommon(check, queues, owner, group);
        }

        @Override
        public LinkPlan plan(String name, List<Cidr> addresses, String parentNs) {
            return new Plan(ns, name, addresses, queues, packetInfo, persistent, attached, owner, group, declaration);
        }
    }

    /** A TAP device to build. */
    public record Plan(String ns, String name, List<Cidr> addresses, int queues, boolean packetInfo, boolean persistent,
            boolean attached, int owner, int group, String declaration) implements LinkPlan {

        @Override
        public String kind() {
            return "tap";
        }
    }
}
