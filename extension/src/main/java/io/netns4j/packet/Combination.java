package io.netns4j.packet;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** {@code (a) and (b) and ...} or {@code (a) or (b) or ...}; nested combinations of the same kind are flattened. */
final class Combination implements PacketMatcher {

    private final boolean all;
    private final List<PacketMatcher> parts;

    private Combination(boolean all, List<PacketMatcher> parts) {
        this.all = all;
        this.parts = List.copyOf(parts);
    }

    static PacketMatcher of(boolean all, PacketMatcher... matchers) {
        Objects.requireNonNull(matchers, "matchers");
        List<PacketMatcher> flat = new ArrayList<>();
        for (PacketMatcher m : matchers) {
            Objects.requireNonNull(m, "matcher");
            if (m instanceof Combination c && c.all == all) {
                flat.addAll(c.parts);
            } else {
                flat.add(m);
            }
        }
        if (flat.isEmpty()) {
            return all ? Matchers.any() : new Described("nothing", p -> false);
        }
        if (flat.size() == 1) {
            return flat.get(0);
        }
        return new Combination(all, flat);
    }

    @Override
    public boolean matches(Packet packet) {
        for (PacketMatcher m : parts) {
            if (m.matches(packet) != all) {
                return !all;
            }
        }
        return all;
    }

    @Override
    public String description() {
        StringBuilder sb = new StringBuilder();
        for (PacketMatcher m : parts) {
            if (sb.length() > 0) {
                sb.append(all ? " and " : " or ");
            }
            sb.append('(').append(m.description()).append(')');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return description();
    }
}
