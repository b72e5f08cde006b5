package io.netns4j.internal.netlink;

/**
 * The kind and options of a qdisc that {@link QdiscRequests#replace} installs: {@link TbfSpec} or {@link NetemSpec}.
 */
public sealed interface QdiscSpec permits TbfSpec, NetemSpec {

    /** The qdisc kind, {@code TCA_KIND}: {@code tbf}, {@code netem}. */
    String kind();

    /** The kind and options as tc's command line has them, for descriptions: {@code tbf rate 1mbit burst 4096b ...}. */
    String tcArguments();

    /**
     * Writes {@code TCA_OPTIONS}.
     *
     * @param psched
     *            the running kernel's scheduler clock, for the parameters that travel in ticks
     *
     * @throws IllegalArgumentException
     *             if a parameter does not fit what the kernel can be sent at this clock
     */
    void writeOptions(MessageWriter w, Psched psched);
}
