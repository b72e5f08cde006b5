package io.netns4j.internal.runtime;

import io.netns4j.internal.model.kinds.TunKind;
import io.netns4j.internal.sys.Tun;
import java.time.Duration;
import java.util.Optional;

/**
 * Builds TUN devices: {@code /dev/net/tun} opened inside the device's namespace and attached with {@code TUNSETIFF}
 * ({@code IFF_TUN}), one descriptor per queue, handed to the topology as the device's {@link io.netns4j.Tun} handle.
 */
final class TunBuilder implements DeviceBuilder<TunKind.Plan> {

    @Override
    public Class<TunKind.Plan> planType() {
        return TunKind.Plan.class;
    }

    @Override
    public void create(TunKind.Plan plan, BuildContext context) {
        TunTapHandle.build(new TunTapHandle.TunHandle(context.ns(plan.ns()), plan.name(), plan.queues(),
                plan.packetInfo(), plan.persistent(), operstateTimeout()), plan.owner(), plan.group(), plan.attached(),
                context);
    }

    /** The tun driver is not probed over rtnetlink (which cannot create its devices) but by opening its device. */
    @Override
    public Optional<String> missing(String kind) {
        return missingTunDriver(kind);
    }

    /** See {@link TapBuilder#bringUp()}. */
    @Override
    public boolean bringUp() {
        return false;
    }

    /**
     * Why this machine cannot create TUN/TAP devices, for kind {@code kind} ("tun" or "tap"), or empty; probed once per
     * JVM by opening {@code /dev/net/tun}, which creates nothing.
     */
    static Optional<String> missingTunDriver(String kind) {
        return Probe.CAUSE.map(cause -> kind + ": this machine cannot create TUN/TAP devices (" + cause
                + "); load the tun module (or create the device node: mknod /dev/net/tun c 10 200) or set" + " "
                + io.netns4j.Netns4jConfig.MISSING_KERNEL_FEATURE + "=fail");
    }

    /** How long building or attaching waits for the device to be operationally up. */
    static Duration operstateTimeout() {
        return TopologyRuntime.Settings.fromSystemProperties().operstateTimeout();
    }

    private static final class Probe {
        static final Optional<String> CAUSE = Tun.unavailabilityCause();
    }
}
