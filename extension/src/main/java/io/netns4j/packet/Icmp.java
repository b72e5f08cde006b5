package io.netns4j.packet;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An ICMP (IP protocol 1) or ICMPv6 (next header 58) message.
 *
 * @param version
 *            4 for ICMP, 6 for ICMPv6
 * @param type
 *            the type, e.g. 8 echo request for ICMP, 128 for ICMPv6
 * @param code
 *            the code, e.g. 3 port unreachable for ICMP's type 3, 4 for ICMPv6's type 1
 * @param identifier
 *            the echo identifier of an echo request or reply
 * @param sequence
 *            the echo sequence number of an echo request or reply
 * @param mtu
 *            the MTU of ICMP's "fragmentation needed" (type 3 code 4) or ICMPv6's "packet too big"
 * @param targetAddress
 *            the target address of an ICMPv6 neighbor solicitation or advertisement, or redirect
 * @param original
 *            the start of the packet an error message is about (destination unreachable, time exceeded, parameter
 *            problem, source quench, redirect, packet too big), decoded as {@link LinkType#RAW_IP}; usually only its
 *            first bytes are quoted, so its TCP header, for one, is rarely complete while a UDP header is
 */
public record Icmp(int version, int type, int code, OptionalInt identifier, OptionalInt sequence, OptionalInt mtu,
        Optional<InetAddress> targetAddress, Optional<Packet> original) {

    /** Validates that the optional fields are present (as empty optionals if nothing else). */
    public Icmp {
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(sequence, "sequence");
        Objects.requireNonNull(mtu, "mtu");
        Objects.requireNonNull(targetAddress, "targetAddress");
        Objects.requireNonNull(original, "original");
    }

    /** Echo request: ICMP type 8, ICMPv6 type 128 (what {@code ping} sends). */
    public boolean isEchoRequest() {
        return type == (version == 6 ? 128 : 8);
    }

    /** Echo reply: ICMP type 0, ICMPv6 type 129. */
    public boolean isEchoReply() {
        return type == (version == 6 ? 129 : 0);
    }

    /** Destination unreachable: ICMP type 3, ICMPv6 type 1, whatever the code. */
    public boolean isDestinationUnreachable() {
        return type == (version == 6 ? 1 : 3);
    }

    /** Whether this is an error message, which quotes the {@linkplain #original() packet} it is about. */
    public boolean isError() {
        return isError(version, type);
    }

    static boolean isError(int version, int type) {
        if (version == 6) {
            return type >= 1 && type <= 4;
        }
        return type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
    }

    /** The message's name, as in tcpdump's output: {@code echo request}, {@code port unreachable}, ... */
    public String typeName() {
        return version == 6 ? name6() : name4();
    }

    private String name4() {
        switch (type) {
        case 0:
            return "echo reply";
        case 3:
            return "destination unreachable (" + unreachable4() + ")";
        case 4:
            return "source quench";
        case 5:
            return "redirect";
        case 8:
            return "echo request";
        case 9:
            return "router advertisement";
        case 10:
            return "router solicitation";
        case 11:
            return code == 1 ? "time exceeded in reassembly" : "time exceeded in transit";
        case 12:
            return "parameter problem";
        case 13:
            return "timestamp request";
        case 14:
            return "timestamp reply";
        default:
            return "type " + type + " code " + code;
        }
    }

    private String unreachable4() {
        switch (code) {
        case 0:
            return "net unreachable";
        case 1:
            return "host unreachable";
        case 2:
            return "protocol unreachable";
        case 3:
            return "port unreachable";
        case 4:
            return "fragmentation needed";
        case 9:
        case 10:
        case 13:
            return "administratively prohibited";
        default:
            return "code " + code;
        }
    }

    private String name6() {
        switch (type) {
        case 1:
            return "destination unreachable (" + unreachable6() + ")";
        case 2:
            return "packet too big";
        case 3:
            return code == 1 ? "time exceeded in reassembly" : "time exceeded in transit";
        case 4:
            return "parameter problem";
        case 128:
            return "echo request";
        case 129:
            return "echo reply";
        case 130:
            return "multicast listener query";
        case 131:
            return "multicast listener report";
        case 132:
            return "multicast listener done";
        case 133:
            return "router solicitation";
        case 134:
            return "router advertisement";
        case 135:
            return "neighbor solicitation";
        case 136:
            return "neighbor advertisement";
        case 137:
            return "redirect";
        case 143:
            return "multicast listener report v2";
        default:
            return "type " + type + " code " + code;
        }
    }

    private String unreachable6() {
        switch (code) {
        case 0:
            return "no route";
        case 1:
            return "administratively prohibited";
        case 2:
            return "beyond scope";
        case 3:
            return "address unreachable";
        case 4:
            return "port unreachable";
        case 5:
            return "source address failed policy";
        case 6:
            return "reject route";
        default:
            return "code " + code;
        }
    }
}
