package io.netns4j.internal.runtime;

import io.netns4j.internal.model.LinkPlan;
import java.util.Optional;

/**
 * Builds the devices of one kind (beyond veth and bridge). The runtime creates the device with {@link #create}, then
 * adds the plan's addresses, brings it up and, if {@link #awaitCarrier} says so, waits until it is operationally up.
 *
 * @param <P>
 *            the kind's plan record
 */
interface DeviceBuilder<P extends LinkPlan> {

    /** The plan record this builder builds. */
    Class<P> planType();

    /**
     * Creates the device: afterwards it exists as {@code plan.name()} in {@code plan.ns()}. Resources that must live as
     * long as the device (a TAP's descriptor) are handed to {@code context}.
     */
    void create(P plan, BuildContext context);

    /** Why this kernel cannot build the kind, or empty if it can; probed once per JVM. */
    default Optional<String> missing(String kind) {
        return KernelFeatures.missingLinkKind(kind);
    }

    /** Whether the build waits for the device to be operationally up (a carrier) before routes. */
    default boolean awaitCarrier() {
        return false;
    }

    /** Whether the runtime brings the device up after creating it. */
    default boolean bringUp() {
        return true;
    }
}
