package io.netns4j;

import io.netns4j.internal.netlink.Addresses;
import java.net.InetAddress;

/**
 * A route of the main table.
 *
 * @param destination
 *            {@code "default"} or a prefix in CIDR notation
 * @param gateway
 *            the next hop, or null for a directly connected route
 * @param device
 *            the outgoing interface name, or null
 */
public record RouteInfo(String destination, InetAddress gateway, String device) {

    @Override
    public String toString() {
        return destination + (gateway == null ? "" : " via " + Addresses.format(gateway))
                + (device == null ? "" : " dev " + device);
    }
}
