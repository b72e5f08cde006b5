package io.netns4j.internal.runtime;

import io.netns4j.Cut;
import io.netns4j.Impairment;
import io.netns4j.internal.model.Plan.NamespacePlan;
import io.netns4j.internal.netlink.LinkMessage;
import io.netns4j.internal.netlink.LinkRequests;
import io.netns4j.internal.netlink.Macs;
import io.netns4j.internal.netlink.Message;
import io.netns4j.internal.netlink.NeighMessage;
import io.netns4j.internal.netlink.NeighRequests;
import io.netns4j.internal.netlink.Nl;
import io.netns4j.internal.netlink.QdiscMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The kernel state of a live topology as text, for the report of a failed test: the cuts and impairments in force, then
 * for each namespace its links (with their counters), addresses, routes, the nftables ruleset netns4j installed, qdiscs
 * and the processes living in it. Each section is gathered on its own; one that fails prints its error in place, so the
 * dump itself never fails.
 */
final class TopologyDump {

    private final LiveTopology topology;
    private final StringBuilder out = new StringBuilder();

    private TopologyDump(LiveTopology topology) {
        this.topology = topology;
    }

    static String of(LiveTopology topology) {
        return new TopologyDump(topology).render();
    }

    /** A part of the dump that may fail; its lines, without indentation. */
    private interface Section {
        List<String> lines() throws Exception;
    }

    private String render() {
        out.append("netns4j topology ").append(topology.plan().subject()).append('\n');
        section("cuts in force", () -> topology.cuts().stream().map(Cut::toString).toList());
        section("impairments in force",
                () -> topology.impairments().inForce().stream().map(Impairment::toString).toList());
        Map<String, Boolean> hidden = new HashMap<>();
        for (NamespacePlan p : topology.plan().namespaces()) {
            hidden.put(p.name(), p.hidden());
        }
        for (Namespace ns : topology.allNamespaces().values()) {
            out.append("\n==== namespace ").append(ns.name()).append(
                    Boolean.TRUE.equals(hidden.get(ns.name())) ? " (holds a bridge; not in the test's view)" : "")
                    .append(" ====\n");
            section("links", () -> links(ns));
            section("addresses", () -> ns.addresses().stream().map(Object::toString).toList());
            section("routes (main table)", () -> ns.routes().stream().map(Object::toString).toList());
            section("neighbours", () -> neighbours(ns));
            section("nftables", () -> nftables(ns));
            section("qdiscs", () -> qdiscs(ns));
            section("processes", () -> processes(ns));
        }
        return out.toString();
    }

    private void section(String title, Section section) {
        out.append("-- ").append(title).append('\n');
        List<String> lines;
        try {
            lines = section.lines();
        } catch (Exception | LinkageError | AssertionError e) {
            out.append("  (could not be read: ").append(e).append(")\n");
            return;
        }
        if (lines.isEmpty()) {
            out.append("  (none)\n");
        }
        for (String line : lines) {
            for (String l : line.split("\n", -1)) {
                out.append("  ").append(l).append('\n');
            }
        }
    }

    /** As {@code ip -s link}, one line per link: {@code 2: eth0 veth UP admin-up mtu 1500 02:..:01 rx ... tx ...}. */
    private static List<String> links(Namespace ns) {
        List<LinkMessage> links = new ArrayList<>();
        for (Message m : ns.rtnl().dump(LinkRequests.dump())) {
            if (m.type() == Nl.RTM_NEWLINK) {
                links.add(LinkMessage.decode(m));
            }
        }
        Map<Integer, String> names = new HashMap<>();
        links.forEach(l -> names.put(l.index(), l.name()));
        List<String> lines = new ArrayList<>();
        for (LinkMessage l : links) {
            StringBuilder sb = new StringBuilder();
            sb.append(l.index()).append(": ").append(l.name()).append(' ').append(l.kind().isEmpty() ? "-" : l.kind())
                    .append(" state ").append(Nl.operstateName(l.operstate()))
                    .append(l.isUp() ? " admin-up" : " admin-down").append(" mtu ").append(l.mtu());
            if (l.address() != null && l.address().length == 6) {
                sb.append(' ').append(Macs.format(l.address()));
            }
            if (l.master() != 0) {
                sb.append(" master ").append(names.getOrDefault(l.master(), "#" + l.master()));
            }
            if (l.counters() != null) {
                sb.append(" | ").append(l.counters());
            }
            lines.add(sb.toString());
        }
        return lines;
    }

    /** As {@code ip neigh show}, without the entries that need no resolution (multicast). */
    private static List<String> neighbours(Namespace ns) {
        Map<Integer, String> names = linkNames(ns);
        List<String> lines = new ArrayList<>();
        for (Message m : ns.rtnl().dump(NeighRequests.dump())) {
            if (m.type() == Nl.RTM_NEWNEIGH) {
                NeighMessage n = NeighMessage.decode(m);
                if (n.state() != NeighMessage.NUD_NOARP) {
                    lines.add(n.describe(names.getOrDefault(n.index(), "#" + n.index())));
                }
            }
        }
        return lines;
    }

    private static Map<Integer, String> linkNames(Namespace ns) {
        Map<Integer, String> names = new HashMap<>();
        for (Message m : ns.rtnl().dump(LinkRequests.dump())) {
            if (m.type() == Nl.RTM_NEWLINK) {
                LinkMessage l = LinkMessage.decode(m);
                names.put(l.index(), l.name());
            }
        }
        return names;
    }

    /** Only through a socket netns4j already opened: a namespace it never filtered has nothing of netns4j's. */
    private static List<String> nftables(Namespace ns) {
        NftClient nft = ns.nftablesIfOpen();
        if (nft == null) {
            return List.of("(netns4j installed no nftables rules here)");
        }
        String ruleset = nft.ruleset();
        return ruleset.isBlank() ? List.of("(empty ruleset)") : List.of(ruleset.stripTrailing());
    }

    /** As {@code tc qdisc show}: {@code eth0: qdisc tbf 1: root refcnt 2 rate 8Kbit burst ...}. */
    private static List<String> qdiscs(Namespace ns) {
        Map<Integer, String> names = linkNames(ns);
        List<String> lines = new ArrayList<>();
        for (QdiscMessage q : Qdiscs.of(ns).list()) {
            lines.add(names.getOrDefault(q.ifindex(), "#" + q.ifindex()) + ": " + q);
        }
        return lines;
    }

    /** Every process of the host in the namespace: {@code 1234 sleep 30}. */
    private static List<String> processes(Namespace ns) {
        List<String> lines = new ArrayList<>();
        for (int pid : LiveTopology.processesIn(Set.of(ns.inode()))) {
            lines.add(pid + " " + cmdline(pid));
        }
        return lines;
    }

    private static String cmdline(int pid) {
        Path proc = Path.of("/proc", Integer.toString(pid));
        try {
            byte[] raw = Files.readAllBytes(proc.resolve("cmdline"));
            String cmd = new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').strip();
            if (!cmd.isEmpty()) {
                return cmd;
            }
            return "[" + Files.readString(proc.resolve("comm")).strip() + "]";
        } catch (IOException e) {
            return "(ended)";
        }
    }
}
