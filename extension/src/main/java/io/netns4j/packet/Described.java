package io.netns4j.packet;

import java.util.Objects;
import java.util.function.Predicate;

/** A matcher made of a description and a predicate. */
final class Described implements PacketMatcher {

    private final String description;
    private final Predicate<Packet> test;

    Described(String description, Predicate<Packet> test) {
        this.description = Objects.requireNonNull(description, "description");
        this.test = Objects.requireNonNull(test, "test");
    }

    @Override
    public boolean matches(Packet packet) {
        return test.test(packet);
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return description;
    }
}
