package io.netns4j.internal.model.kinds;

import io.netns4j.annotations.Dummy;
import io.netns4j.internal.model.Cidr;
import io.netns4j.internal.model.LinkPlan;
import io.netns4j.internal.model.LinkSpec;
import java.util.List;

/** The dummy kind: its declaration and its plan. */
public final class DummyKind {

    private DummyKind() {
    }

    /** {@code @Dummy} as given. */
    public record Spec(String ns, String name, List<String> addresses, String declaration) implements LinkSpec {

        public static Spec of(Dummy a, String where) {
            return new Spec(a.ns(), a.name(), List.of(a.address()), "@Dummy(ns = \"" + a.ns() + "\""
                    + (a.name().isEmpty() ? "" : ", name = \"" + a.name() + "\"") + ") " + where);
        }

        @Override
        public String kind() {
            return "dummy";
        }

        @Override
        public LinkPlan plan(String name, List<Cidr> addresses, String parentNs) {
            return new Plan(ns, name, addresses, declaration);
        }
    }

    /** A dummy device to build. */
    public record Plan(String ns, String name, List<Cidr> addresses, String declaration) implements LinkPlan {

        @Override
        public String kind() {
            return "dummy";
        }
    }
}
