package io.netns4j;

/**
 * A cut of the network made by {@link Topology#partition}, {@link Topology#isolate}, {@link Topology#drop} or one of
 * the named shapes: a set of directed pairs of namespaces (sender, receiver) between which packets are lost.
 * {@link #close()} mends this cut alone; {@link Topology#heal()} mends them all.
 *
 * <pre>{@code
 * try (Cut cut = net.partition(Set.of("client"), Set.of("server"))) {
 *     assertThat(net.ns("client")).cannotReach("10.0.0.2");
 * }
 * assertThat(net.ns("client")).eventually().canPing("10.0.0.2");
 * }</pre>
 *
 * <p>
 * Cuts add up: a packet is lost when any open cut blocks its pair. Where a {@link Mode#DROP} and a {@link Mode#REJECT}
 * cut block the same pair, the packet is dropped silently.
 */
public interface Cut extends AutoCloseable {

    /** What happens to a packet that a cut blocks. */
    enum Mode {
        /**
         * Dropped where the receiver would take it in, as a pulled cable loses it: the sender's calls succeed, TCP
         * retransmits until it times out, nothing answers.
         */
        DROP,
        /**
         * Answered by the receiver with a TCP reset (TCP) or an ICMP/ICMPv6 "administratively prohibited" error
         * (anything else), so that connections fail fast. The namespace's ICMP rate limits are lifted while such a cut
         * is open, so every packet is answered.
         */
        REJECT
    }

    /** Whether packets sent by namespace {@code from} and received by namespace {@code to} are lost to this cut. */
    boolean blocks(String from, String to);

    /** How blocked packets are treated. */
    Mode mode();

    /** Whether the cut is still in force (neither closed nor healed). */
    boolean isOpen();

    /** Mends this cut; other cuts stay. Does nothing if it was mended already. */
    @Override
    void close();
}
