package io.netns4j.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * tshark, Wireshark's command-line decoder, as the independent witness of what a frame holds: the tests compare each
 * field tshark prints ({@code tshark -T fields -e ...}) with the same field computed from this package's decoding.
 * <p>
 * A field that occurs several times in a frame (an ICMP error's quoted IP header, a tunnel's inner headers) is printed
 * by tshark once per occurrence, outermost first, joined with commas; {@link #ours(Packet)} walks a packet's inner and
 * quoted packets in the same order. Reassembly is turned off so that each frame is decoded alone, as ours are.
 */
final class Tshark {

    /** The fields compared: every field this package decodes, in tshark's names. */
    static final List<String> FIELDS = List.of("frame.time_epoch", "frame.len", "frame.cap_len", "sll.pkttype",
            "sll.hatype", "sll.halen", "sll.src.eth", "sll.etype", "sll.ifindex", "eth.src", "eth.dst", "eth.type",
            "ieee8021ad.priority", "ieee8021ad.dei", "ieee8021ad.id", "ieee8021ah.etype", "vlan.priority", "vlan.dei",
            "vlan.id", "vlan.etype", "arp.opcode", "arp.src.hw_mac", "arp.src.proto_ipv4", "arp.dst.hw_mac",
            "arp.dst.proto_ipv4", "ip.version", "ip.hdr_len", "ip.dsfield", "ip.len", "ip.id", "ip.flags.df",
            "ip.flags.mf", "ip.frag_offset", "ip.ttl", "ip.proto", "ip.src", "ip.dst", "ipv6.tclass", "ipv6.plen",
            "ipv6.nxt", "ipv6.hlim", "ipv6.src", "ipv6.dst", "ipv6.hopopts.nxt", "ipv6.routing.nxt", "ipv6.fraghdr.nxt",
            "ipv6.fraghdr.offset", "ipv6.fraghdr.more", "ipv6.fraghdr.ident", "ipv6.dstopts.nxt", "icmp.type",
            "icmp.code", "icmp.ident", "icmp.seq", "icmp.mtu", "icmpv6.type", "icmpv6.code", "icmpv6.echo.identifier",
            "icmpv6.echo.sequence_number", "icmpv6.mtu", "icmpv6.nd.ns.target_address", "icmpv6.nd.na.target_address",
            "tcp.srcport", "tcp.dstport", "tcp.seq_raw", "tcp.ack_raw", "tcp.hdr_len", "tcp.flags",
            "tcp.window_size_value", "tcp.len", "udp.srcport", "udp.dstport", "udp.length", "gre.proto", "gre.checksum",
            "gre.key", "gre.sequence_number", "vxlan.flags", "vxlan.vni");

    /** The options of every tshark run: no reassembly, so a fragment or segment is decoded by itself. */
    static final List<String> OPTIONS = List.of("-o", "ip.defragment:FALSE", "-o", "ipv6.defragment:FALSE", "-o",
            "tcp.desegment_tcp_streams:FALSE");

    private static Boolean available;

    private Tshark() {
    }

    /** Whether tshark can be run (ci/install installs it; without it the live comparisons are skipped). */
    static synchronized boolean available() {
        if (available == null) {
            try {
                Process p = new ProcessBuilder("tshark", "-v").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                available = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException e) {
                available = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                available = false;
            }
        }
        return available;
    }

    /** Runs a command, returns its standard output; fails the test if it does not exit 0. */
    static String run(List<String> command) {
        try {
            Path err = Files.createTempFile("netns4j-packet-", ".stderr");
            try {
                Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
                String out;
                try (InputStream in = p.getInputStream()) {
                    out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    fail("timed out: %s", command);
                }
                if (p.exitValue() != 0) {
                    fail("%s exited %d:%n%s", command, p.exitValue(), Files.readString(err));
                }
                return out;
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What tshark prints of {@code fields} for each frame of {@code pcap}, one map per frame. */
    static List<Map<String, String>> fields(Path pcap, List<String> fields) {
        List<String> command = new ArrayList<>(List.of("tshark", "-n", "-r", pcap.toString()));
        command.addAll(OPTIONS);
        command.addAll(List.of("-T", "fields", "-E", "header=y", "-E", "separator=/t", "-E", "occurrence=a", "-E",
                "aggregator=,", "-E", "quote=n"));
        for (String f : fields) {
            command.add("-e");
            command.add(f);
        }
        return parseTsv(run(command));
    }

    /** A stored {@code tshark -T fields -E header=y} output (see write-tshark-fields.sh). */
    static List<Map<String, String>> readTsv(Path tsv) {
        try {
            return parseTsv(Files.readString(tsv));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The header line's field names of a stored tshark output. */
    static List<String> tsvHeader(Path tsv) {
        try {
            return Arrays.asList(Files.readAllLines(tsv).get(0).split("\t", -1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Map<String, String>> parseTsv(String text) {
        String[] lines = text.split("\n");
        String[] header = lines[0].split("\t", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isEmpty()) {
                continue;
            }
            String[] cells = lines[i].split("\t", -1);
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < header.length; c++) {
                row.put(header[c], c < cells.length ? cells[c] : "");
            }
            rows.add(row);
        }
        return rows;
    }

    /**
     * Asserts that each packet's fields, as {@link #ours(Packet)} computes them, are what the witness says, for every
     * field of the witness except {@code excluded} ones (a prefix such as {@code "tcp."} excludes a protocol). Reports
     * every disagreement at once.
     */
    static void assertAgrees(String source, List<Packet> packets, List<Map<String, String>> witness,
            Set<String> excluded) {
        assertAgrees(source, packets, witness, i -> excluded);
    }

    /** As {@link #assertAgrees(String, List, List, Set)}, with fields not compared given frame by frame. */
    static void assertAgrees(String source, List<Packet> packets, List<Map<String, String>> witness,
            IntFunction<Set<String>> excludedOfFrame) {
        assertThat(packets).as("packets of %s", source).hasSize(witness.size());
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < packets.size(); i++) {
            Set<String> excluded = excludedOfFrame.apply(i);
            Map<String, String> mine = ours(packets.get(i));
            for (Map.Entry<String, String> e : witness.get(i).entrySet()) {
                String field = e.getKey();
                if (excluded.stream().anyMatch(field::startsWith)) {
                    continue;
                }
                String actual = mine.getOrDefault(field, "");
                if (!actual.equals(e.getValue())) {
                    problems.add(String.format("  frame %d (%s): %s: tshark \"%s\", ours \"%s\"", i + 1, packets.get(i),
                            field, e.getValue(), actual));
                }
            }
            for (String field : mine.keySet()) {
                if (!witness.get(i).containsKey(field) && !excluded.stream().anyMatch(field::startsWith)) {
                    problems.add(String.format("  frame %d: field %s is not compared", i + 1, field));
                }
            }
        }
        if (!problems.isEmpty()) {
            fail("%s: tshark and the decoder disagree:%n%s", source, String.join("\n", problems));
        }
    }

    /** The fields of {@link #FIELDS}, computed from a decoded packet in tshark's formats. */
    static Map<String, String> ours(Packet p) {
        Map<String, List<String>> m = new HashMap<>();
        add(m, "frame.time_epoch",
                p.timestamp().getEpochSecond() + "." + String.format("%09d", p.timestamp().getNano()));
        add(m, "frame.len", p.originalLength());
        add(m, "frame.cap_len", p.capturedLength());
        visit(p, m);
        Map<String, String> out = new HashMap<>();
        m.forEach((k, v) -> out.put(k, String.join(",", v)));
        return out;
    }

    private static void visit(Packet p, Map<String, List<String>> m) {
        p.sll().ifPresent(s -> {
            int halen = s.address().isEmpty() ? 0 : (s.address().length() + 1) / 3;
            add(m, "sll.pkttype", s.packetType());
            add(m, "sll.hatype", s.hardwareType());
            add(m, "sll.halen", halen);
            if (s.hardwareType() == 1 && halen == 6) {
                add(m, "sll.src.eth", s.address());
            }
            add(m, "sll.etype", hex(s.protocol(), 4));
            if (s.version() == 2) {
                add(m, "sll.ifindex", s.interfaceIndex());
            }
        });
        p.ethernet().ifPresent(e -> {
            add(m, "eth.src", e.src());
            add(m, "eth.dst", e.dst());
            if (e.etherType() >= 0x0600) { // below, tshark names it eth.len: an IEEE 802.3 length
                add(m, "eth.type", hex(e.etherType(), 4));
            }
        });
        for (VlanTag t : p.vlanTags()) {
            String prefix = t.tpid() == 0x88a8 ? "ieee8021ad." : "vlan.";
            add(m, prefix + "priority", t.priority());
            add(m, prefix + "dei", t.dei() ? 1 : 0);
            add(m, prefix + "id", t.id());
            add(m, t.tpid() == 0x88a8 ? "ieee8021ah.etype" : "vlan.etype", hex(t.etherType(), 4));
        }
        p.arp().ifPresent(a -> {
            add(m, "arp.opcode", a.opcode());
            add(m, "arp.src.hw_mac", a.senderMac());
            add(m, "arp.src.proto_ipv4", ip(a.senderIp()));
            add(m, "arp.dst.hw_mac", a.targetMac());
            add(m, "arp.dst.proto_ipv4", ip(a.targetIp()));
        });
        p.ip().ifPresent(ip -> ip(ip, m));
        p.icmp().ifPresent(c -> {
            String prefix = c.version() == 6 ? "icmpv6." : "icmp.";
            add(m, prefix + "type", c.type());
            add(m, prefix + "code", c.code());
            if (c.version() == 6) {
                c.identifier().ifPresent(id -> add(m, "icmpv6.echo.identifier", hex(id, 4)));
                c.sequence().ifPresent(seq -> add(m, "icmpv6.echo.sequence_number", seq));
                c.targetAddress()
                        .ifPresent(t -> add(m,
                                c.type() == 135 ? "icmpv6.nd.ns.target_address"
                                        : c.type() == 136 ? "icmpv6.nd.na.target_address" : "icmpv6.redirect.target",
                                ip(t)));
            } else {
                c.identifier().ifPresent(id -> add(m, "icmp.ident", id));
                c.sequence().ifPresent(seq -> add(m, "icmp.seq", seq));
            }
            c.mtu().ifPresent(mtu -> add(m, prefix + "mtu", mtu));
            c.original().ifPresent(o -> visit(o, m));
        });
        p.tcp().ifPresent(t -> {
            add(m, "tcp.srcport", t.srcPort());
            add(m, "tcp.dstport", t.dstPort());
            add(m, "tcp.seq_raw", t.sequenceNumber());
            add(m, "tcp.ack_raw", t.ackNumber());
            add(m, "tcp.hdr_len", t.headerLength());
            add(m, "tcp.flags", hex(t.flags().bits(), 4));
            add(m, "tcp.window_size_value", t.window());
            add(m, "tcp.len", t.payloadLength());
        });
        p.udp().ifPresent(u -> {
            add(m, "udp.srcport", u.srcPort());
            add(m, "udp.dstport", u.dstPort());
            add(m, "udp.length", u.length());
        });
        p.gre().ifPresent(g -> {
            add(m, "gre.proto", hex(g.protocolType(), 4));
            g.checksum().ifPresent(c -> add(m, "gre.checksum", hex(c, 4)));
            g.key().ifPresent(k -> add(m, "gre.key", String.format("0x%08x", k)));
            g.sequenceNumber().ifPresent(s -> add(m, "gre.sequence_number", s));
        });
        p.vxlan().ifPresent(v -> {
            add(m, "vxlan.flags", hex(v.flags() << 8, 4));
            add(m, "vxlan.vni", v.vni());
        });
        p.inner().ifPresent(i -> visit(i, m));
    }

    private static void ip(Ip ip, Map<String, List<String>> m) {
        add(m, "ip.version", ip.version()); // tshark's IPv6 dissector sets ip.version too
        if (ip.version() == 4) {
            add(m, "ip.hdr_len", ip.headerLength());
            add(m, "ip.dsfield", hex(ip.trafficClass(), 2));
            add(m, "ip.len", ip.totalLength());
            add(m, "ip.id", hex((int) ip.identification(), 4));
            add(m, "ip.flags.df", ip.dontFragment() ? 1 : 0);
            add(m, "ip.flags.mf", ip.moreFragments() ? 1 : 0);
            add(m, "ip.frag_offset", ip.fragmentOffset() / 8);
            add(m, "ip.ttl", ip.ttl());
            add(m, "ip.proto", ip.protocol());
            add(m, "ip.src", ip(ip.src()));
            add(m, "ip.dst", ip(ip.dst()));
            return;
        }
        List<Integer> ext = ip.extensionHeaders();
        add(m, "ipv6.tclass", String.format("0x%08x", ip.trafficClass()));
        add(m, "ipv6.plen", ip.totalLength() - 40);
        add(m, "ipv6.nxt", ext.isEmpty() ? ip.protocol() : ext.get(0));
        add(m, "ipv6.hlim", ip.ttl());
        add(m, "ipv6.src", ip(ip.src()));
        add(m, "ipv6.dst", ip(ip.dst()));
        for (int i = 0; i < ext.size(); i++) {
            int next = i + 1 < ext.size() ? ext.get(i + 1) : ip.protocol();
            switch (ext.get(i)) {
            case 0:
                add(m, "ipv6.hopopts.nxt", next);
                break;
            case 43:
                add(m, "ipv6.routing.nxt", next);
                break;
            case 44:
                add(m, "ipv6.fraghdr.nxt", next);
                add(m, "ipv6.fraghdr.offset", ip.fragmentOffset() / 8);
                add(m, "ipv6.fraghdr.more", ip.moreFragments() ? 1 : 0);
                add(m, "ipv6.fraghdr.ident", String.format("0x%08x", ip.identification()));
                break;
            case 60:
                add(m, "ipv6.dstopts.nxt", next);
                break;
            default:
                add(m, "ipv6.ext." + ext.get(i), next);
            }
        }
    }

    private static void add(Map<String, List<String>> m, String field, Object value) {
        m.computeIfAbsent(field, k -> new ArrayList<>()).add(String.valueOf(value));
    }

    private static String hex(int value, int digits) {
        return String.format("0x%0" + digits + "x", value);
    }

    private static String ip(InetAddress a) {
        return Addresses.format(a);
    }
}
