package io.netns4j.packet;

/**
 * Matches ARP packets (IPv4 over Ethernet). Built by {@link Matchers#arp()}; each method returns a new matcher with one
 * more condition (setting the same condition again replaces it).
 * <p>
 * Description, e.g.: {@code arp request for 10.0.0.2}, {@code arp reply from 10.0.0.2}.
 */
public final class ArpMatcher implements PacketMatcher {

    private final Arp.Operation operation;
    private final AddressSpec target;
    private final AddressSpec sender;

    ArpMatcher() {
        this(null, null, null);
    }

    private ArpMatcher(Arp.Operation operation, AddressSpec target, AddressSpec sender) {
        this.operation = operation;
        this.target = target;
        this.sender = sender;
    }

    /** A request (opcode 1), "who has the target?": {@code arp request}. */
    public ArpMatcher request() {
        return new ArpMatcher(Arp.Operation.REQUEST, target, sender);
    }

    /** A reply (opcode 2), "the sender is at ...": {@code arp reply}. */
    public ArpMatcher reply() {
        return new ArpMatcher(Arp.Operation.REPLY, target, sender);
    }

    /** The target protocol address, the one a request asks about: {@code for 10.0.0.2}. */
    public ArpMatcher target(String address) {
        return new ArpMatcher(operation, AddressSpec.parse(address), sender);
    }

    /** The sender protocol address, the one a reply resolves: {@code from 10.0.0.1}. */
    public ArpMatcher sender(String address) {
        return new ArpMatcher(operation, target, AddressSpec.parse(address));
    }

    @Override
    public boolean matches(Packet packet) {
        if (packet.arp().isEmpty()) {
            return false;
        }
        Arp a = packet.arp().get();
        return (operation == null || a.operation() == operation) && (target == null || target.matches(a.targetIp()))
                && (sender == null || sender.matches(a.senderIp()));
    }

    @Override
    public String description() {
        StringBuilder sb = new StringBuilder("arp");
        if (operation != null) {
            sb.append(operation == Arp.Operation.REQUEST ? " request" : " reply");
        }
        if (target != null) {
            sb.append(" for ").append(target);
        }
        if (sender != null) {
            sb.append(" from ").append(sender);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return description();
    }
}
