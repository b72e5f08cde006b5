package io.netns4j;

import java.util.List;

/** A live network interface in a namespace of a {@link Topology}. */
public interface Link {

    /** The namespace the interface lives in. */
    NetNs namespace();

    /** The interface name, e.g. {@code eth0}. */
    String name();

    /** The current state, read from the kernel. */
    LinkInfo info();

    /** The interface's addresses. */
    List<AddressInfo> addresses();

    /** Equivalent to: {@code ip link set dev NAME up}. */
    void up();

    /**
     * Equivalent to: {@code ip link set dev NAME down}. For a veth end the peer loses its carrier, as if the cable were
     * pulled.
     */
    void down();

    /** Equivalent to: {@code ip link set dev NAME mtu MTU}. */
    void setMtu(int mtu);
}
