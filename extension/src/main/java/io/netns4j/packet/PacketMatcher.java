package io.netns4j.packet;

/**
 * A test of a {@link Packet} that can say what it looks for. The description reads like the packets wanted
 * ({@code tcp dst port 7000 with SYN}) and is what assertion failures print.
 * <p>
 * Matchers are immutable: every method that refines one returns a new matcher. {@link #matches(Packet)} never throws: a
 * packet that lacks a layer the matcher looks at simply does not match. Build them with {@link Matchers}.
 */
public interface PacketMatcher {

    /** Whether {@code packet} is one of those this matcher describes. */
    boolean matches(Packet packet);

    /** What this matcher looks for, e.g. {@code udp to 10.0.0.2:53}. */
    String description();

    /** Matches what both this and {@code other} match: {@code (this) and (other)}. */
    default PacketMatcher and(PacketMatcher other) {
        return Matchers.allOf(this, other);
    }

    /** Matches what this or {@code other} matches: {@code (this) or (other)}. */
    default PacketMatcher or(PacketMatcher other) {
        return Matchers.anyOf(this, other);
    }

    /** Matches what this does not: {@code not (this)}. */
    default PacketMatcher negate() {
        return Matchers.not(this);
    }
}
