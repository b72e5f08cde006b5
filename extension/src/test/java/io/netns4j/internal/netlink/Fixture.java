package io.netns4j.internal.netlink;

import io.netns4j.testsupport.RecordedExchange;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One recorded netlink exchange under {@code src/test/resources/netlink/}: what iproute2 sent for one {@code ip}
 * command and what the kernel answered, as strace saw it (see {@code netlink/README.md} for the format and
 * {@code netlink/recording/} for the scripts that made them).
 *
 * <p>
 * The file is read by {@link RecordedExchange}; the request block is the one message iproute2 sent.
 */
final class Fixture {

    /** Every fixture file, for the tests that run over all of them. */
    static final List<String> ALL = List.of("addr-add-ipv4", "addr-add-ipv4-peer", "addr-add-ipv6-nodad",
            "addr-del-ipv4", "addr-show", "bridge-link-set-hairpin-off", "bridge-link-set-hairpin-on",
            "error-addr-exists", "error-macvlan-passthru-not-alone", "error-mtu-too-small", "error-qdisc-kind-unknown",
            "error-unknown-kind", "error-unknown-kind-capped", "link-add-bridge-up", "link-add-gre",
            "link-add-gre-ikey-okey-dev", "link-add-gre-key", "link-add-gretap", "link-add-ipip",
            "link-add-ipip-nopmtudisc", "link-add-ipip-ttl-tos-dev", "link-add-ipvlan-l2-bridge",
            "link-add-ipvlan-l2-bridge-netns", "link-add-ipvlan-l3-private", "link-add-ipvlan-l3s-vepa",
            "link-add-ipvtap-l2-bridge", "link-add-ipvtap-l3-vepa-netns", "link-add-sit", "link-add-veth-mtu-master",
            "link-add-veth-peer-netns", "link-add-veth-peer-netns-primary-up", "link-add-veth-peer-netns-mtu-up",
            "link-add-veth-peer-netns-up", "link-add-vlan-8021ad", "link-add-vlan-8021q", "link-add-vlan-8021q-netns",
            "link-add-vxlan-group-dev-ttl-tos", "link-add-vxlan-ipv6", "link-add-vxlan-local-remote-dev",
            "link-add-vxlan-remote", "link-del", "link-dump", "link-get-by-index", "link-get-by-name",
            "link-get-enslaved", "link-set-address", "link-set-down", "link-set-master", "link-set-mtu",
            "link-set-name", "link-set-nomaster", "link-set-up", "macvlan-add-address-netns-private",
            "macvlan-add-bridge", "macvlan-add-netns-source", "macvlan-add-netns-vepa", "macvlan-add-passthru",
            "macvtap-add-address-private", "macvtap-add-netns-bridge", "neigh-show", "qdisc-del-root",
            "qdisc-del-root-none", "qdisc-replace-netem-all", "qdisc-replace-netem-delay",
            "qdisc-replace-netem-duplicate-corr", "qdisc-replace-netem-loss", "qdisc-replace-netem-pareto",
            "qdisc-replace-netem-paretonormal", "qdisc-replace-netem-rate64", "qdisc-replace-netem-reorder-gap",
            "qdisc-replace-netem-tbf-child", "qdisc-replace-tbf-child", "qdisc-replace-tbf-latency",
            "qdisc-replace-tbf-limit", "qdisc-replace-tbf-rate64", "qdisc-replace-tbf-slow", "qdisc-show-default",
            "qdisc-show-netem-all", "qdisc-show-netem-duplicate-corr", "qdisc-show-netem-rate64",
            "qdisc-show-netem-tbf", "qdisc-show-tbf-child", "qdisc-show-tbf-rate64", "route-add-default-via",
            "route-add-dev", "route-add-ipv6-default-via", "route-add-ipv6-default-via-dash6", "route-add-ipv6-via",
            "route-add-via", "route-add-via-dev", "route-show", "route-show-ipv4-table-all", "route-show-ipv6",
            "route-show-ipv6-table-all");

    final String name;
    /** The command of the first comment line, e.g. {@code ip netns exec fx1 ip link set dev eth2 up}. */
    final String command;
    final byte[] request;
    /** The kernel's answer, one entry per datagram. */
    final List<byte[]> answers;
    /** Every comment line, without its {@code "# "}. */
    final List<String> comments;

    private Fixture(String name, String command, byte[] request, List<byte[]> answers, List<String> comments) {
        this.name = name;
        this.command = command;
        this.request = request;
        this.answers = answers;
        this.comments = comments;
    }

    static Fixture load(String name) {
        RecordedExchange recorded = RecordedExchange.load("/netlink/" + name + ".txt");
        List<String> comments = recorded.notes().stream().map(String::strip).filter(line -> line.startsWith("# "))
                .map(line -> line.substring(2)).toList();
        return new Fixture(name, recorded.command(), recorded.request(), recorded.answers(), comments);
    }

    /** The text after {@code "# PREFIX"} of the first comment line that starts so; fails if there is none. */
    String comment(String prefix) {
        return comments.stream().filter(c -> c.startsWith(prefix)).map(c -> c.substring(prefix.length())).findFirst()
                .orElseThrow(() -> new IllegalStateException(name + ": no comment line \"# " + prefix + "...\""));
    }

    /** What the recorded program printed, line by line, from the {@code "# ip printed:"} block, right-trimmed. */
    List<String> printed() {
        List<String> out = new ArrayList<>();
        boolean in = false;
        for (String c : comments) {
            if (c.equals("ip printed:")) {
                in = true;
            } else if (in && c.startsWith("  ")) {
                out.add(c.substring(2).stripTrailing());
            } else if (in) {
                break;
            }
        }
        return out;
    }

    /** The sequence number iproute2 gave its request (bytes 8..11, host order). */
    int seq() {
        return le().getInt(8);
    }

    /**
     * The interface index in the request's family header: {@code ifi_index} of {@code ifinfomsg} and {@code ifa_index}
     * of {@code ifaddrmsg} both sit at bytes 20..23.
     */
    int headerIndex() {
        return le().getInt(20);
    }

    /** The request's attributes after a family header of {@code familyHeaderLength} bytes. */
    Attributes requestAttributes(int familyHeaderLength) {
        return requestMessage().attributes(familyHeaderLength);
    }

    Message requestMessage() {
        List<Message> all = Message.parseAll(request, request.length);
        if (all.size() != 1 || all.get(0).length() != request.length) {
            throw new IllegalStateException(name + ": the request is not exactly one message");
        }
        return all.get(0);
    }

    /** Every message of every answer datagram, in order. */
    List<Message> answerMessages() {
        return answers.stream().flatMap(a -> Message.parseAll(a, a.length).stream()).toList();
    }

    /** The answer messages that are of the given type. */
    Stream<Message> answerMessages(int type) {
        return answerMessages().stream().filter(m -> m.type() == type);
    }

    private ByteBuffer le() {
        return ByteBuffer.wrap(request).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Bytes as hex, 16 to a line and 4 to a group, so that an assertion's diff points at the byte. */
    static String hex(byte[] bytes) {
        return RecordedExchange.hex(bytes);
    }

    /**
     * A copy of a request without one top-level attribute, its {@code nlmsg_len} fixed: for the documented cases where
     * iproute2 sends an attribute that netns4j leaves out on purpose.
     */
    static byte[] withoutAttribute(byte[] message, int familyHeaderLength, int attrType) {
        ByteBuffer in = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer out = ByteBuffer.allocate(message.length).order(ByteOrder.LITTLE_ENDIAN);
        int start = Nl.NLMSG_HDRLEN + familyHeaderLength;
        out.put(message, 0, start);
        int pos = start;
        boolean removed = false;
        while (pos + 4 <= message.length) {
            int len = Short.toUnsignedInt(in.getShort(pos));
            int type = Short.toUnsignedInt(in.getShort(pos + 2)) & Nl.NLA_TYPE_MASK;
            int aligned = Math.min((len + 3) & ~3, message.length - pos);
            if (type == attrType && !removed) {
                removed = true;
            } else {
                out.put(message, pos, aligned);
            }
            pos += aligned;
        }
        if (!removed) {
            throw new IllegalArgumentException("no attribute " + attrType);
        }
        out.putInt(0, out.position());
        byte[] result = new byte[out.position()];
        out.get(0, result);
        return result;
    }

    /** A copy of a message with other {@code nlmsg_flags}. */
    static byte[] withFlags(byte[] message, int flags) {
        byte[] copy = message.clone();
        ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putShort(6, (short) flags);
        return copy;
    }

    static int flags(byte[] message) {
        return Short.toUnsignedInt(ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN).getShort(6));
    }

    @Override
    public String toString() {
        return name + " (" + command + ")";
    }
}
