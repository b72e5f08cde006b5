package io.netns4j;

/**
 * A link as the kernel reports it.
 *
 * @param kind
 *            {@code "veth"}, {@code "bridge"}, ...; empty for devices without a kind, like {@code lo}
 * @param mac
 *            the hardware address as {@code ip link} prints it, empty if none
 * @param operState
 *            the operational state: {@code UP}, {@code DOWN}, {@code LOWERLAYERDOWN}, {@code UNKNOWN}...
 * @param up
 *            whether the link is administratively up
 * @param masterIndex
 *            the index of the bridge the link is a port of, 0 if none
 */
public record LinkInfo(int index, String name, String kind, int mtu, String mac, String operState, boolean up,
        int masterIndex) {

    /** Whether the link is operationally up (carrier present and administratively up). */
    public boolean isOperationallyUp() {
        return "UP".equals(operState);
    }
}
