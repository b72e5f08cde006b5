package io.netns4j.leaks;

import io.netns4j.testsupport.Leftovers;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code /proc} says about network namespaces, read without netns4j: the independent witness of the leak tests.
 * Every method tolerates processes and threads that end while it looks.
 */
final class Proc {

    private Proc() {
    }

    /**
     * The root network namespace, as the JVM's main thread (which the tests never move) sees it. {@code /proc/1/ns/net}
     * is not readable on every machine (it is not on the development VM), so it is not used.
     */
    static String rootInode() {
        return link(Path.of("/proc/self/ns/net"));
    }

    /**
     * Whether {@code process} still runs: a zombie does not (it holds no namespace any more; it only waits for its
     * parent, often init, to reap it, which some inits do late).
     */
    static boolean isRunning(ProcessHandle process) {
        return process.isAlive() && !isZombie(Path.of("/proc", Long.toString(process.pid())));
    }

    /** Every network namespace that process {@code pid} holds: those of its threads and of its descriptors. */
    static Set<String> namespacesHeldBy(long pid) {
        Set<String> out = new TreeSet<>();
        Path proc = Path.of("/proc", Long.toString(pid));
        for (Path task : list(proc.resolve("task"))) {
            String ns = link(task.resolve("ns/net"));
            if (ns != null) {
                out.add(ns);
            }
        }
        for (Path fd : list(proc.resolve("fd"))) {
            String target = link(fd);
            if (target != null && target.startsWith("net:[")) {
                out.add(target);
            }
        }
        return out;
    }

    /** The processes of the host (zombies excluded) whose network namespace is one of {@code inodes}. */
    static List<String> processesIn(Set<String> inodes) {
        List<String> out = new ArrayList<>();
        for (Path p : pids()) {
            String ns = link(p.resolve("ns/net"));
            if (ns != null && inodes.contains(ns) && !isZombie(p)) {
                out.add("pid " + p.getFileName() + " `" + cmdline(p) + "` in " + ns);
            }
        }
        return out;
    }

    /** The pids of {@link #processesIn}. */
    static List<Long> pidsIn(Set<String> inodes) {
        List<Long> out = new ArrayList<>();
        for (Path p : pids()) {
            String ns = link(p.resolve("ns/net"));
            if (ns != null && inodes.contains(ns) && !isZombie(p)) {
                out.add(Long.parseLong(p.getFileName().toString()));
            }
        }
        return out;
    }

    /**
     * Everything on the host that keeps one of {@code inodes} alive and that {@code /proc} can show: a thread in it, or
     * a descriptor of it.
     */
    static List<String> referencesTo(Set<String> inodes) {
        List<String> out = new ArrayList<>();
        for (Path p : pids()) {
            for (Path task : list(p.resolve("task"))) {
                String ns = link(task.resolve("ns/net"));
                if (ns != null && inodes.contains(ns)) {
                    out.add("thread " + task.getFileName() + " of pid " + p.getFileName() + " `" + cmdline(p) + "` in "
                            + ns);
                }
            }
            for (Path fd : list(p.resolve("fd"))) {
                String target = link(fd);
                if (target != null && inodes.contains(target)) {
                    out.add("fd " + fd.getFileName() + " of pid " + p.getFileName() + " `" + cmdline(p) + "` -> "
                            + target);
                }
            }
        }
        return out;
    }

    /** The root namespace's links, from {@code /sys/class/net} (read from a root-namespace thread). */
    static Set<String> rootLinks() {
        Set<String> out = new TreeSet<>();
        for (Path l : list(Path.of("/sys/class/net"))) {
            out.add(l.getFileName().toString());
        }
        return out;
    }

    /** The namespace of each thread of this JVM, as lines {@code comm (tid N) -> net:[...]}. */
    static List<String> ownThreads() {
        List<String> out = new ArrayList<>();
        for (Path task : list(Path.of("/proc/self/task"))) {
            String ns = link(task.resolve("ns/net"));
            if (ns != null) {
                out.add(read(task.resolve("comm")).trim() + " (tid " + task.getFileName() + ") -> " + ns);
            }
        }
        return out;
    }

    static int ownFdCount() {
        return list(Path.of("/proc/self/fd")).size();
    }

    static int ownThreadCount() {
        return list(Path.of("/proc/self/task")).size();
    }

    /**
     * {@link Leftovers#newSince} without lines about the root namespace itself: a safeguard for machines where the root
     * namespace cannot be told (an earlier {@code Leftovers} read {@code /proc/1/ns/net}, which is unreadable on the
     * development VM, and then reported every new thread and process of the host).
     */
    static List<String> leftoversSince(Leftovers.Snapshot before) {
        String root = rootInode();
        return Leftovers.newSince(before).stream().filter(l -> !l.endsWith("-> " + root)).toList();
    }

    /** Like {@link #leftoversSince} but only about {@code inodes}, the namespaces the test made. */
    static List<String> leftoversSince(Leftovers.Snapshot before, Set<String> inodes) {
        return leftoversSince(before).stream()
                .filter(l -> !l.startsWith("process in a namespace: ") || inodes.stream().anyMatch(l::endsWith))
                .toList();
    }

    private static List<Path> pids() {
        List<Path> out = new ArrayList<>();
        for (Path p : list(Path.of("/proc"))) {
            String name = p.getFileName().toString();
            if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
                out.add(p);
            }
        }
        return out;
    }

    private static boolean isZombie(Path proc) {
        String stat = read(proc.resolve("stat"));
        int close = stat.lastIndexOf(')');
        return close > 0 && close + 2 < stat.length() && stat.charAt(close + 2) == 'Z';
    }

    private static String cmdline(Path proc) {
        return read(proc.resolve("cmdline")).replace('\0', ' ').trim();
    }

    static List<Path> list(Path dir) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            s.forEach(out::add);
        } catch (IOException e) {
            // a process or thread that ended
        }
        return out;
    }

    static String link(Path p) {
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
