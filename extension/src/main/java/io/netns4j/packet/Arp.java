package io.netns4j.packet;

import java.net.InetAddress;
import java.util.Objects;

/**
 * An ARP packet for IPv4 over Ethernet (hardware length 6, protocol type {@code 0x0800}, protocol length 4); other ARP
 * variants are not decoded.
 *
 * @param operation
 *            the operation, {@link Operation#OTHER} for anything but request and reply (RARP, InARP)
 * @param opcode
 *            the operation code as on the wire: 1 request, 2 reply
 * @param senderMac
 *            the sender hardware address
 * @param senderIp
 *            the sender protocol address
 * @param targetMac
 *            the target hardware address ({@code 00:00:00:00:00:00} in a request)
 * @param targetIp
 *            the target protocol address, the one asked about in a request
 */
public record Arp(Operation operation, int opcode, String senderMac, InetAddress senderIp, String targetMac,
        InetAddress targetIp) {

    /** What an ARP packet does. */
    public enum Operation {
        /** Opcode 1: who has the target IP? */
        REQUEST,
        /** Opcode 2: the sender IP is at the sender MAC. */
        REPLY,
        /** Any other opcode. */
        OTHER;

        static Operation of(int opcode) {
            return opcode == 1 ? REQUEST : opcode == 2 ? REPLY : OTHER;
        }
    }

    /** Validates that every field is present. */
    public Arp {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(senderMac, "senderMac");
        Objects.requireNonNull(senderIp, "senderIp");
        Objects.requireNonNull(targetMac, "targetMac");
        Objects.requireNonNull(targetIp, "targetIp");
    }

    /** A gratuitous ARP: the sender announces its own address (sender and target IP are equal). */
    public boolean isGratuitous() {
        return senderIp.equals(targetIp);
    }
}
