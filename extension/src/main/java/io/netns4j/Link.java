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

    /**
     * Starts describing an impairment of the packets leaving this interface; {@link Impairment.Builder#apply()} puts it
     * in force:
     *
     * <pre>{@code
     * try (Impairment i = link.impair().loss(10).rate(1_000).apply()) { ... }
     * }</pre>
     *
     * For a veth pair, impair each end for each direction.
     */
    default Impairment.Builder impair() {
        return new Impairment.Builder(this);
    }

    /**
     * Puts {@code spec} in force on the packets leaving this interface, replacing any impairment it had, while traffic
     * flows (the interface stays up; packets still queued in the old qdisc are dropped). See {@link Impairment} for how
     * each component is made.
     *
     * @throws KernelFeatureMissingException
     *             if a component needs {@code sch_netem} and the kernel has none
     */
    Impairment impair(ImpairmentSpec spec);

    /** The impairment in force on this interface, if any. */
    java.util.Optional<Impairment> impairment();
}
