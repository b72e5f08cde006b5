package io.netns4j.internal.model.kinds;

import io.netns4j.internal.model.Cidr;
import io.netns4j.internal.model.KindCheck;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the tunnel kinds (ipip, gre, sit, vxlan) have in common: reading the options of {@code Topology.builder()}, and
 * the checks of endpoints, TTL, TOS, underlay device, point-to-point peer and names.
 */
final class TunnelAttributes {

    /**
     * The fallback devices the kernel puts in every namespace once their driver is loaded ({@code ipip}: tunl0,
     * {@code ip_gre}: gre0, gretap0, erspan0, {@code sit}: sit0, and the vti and IPv6 tunnel drivers'): a device of
     * that name cannot be created there ({@code EEXIST}), so the names are refused on every kernel alike.
     */
    static final List<String> FALLBACK_NAMES = List.of("tunl0", "gre0", "gretap0", "erspan0", "sit0", "ip_vti0",
            "ip6tnl0", "ip6gre0", "ip6_vti0");

    /** The options of the builder's tunnel options that only some kinds have, with those kinds. */
    private static final Map<String, List<String>> OWNERS = Map.of("pmtudisc", List.of("ipip", "gre", "sit"), "peer",
            List.of("ipip", "gre", "sit"), "key", List.of("gre"), "ikey", List.of("gre"), "okey", List.of("gre"), "tap",
            List.of("gre"), "vni", List.of("vxlan"), "group", List.of("vxlan"), "port", List.of("vxlan"));

    /** The attributes of the point-to-point kinds (ipip, sit; gre adds its keys and tap). */
    static final Set<String> POINT_TO_POINT = Set.of("local", "remote", "ttl", "tos", "pmtudisc", "dev", "address",
            "peer");

    private TunnelAttributes() {
    }

    // ---- reading builder options

    /** The options of {@code own}'s kind out of {@code options}; the rest are kept as foreign, to be reported. */
    static Map<String, Object> foreign(Map<String, ?> options, Set<String> own) {
        Map<String, Object> out = new LinkedHashMap<>();
        options.forEach((k, v) -> {
            if (!own.contains(k)) {
                out.put(k, v);
            }
        });
        return Collections.unmodifiableMap(out);
    }

    static String string(Map<String, ?> options, String key) {
        Object v = options.get(key);
        return v == null ? "" : v.toString();
    }

    static int integer(Map<String, ?> options, String key, int otherwise) {
        Object v = options.get(key);
        return v instanceof Number n ? n.intValue() : otherwise;
    }

    static long longInteger(Map<String, ?> options, String key, long otherwise) {
        Object v = options.get(key);
        return v instanceof Number n ? n.longValue() : otherwise;
    }

    static boolean bool(Map<String, ?> options, String key, boolean otherwise) {
        Object v = options.get(key);
        return v instanceof Boolean b ? b : otherwise;
    }

    @SuppressWarnings("unchecked")
    static List<String> strings(Map<String, ?> options, String key) {
        Object v = options.get(key);
        return v instanceof List<?> l ? List.copyOf((List<String>) l) : List.of();
    }

    /**
     * The addresses as the validator should parse them: with a point-to-point peer, a bare address means a host prefix
     * ({@code /32}, {@code /128}), as {@code ip addr add 192.168.50.10 peer 192.168.60.10} does.
     */
    static List<String> withHostPrefixes(List<String> addresses, String peer) {
        if (peer == null || peer.isEmpty()) {
            return List.copyOf(addresses);
        }
        List<String> out = new ArrayList<>();
        for (String a : addresses) {
            Optional<InetAddress> bare = a.contains("/") ? Optional.empty() : Cidr.parseAddress(a);
            out.add(bare.map(ip -> a.trim() + (ip instanceof Inet4Address ? "/32" : "/128")).orElse(a));
        }
        return List.copyOf(out);
    }

    // ---- checks

    /** The name must not be that of a fallback device of the tunnel drivers. */
    static void checkName(KindCheck check, String name) {
        if (name != null && FALLBACK_NAMES.contains(name)) {
            check.problem("name", name, "the kernel's tunnel drivers put a fallback device of that name in every"
                    + " namespace once they are loaded, so creating it fails (EEXIST). Use another name, e.g. \""
                    + name.replaceAll("\\d+$", "") + "1\".");
        }
    }

    /**
     * Checks local and remote of a point-to-point tunnel: both present, address literals, unicast, distinct, of one
     * family, and IPv4 for the kinds that run over IPv4 only.
     */
    static void checkEndpoints(KindCheck check, String kind, String ns, String local, String remote, boolean ipv4Only) {
        Optional<InetAddress> l = endpoint(check, "local", local,
                article(kind) + kind
                        + " tunnel needs the address its packets leave from. Set local to an address of namespace"
                        + " \"" + ns + "\" on the underlay interface.");
        Optional<InetAddress> r = endpoint(check, "remote", remote,
                article(kind) + kind + " tunnel needs the address of its far end. Set remote to the address of the far"
                        + " namespace's underlay interface.");
        if (l.isEmpty() || r.isEmpty()) {
            return;
        }
        checkPair(check, kind, local, l.get(), remote, r.get(), ipv4Only);
    }

    /**
     * Checks that two endpoints that both parsed are distinct, of one family and, if needed, IPv4; problems show the
     * texts as given.
     */
    static void checkPair(KindCheck check, String kind, String localText, InetAddress l, String remoteText,
            InetAddress r, boolean ipv4Only) {
        if (family(l) != family(r)) {
            check.problem("remote", remoteText, "remote is " + familyName(r) + " but local (" + localText + ") is "
                    + familyName(l) + ". Give both ends of the tunnel in the same family.");
        } else if (ipv4Only && !(l instanceof Inet4Address)) {
            check.problem("local", localText, kind + " tunnels run over IPv4 only (IPv6 underlays need ip6tnl or"
                    + " ip6gre, which netns4j does not build). Use IPv4 addresses for local and remote.");
        } else if (l.equals(r)) {
            check.problem("remote", remoteText, "the same address as local. Set remote to the far end's address.");
        }
    }

    /**
     * One endpoint address: present (else {@code missing}), a literal, and unicast; empty if it is not usable.
     *
     * @param missing
     *            the problem text when it is empty, or null if it may be empty
     */
    static Optional<InetAddress> endpoint(KindCheck check, String attribute, String text, String missing) {
        if (text == null || text.isEmpty()) {
            if (missing != null) {
                check.problem(attribute, "", missing);
            }
            return Optional.empty();
        }
        Optional<InetAddress> ip = Cidr.parseAddress(text);
        if (ip.isEmpty()) {
            check.problem(attribute, text, "not an IP address (and host names are not resolved). Write an address"
                    + " literal without a prefix, e.g. \"10.1.0.2\".");
            return Optional.empty();
        }
        InetAddress a = ip.get();
        if (a.isMulticastAddress() || a.isLoopbackAddress() || a.isAnyLocalAddress()) {
            check.problem(attribute, text,
                    "a " + (a.isMulticastAddress() ? "multicast" : a.isLoopbackAddress() ? "loopback" : "wildcard")
                            + " address cannot be a tunnel endpoint. Use a unicast address of an underlay"
                            + " interface.");
            return Optional.empty();
        }
        return ip;
    }

    /**
     * TTL 0..255, TOS 0..255, and no fixed TTL without path MTU discovery.
     *
     * @param pmtudisc
     *            null for a kind without the setting
     * @param ttlZero
     *            what TTL 0 means for the kind, e.g. "0 to copy the inner packet's TTL"
     */
    static void checkTtlTos(KindCheck check, int ttl, int tos, Boolean pmtudisc, String ttlZero) {
        if (ttl < 0 || ttl > 255) {
            check.problem("ttl", ttl, "out of range. Use 1 to 255, or " + ttlZero + ".");
        }
        if (tos < 0 || tos > 255) {
            check.problem("tos", tos, "out of range. Use 0 to 255 (1 copies the inner packet's, as tos inherit).");
        }
        if (pmtudisc != null && !pmtudisc && ttl != 0) {
            check.problem("pmtudisc", false, "path MTU discovery can only be off with ttl = 0 (ip says: \"ttl != 0"
                    + " and nopmtudisc are incompatible\"). Set ttl = 0 or leave pmtudisc on.");
        }
    }

    /** The underlay device, if given, must be another interface of the namespace. */
    static void checkDev(KindCheck check, String ns, String dev, String name) {
        if (dev == null || dev.isEmpty()) {
            return;
        }
        Set<String> names = check.interfaces(ns);
        if (dev.equals(name)) {
            check.problem("dev", dev, "a tunnel cannot be its own underlay. Name the interface its outer packets"
                    + " leave by, or leave dev empty.");
        } else if (!names.contains(dev)) {
            check.problem("dev", dev, "namespace \"" + ns + "\" has no interface of that name"
                    + (names.isEmpty() ? "" : " (it has " + String.join(", ", new java.util.TreeSet<>(names)) + ")")
                    + ". Name the interface the outer packets leave by, or leave dev empty.");
        }
    }

    /** A point-to-point peer: an address of the family of the device's addresses, which it needs. */
    static void checkPeer(KindCheck check, String peer, List<String> addresses) {
        if (peer == null || peer.isEmpty()) {
            return;
        }
        Optional<InetAddress> ip = Cidr.parseAddress(peer);
        if (ip.isEmpty()) {
            check.problem("peer", peer, "not an IP address. Write the far end's tunnel address without a prefix, e.g."
                    + " \"192.168.60.10\".");
            return;
        }
        InetAddress p = ip.get();
        if (p.isMulticastAddress() || p.isLoopbackAddress() || p.isAnyLocalAddress()) {
            check.problem("peer", peer,
                    "a " + (p.isMulticastAddress() ? "multicast" : p.isLoopbackAddress() ? "loopback" : "wildcard")
                            + " address cannot be a point-to-point peer. Use the far end's tunnel address.");
            return;
        }
        if (addresses.isEmpty()) {
            String example = p instanceof Inet4Address ? "192.168.50.10" : "fd00:50::10";
            check.problem("peer", peer, "a peer pairs with an address of this end, and there is none. Add an address"
                    + " (e.g. \"" + example + "\") or drop peer.");
            return;
        }
        for (String a : addresses) {
            Optional<Cidr> c = Cidr.parse(a);
            if (c.isEmpty()) {
                continue; // reported by the validator
            }
            if (family(c.get().address()) != family(p)) {
                check.problem("peer", peer, "the peer is " + familyName(p) + " but address " + a + " is "
                        + familyName(c.get().address()) + ". Give the peer and the addresses in one family.");
                return;
            }
            if (c.get().address().equals(p)) {
                check.problem("peer", peer, "the same as this end's address. Set peer to the far end's address.");
                return;
            }
        }
    }

    /**
     * Options given to a kind that does not have them ({@code key} on ipip...): possible only with the builder's shared
     * tunnel options, as each annotation has exactly its kind's attributes.
     */
    static void checkForeign(KindCheck check, String kind, Map<String, Object> foreign) {
        foreign.forEach((attribute, value) -> {
            List<String> owners = OWNERS.get(attribute);
            List<String> calls = owners.stream().map(k -> k + "(...)").toList();
            String use = calls.size() <= 1 ? String.join("", calls)
                    : String.join(", ", calls.subList(0, calls.size() - 1)) + " or " + calls.get(calls.size() - 1);
            String have = owners.size() == 1 ? owners.get(0)
                    : String.join(", ", owners.subList(0, owners.size() - 1)) + " and " + owners.get(owners.size() - 1);
            check.problem(attribute, value, kind + " tunnels have no " + attribute + " (" + have
                    + " tunnels have). Drop it, or use " + use + " instead.");
        });
    }

    // ---- after validation

    /**
     * The addresses the runtime adds to a NOARP tunnel device (ipip, gre, sit): the IPv4 ones. Its IPv6 ones
     * ({@link #ipv6}) are added by the kind's builder instead: after adding IPv6 addresses the runtime waits until the
     * device has joined their solicited-node multicast groups, and the kernel joins none on a NOARP device
     * ({@code addrconf_join_solict}), so the build would time out.
     */
    static List<Cidr> ipv4(List<Cidr> addresses) {
        return addresses.stream().filter(c -> !c.isIpv6()).toList();
    }

    /** The IPv6 addresses of a NOARP tunnel device, which its builder adds (see {@link #ipv4}). */
    static List<Cidr> ipv6(List<Cidr> addresses) {
        return addresses.stream().filter(Cidr::isIpv6).toList();
    }

    /** A validated address literal, or null if empty. */
    static InetAddress address(String text) {
        return text == null || text.isEmpty() ? null : Cidr.parseAddress(text).orElseThrow();
    }

    /** "an ipip", "a gre". */
    private static String article(String kind) {
        return kind.startsWith("i") ? "an " : "a ";
    }

    private static int family(InetAddress a) {
        return a instanceof Inet4Address ? 4 : 6;
    }

    private static String familyName(InetAddress a) {
        return a instanceof Inet4Address ? "IPv4" : "IPv6";
    }
}
