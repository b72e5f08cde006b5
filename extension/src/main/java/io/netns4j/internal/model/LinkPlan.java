package io.netns4j.internal.model;

import java.net.InetAddress;
import java.util.List;

/**
 * A validated device of some kind, ready to build. One record per kind implements this; the runtime finds the builder
 * of the kind by the record's class.
 */
public interface LinkPlan {

    String kind();

    String ns();

    String name();

    List<Cidr> addresses();

    /** The point-to-point peer address of the device's addresses ({@code ip addr add A peer P}), or null. */
    default InetAddress peer() {
        return null;
    }

    /** The parent device's name, or empty. */
    default String parent() {
        return "";
    }

    /** The namespace of the parent device (the device's own if it has none). */
    default String parentNs() {
        return ns();
    }

    String declaration();
}
