package io.netns4j.internal.runtime;

/** What a {@link DeviceBuilder} may use while the topology is being built. */
interface BuildContext {

    /** A namespace of the topology being built. */
    Namespace ns(String name);

    /**
     * Hands over a resource that lives as long as the topology (closed at teardown, before the namespaces are released)
     * and registers it as the handle of device {@code device} of namespace {@code ns}, for
     * {@code NetNs.device(name, type)}.
     */
    void own(String ns, String device, AutoCloseable handle);
}
