package io.netns4j;

import io.netns4j.internal.netlink.Addresses;
import java.net.InetAddress;

/** An interface address as the kernel reports it. */
public record AddressInfo(String interfaceName, int interfaceIndex, InetAddress address, int prefixLength) {

    /** The address in CIDR notation, e.g. {@code 10.0.0.1/24}. */
    public String cidr() {
        return Addresses.format(address) + "/" + prefixLength;
    }

    @Override
    public String toString() {
        return cidr() + " dev " + interfaceName;
    }
}
