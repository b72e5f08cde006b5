package io.netns4j.internal.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The user namespace this JVM runs in, as {@code /proc/self/uid_map} and {@code /proc/self/gid_map} describe it: the
 * host's own (real root) or one the JVM was started in (e.g. by {@code unshare -Urn java ...}, the rootless way), where
 * only the mapped ids exist.
 *
 * @param uidMap
 *            the ranges of {@code /proc/self/uid_map}
 * @param gidMap
 *            the ranges of {@code /proc/self/gid_map}
 */
record UserNamespace(List<Range> uidMap, List<Range> gidMap) {

    /** The largest group id {@code net.ipv4.ping_group_range} accepts. */
    static final long MAX_PING_GID = 2147483647L;
    private static final long FULL_MAP = 4294967295L;

    /**
     * One line of an id map: {@code count} ids from {@code inside} in this namespace are ids from {@code outside} in
     * the parent's.
     */
    record Range(long inside, long outside, long count) {
    }

    UserNamespace {
        uidMap = List.copyOf(uidMap);
        gidMap = List.copyOf(gidMap);
    }

    /**
     * This JVM's user namespace, read from {@code /proc/self} once (a process cannot change it once it has threads).
     */
    static UserNamespace current() {
        return Current.INSTANCE;
    }

    private static final class Current {
        static final UserNamespace INSTANCE = read();
    }

    private static UserNamespace read() {
        try {
            return new UserNamespace(parse(Files.readString(Path.of("/proc/self/uid_map"))),
                    parse(Files.readString(Path.of("/proc/self/gid_map"))));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read this process's user namespace maps in /proc/self", e);
        }
    }

    /** The ranges of an id map as the kernel prints it: one {@code inside outside count} line per range. */
    static List<Range> parse(String map) {
        List<Range> ranges = new ArrayList<>();
        for (String line : map.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 1 && f[0].isEmpty()) {
                continue;
            }
            if (f.length != 3) {
                throw new IllegalArgumentException(
                        "An id map line should read \"inside outside count\", not \"" + line.trim() + "\"");
            }
            ranges.add(new Range(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2])));
        }
        return ranges;
    }

    /** Whether this is the host's initial user namespace (every id mapped to itself), where real root lives. */
    boolean isInitial() {
        return uidMap.equals(List.of(new Range(0, 0, FULL_MAP)));
    }

    /**
     * The value to write to {@code net.ipv4.ping_group_range} so that every group of this namespace may open ICMP echo
     * sockets: {@code 0 2147483647} for the host's user namespace; in a user namespace, whose sysctl accepts only
     * mapped group ids as bounds, the lowest and the highest mapped one ({@code 0 0} under {@code unshare -Urn}).
     */
    String pingGroupRange() {
        long low = Long.MAX_VALUE;
        long high = -1;
        for (Range r : gidMap) {
            if (r.count() <= 0 || r.inside() > MAX_PING_GID) {
                continue;
            }
            low = Math.min(low, r.inside());
            high = Math.max(high, Math.min(r.inside() + r.count() - 1, MAX_PING_GID));
        }
        if (high < 0) {
            // No group is mapped: no bound is valid, and the kernel's default ("1 0") is the only honest value.
            return "1 0";
        }
        return low + " " + high;
    }

    /**
     * Checks that {@code id} is a user ({@code group} false) or group id of this namespace: the kernel refuses ids that
     * are not mapped ({@code EINVAL}), which under {@code unshare -Urn} is every id but 0.
     *
     * @param what
     *            what the id is for, for the message, e.g. {@code owner of TAP tap0 in namespace a}
     *
     * @throws IllegalStateException
     *             naming the id, what it is for, the ids that exist and how to fix it
     */
    void requireMapped(long id, boolean group, String what) {
        List<Range> map = group ? gidMap : uidMap;
        for (Range r : map) {
            if (id >= r.inside() && id - r.inside() < r.count()) {
                return;
            }
        }
        String kind = group ? "group" : "user";
        StringBuilder ids = new StringBuilder();
        for (Range r : map) {
            ids.append(ids.length() == 0 ? "" : ", ").append(r.inside())
                    .append(r.count() > 1 ? "-" + (r.inside() + r.count() - 1) : "");
        }
        throw new IllegalStateException(what + ": " + kind + " " + id + " does not exist in this JVM's user namespace"
                + " (it runs as root of one, e.g. under unshare -Urn, where only the " + kind + " ids "
                + (ids.length() == 0 ? "of none" : ids) + " exist); use one of those or run the test as real root");
    }

    /**
     * Empty in the host's user namespace; in another, why a link kind whose handle is a character device
     * ({@code /dev/tapN} of macvtap and ipvtap) cannot be used: the node can be neither created (that needs
     * {@code CAP_MKNOD} over the host) nor opened from a mount that a user namespace made (such mounts are
     * {@code nodev}), nor is the host's {@code /dev/tapN} open to anyone but real root.
     */
    Optional<String> missingCharacterDevices(String kind) {
        if (isInitial()) {
            return Optional.empty();
        }
        return Optional.of(kind + ": its character device /dev/tapN cannot be created or opened from a user namespace"
                + " (this JVM runs as root of one, e.g. under unshare -Urn: device nodes need real root); run this test"
                + " as root or set netns4j.missingKernelFeature=fail");
    }
}
