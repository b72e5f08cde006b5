package io.netns4j.testsupport;

import io.netns4j.internal.runtime.NamespacePool;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a test could leave in the kernel, read from {@code /proc} without using netns4j: network namespaces that this
 * JVM still holds (by a descriptor or a thread), processes of the host that live in a network namespace other than the
 * root one, the root namespace's links, and names this JVM made under {@code /run/netns} ({@code netns4j-<pid>.*}).
 *
 * <p>
 * Take a {@link #snapshot()} before, another after, and compare with {@link #newSince(Snapshot)}. Kernel teardown of
 * namespaces is asynchronous, so callers wait for the difference to vanish (e.g. with Awaitility) rather than expecting
 * it to be empty at once.
 */
public final class Leftovers {

    private Leftovers() {
    }

    /** A view of the state that tests must leave as they found it. */
    public record Snapshot(Set<String> jvmNamespaces, Set<String> foreignNamespaceProcesses, Set<String> rootLinks,
            Set<String> namedNamespaces) {
    }

    public static Snapshot snapshot() {
        // The warm pool holds namespaces made ahead on purpose (EngineTestKit runs see no system properties, so the
        // pool is on there): empty it first, so that only what a test left counts.
        NamespacePool.get().drain();
        // The JVM's first thread never leaves the root namespace: /proc/self/ns/net is that thread's. (/proc/1/ns/net
        // would do too, but is unreadable on some machines: a Firecracker guest, a hardened container.)
        String root = link(Path.of("/proc/self/ns/net"));
        Set<String> jvm = new TreeSet<>();
        for (Path fd : list(Path.of("/proc/self/fd"))) {
            String target = link(fd);
            if (target != null && target.startsWith("net:[") && !target.equals(root)) {
                jvm.add("fd " + fd.getFileName() + " -> " + target);
            }
        }
        for (Path task : list(Path.of("/proc/self/task"))) {
            String ns = link(task.resolve("ns/net"));
            if (ns != null && !ns.equals(root)) {
                jvm.add("thread " + read(task.resolve("comm")).trim() + " (tid " + task.getFileName() + ") -> " + ns);
            }
        }
        Set<String> procs = new TreeSet<>();
        for (Path p : list(Path.of("/proc"))) {
            String name = p.getFileName().toString();
            if (!name.chars().allMatch(Character::isDigit)) {
                continue;
            }
            String ns = link(p.resolve("ns/net"));
            String cmd = read(p.resolve("cmdline")).replace('\0', ' ').trim();
            if (ns != null && !ns.equals(root) && !cmd.isEmpty()) {
                procs.add("pid " + name + " " + cmd + " -> " + ns);
            }
        }
        Set<String> links = new TreeSet<>();
        for (Path l : list(Path.of("/sys/class/net"))) {
            links.add(l.getFileName().toString());
        }
        Set<String> named = new TreeSet<>();
        String mine = "netns4j-" + ProcessHandle.current().pid() + ".";
        for (Path n : list(Path.of("/run/netns"))) {
            if (n.getFileName().toString().startsWith(mine)) {
                named.add(n.toString());
            }
        }
        return new Snapshot(jvm, procs, links, named);
    }

    /** Whatever {@code now} holds that {@code before} did not, as readable lines; empty if nothing. */
    public static List<String> newSince(Snapshot before) {
        Snapshot now = snapshot();
        List<String> out = new ArrayList<>();
        diff(before.jvmNamespaces(), now.jvmNamespaces(), "namespace held by this JVM: ", out);
        diff(before.foreignNamespaceProcesses(), now.foreignNamespaceProcesses(), "process in a namespace: ", out);
        diff(before.rootLinks(), now.rootLinks(), "link in the root namespace: ", out);
        diff(before.namedNamespaces(), now.namedNamespaces(), "name under /run/netns: ", out);
        Set<String> gone = new HashSet<>(before.rootLinks());
        gone.removeAll(now.rootLinks());
        gone.forEach(l -> out.add("link vanished from the root namespace: " + l));
        return out;
    }

    private static void diff(Set<String> before, Set<String> now, String prefix, List<String> out) {
        for (String s : now) {
            if (!before.contains(s)) {
                out.add(prefix + s);
            }
        }
    }

    private static List<Path> list(Path dir) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            s.forEach(out::add);
        } catch (IOException e) {
            // a directory of a process that ended
        }
        return out;
    }

    private static String link(Path p) {
        try {
            return Files.readSymbolicLink(p).toString();
        } catch (IOException e) {
            return null;
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "";
        }
    }
}
