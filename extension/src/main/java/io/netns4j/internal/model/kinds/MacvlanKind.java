package io.netns4j.internal.model.kinds;

import io.netns4j.annotations.Macvlan;
import io.netns4j.annotations.MacvlanMode;
import io.netns4j.annotations.Macvtap;
import io.netns4j.internal.model.Cidr;
import io.netns4j.internal.model.KindCheck;
import io.netns4j.internal.model.LinkPlan;
import io.netns4j.internal.model.LinkSpec;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The macvlan kind (and macvtap, a macvlan whose frames go to a character device): its declaration and its plan.
 */
public final class MacvlanKind {

    private MacvlanKind() {
    }

    /**
     * {@code @Macvlan} or {@code @Macvtap} as given.
     *
     * @param tap
     *            a macvtap device rather than a macvlan
     */
    public record Spec(String ns, String name, String parent, String parentNs, MacvlanMode mode, String mac,
            List<String> macaddrs, boolean tap, List<String> addresses, String declaration) implements LinkSpec {

        public Spec {
            macaddrs = List.copyOf(macaddrs);
            addresses = List.copyOf(addresses);
        }

        public static Spec of(Macvlan a, String where) {
            return new Spec(a.ns(), a.name(), a.parent(), a.parentNs(), a.mode(), a.mac(), List.of(a.macaddrs()), false,
                    List.of(a.address()),
                    describe("@Macvlan", a.ns(), a.name(), a.parent(), a.parentNs(), a.mode()) + " " + where);
        }

        public static Spec of(Macvtap a, String where) {
            return new Spec(a.ns(), a.name(), a.parent(), a.parentNs(), a.mode(), a.mac(), List.of(a.macaddrs()), true,
                    List.of(a.address()),
                    describe("@Macvtap", a.ns(), a.name(), a.parent(), a.parentNs(), a.mode()) + " " + where);
        }

        @Override
        public String kind() {
            return MacvlanKind.kind(tap);
        }

        @Override
        public void validate(KindCheck check) {
            MacvlanKind.validate(kind(), ns, name, parent, parentNs, mode, mac, macaddrs, check);
        }

        @Override
        public LinkPlan plan(String name, List<Cidr> addresses, String parentNs) {
            return new Plan(ns, name, addresses, parent, parentNs, mode, parseMac(mac).orElse(null), macs(macaddrs),
                    tap, declaration);
        }
    }

    /**
     * A macvlan or macvtap device to build; the test gets the character device of a macvtap device as a handle.
     *
     * @param mac
     *            the device's MAC address, or null for a random one
     * @param macaddrs
     *            the senders a {@link MacvlanMode#SOURCE} device receives from; empty otherwise
     * @param tap
     *            a macvtap device rather than a macvlan
     */
    public record Plan(String ns, String name, List<Cidr> addresses, String parent, String parentNs, MacvlanMode mode,
            byte[] mac, List<byte[]> macaddrs, boolean tap, String declaration) implements LinkPlan {

        @Override
        public String kind() {
            return MacvlanKind.kind(tap);
        }
    }

    private static String kind(boolean tap) {
        return tap ? "macvtap" : "macvlan";
    }

    /** {@code @Macvlan(ns = "a", name = "mv0", parent = "eth0", parentNs = "host", mode = VEPA)}, defaults left out. */
    private static String describe(String annotation, String ns, String name, String parent, String parentNs,
            MacvlanMode mode) {
        return annotation + "(ns = \"" + ns + "\"" + (name == null || name.isEmpty() ? "" : ", name = \"" + name + "\"")
                + ", parent = \"" + parent + "\""
                + (parentNs == null || parentNs.isEmpty() ? "" : ", parentNs = \"" + parentNs + "\"")
                + (mode == MacvlanMode.BRIDGE ? "" : ", mode = " + mode) + ")";
    }

    /**
     * The checks of a macvlan or macvtap declaration beyond what the {@code Validator} checks of every device (the
     * namespaces, the name, the addresses, that a named parent exists).
     */
    private static void validate(String kind, String ns, String name, String parent, String parentNs, MacvlanMode mode,
            String mac, List<String> macaddrs, KindCheck check) {
        String parentNamespace = parentNs == null || parentNs.isEmpty() ? ns : parentNs;
        if (mode == null) {
            check.problem("mode", null, "a " + kind + " needs a mode. Use one of BRIDGE, VEPA, PRIVATE, PASSTHRU or"
                    + " SOURCE (MacvlanMode).");
            return;
        }
        if (parent == null || parent.isEmpty()) {
            check.problem("parent", "", "a " + kind + " needs a parent device. Name the interface it sits on, e.g."
                    + " parent = \"eth0\".");
        } else if (parent.equals(name) && parentNamespace.equals(ns)) {
            check.problem("parent", parent, "a device cannot be its own parent. Name another interface of namespace \""
                    + parentNamespace + "\".");
        } else {
            checkParent(kind, parent, parentNamespace, mode, check);
        }
        if (mac != null && !mac.isEmpty()) {
            if (mode == MacvlanMode.PASSTHRU) {
                check.problem("mac", mac, "mode PASSTHRU gives the device its parent's MAC address, so this one would"
                        + " be ignored. Remove mac, or use another mode.");
            } else {
                checkMac("mac", mac, "a device's", check);
            }
        }
        if (mode == MacvlanMode.SOURCE) {
            if (macaddrs.isEmpty()) {
                check.problem("mode", mode, "mode SOURCE receives only the frames of the senders listed in macaddrs,"
                        + " and the list is empty. List them, e.g. macaddrs = \"02:00:00:00:00:01\".");
            }
            List<String> seen = new ArrayList<>();
            for (String m : macaddrs) {
                if (checkMac("macaddrs", m, "a sender's", check)) {
                    String normal = format(parseMac(m).orElseThrow());
                    if (seen.contains(normal)) {
                        check.problem("macaddrs", m, "listed twice. List each sender once.");
                    }
                    seen.add(normal);
                }
            }
        } else if (!macaddrs.isEmpty()) {
            check.problem("macaddrs", String.join(", ", macaddrs), "only mode SOURCE uses a list of senders' MAC"
                    + " addresses; mode " + mode + " would ignore it. Set mode = SOURCE, or remove macaddrs.");
        }
    }

    private static void checkParent(String kind, String parent, String parentNs, MacvlanMode mode, KindCheck check) {
        String parentKind = check.kindOf(parentNs, parent);
        if (parentKind != null && ReceiveHandlers.NOT_ETHERNET.contains(parentKind)) {
            check.problem("parent", parent, "that is a " + parentKind + " device, which carries no Ethernet frames. Put"
                    + " the " + kind + " on an Ethernet device: a veth end, a bridge, a dummy.");
            return;
        }
        List<String> siblings = check.kindsOnParent(parentNs, parent);
        ReceiveHandlers.checkOneFamily(kind, parent, parentNs, siblings, ReceiveHandlers.IPVLAN_FAMILY, check);
        long macvlans = siblings.stream().filter(ReceiveHandlers.MACVLAN_FAMILY::contains).count();
        if (mode == MacvlanMode.PASSTHRU && macvlans > 0) {
            check.problem("mode", mode, parent + " of namespace \"" + parentNs + "\" carries " + macvlans + " other"
                    + (macvlans == 1 ? " macvlan or macvtap device" : " macvlan or macvtap devices")
                    + ", and a PASSTHRU device must be the only one on its parent. Give it a parent of its own, or use"
                    + " another mode.");
        }
    }

    private static boolean checkMac(String attribute, String text, String whose, KindCheck check) {
        Optional<byte[]> mac = parseMac(text);
        if (mac.isEmpty()) {
            check.problem(attribute, text,
                    "not a MAC address. Write six hex bytes separated by colons, e.g." + " \"02:00:00:00:00:01\".");
            return false;
        }
        byte[] b = mac.get();
        if ((b[0] & 1) != 0) {
            check.problem(attribute, text, "a multicast MAC address (the first byte is odd) cannot be " + whose
                    + " address. Use a unicast one, e.g. \"02:00:00:00:00:01\".");
            return false;
        }
        if (java.util.Arrays.equals(b, new byte[6])) {
            check.problem(attribute, text, "the all-zero MAC address cannot be " + whose + " address. Use another,"
                    + " e.g. \"02:00:00:00:00:01\".");
            return false;
        }
        return true;
    }

    /** Parses {@code 02:00:00:00:00:01} (one or two hex digits per byte, any case); empty if it is not one. */
    private static Optional<byte[]> parseMac(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        String[] parts = text.split(":", -1);
        if (parts.length != 6) {
            return Optional.empty();
        }
        byte[] mac = new byte[6];
        for (int i = 0; i < 6; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 2 || !p.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return Optional.empty();
            }
            mac[i] = (byte) Integer.parseInt(p, 16);
        }
        return Optional.of(mac);
    }

    private static List<byte[]> macs(List<String> texts) {
        return texts.stream().map(t -> parseMac(t).orElseThrow()).toList();
    }

    private static String format(byte[] mac) {
        return HexFormat.ofDelimiter(":").formatHex(mac);
    }
}
