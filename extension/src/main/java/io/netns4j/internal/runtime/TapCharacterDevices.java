package io.netns4j.internal.runtime;

import io.netns4j.internal.sys.CharDevices;
import java.util.Optional;

/**
 * The character devices ({@code /dev/tapN}) of one tap kind, macvtap or ipvtap: whether this kernel lets netns4j reach
 * them, and the opening of a built device's one as its handle. The two kinds share the kernel's tap driver, so their
 * builders differ only in how they create the link.
 */
final class TapCharacterDevices {

    private final String kind;

    /** Whether the character devices can be reached, checked once per JVM after the link kind. */
    private volatile Optional<String> missing;

    /** The character devices of {@code kind}, {@code "macvtap"} or {@code "ipvtap"}. */
    TapCharacterDevices(String kind) {
        this.kind = kind;
    }

    /**
     * Opens the character device of the built device {@code name} of namespace {@code ns} from a thread inside that
     * namespace and hands it over as the device's {@link io.netns4j.MacvtapDevice} handle (see {@link MacvtapHandle}).
     */
    void open(String ns, String name, BuildContext context) {
        Namespace namespace = context.ns(ns);
        int index = namespace.index(name);
        context.own(ns, name, namespace.inside(() -> MacvtapHandle.open(kind, ns, name, index)));
    }

    /**
     * Why this kernel cannot build devices of the kind with their character devices: the link kind (probed), then a
     * major of the kind in {@code /proc/devices} (the driver registers it when it loads, which the probe makes it do),
     * then whether this JVM runs as real root (a user namespace cannot have device nodes), then the mount API that
     * {@link CharDevices} uses.
     */
    Optional<String> missing() {
        Optional<String> link = KernelFeatures.missingLinkKind(kind);
        if (link.isPresent()) {
            return link;
        }
        Optional<String> chars = missing;
        if (chars == null) {
            chars = missing = charDevices();
        }
        return chars;
    }

    private Optional<String> charDevices() {
        Optional<String> userNamespace = UserNamespace.current().missingCharacterDevices(kind);
        if (userNamespace.isPresent()) {
            return userNamespace;
        }
        if (CharDevices.characterMajor(kind).isEmpty()) {
            return Optional.of(kind + ": this kernel has the " + kind + " link kind but no " + kind
                    + " character devices (no \"" + kind + "\" among the character devices of /proc/devices); load the "
                    + kind + " module or set " + io.netns4j.Netns4jConfig.MISSING_KERNEL_FEATURE + "=fail");
        }
        return CharDevices.unavailabilityCause()
                .map(cause -> kind + ": netns4j reaches /dev/tapN through private sysfs and tmpfs mounts, and " + cause
                        + "; set " + io.netns4j.Netns4jConfig.MISSING_KERNEL_FEATURE + "=fail");
    }
}
