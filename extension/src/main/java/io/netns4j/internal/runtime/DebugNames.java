package io.netns4j.internal.runtime;

import io.netns4j.internal.sys.Sys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names under {@code /run/netns} for the namespaces of a kept topology, so that {@code ip netns exec NAME ...} and
 * every other iproute2 tool can enter them: each namespace's descriptor is bind-mounted at
 * {@code /run/netns/netns4j-<run>-<n>-<ns>}, as {@code ip netns add} does for a namespace it creates.
 *
 * <h2>Names</h2> {@code <run>} identifies this JVM so that a later JVM can tell whether it still lives:
 * {@code <pid>.<start>.<pidns>} with the process id, its start time in clock ticks after boot (field 22 of
 * {@code /proc/<pid>/stat}) and the inode of its PID namespace ({@code readlink /proc/<pid>/ns/pid}); {@code <n>}
 * numbers the topologies kept by this JVM; {@code <ns>} is the namespace's name in the topology. Example:
 * {@code netns4j-48213.917734.4026531836-1-client}.
 *
 * <h2>The host's mounts</h2> A missing {@code /run/netns} is created (mode 0755, as iproute2 does) and removed again
 * when the last name made by this JVM goes, if it is empty then. Unlike {@code ip netns add}, this does not turn
 * {@code /run/netns} into a shared bind mount of itself: the names are plain bind mounts on files of that directory and
 * follow the propagation of the mount that holds it (shared on systemd hosts). Releasing a name unmounts it
 * ({@code MNT_DETACH}) and deletes the file, as {@code ip netns delete} does; nothing else of the mount table changes.
 *
 * <h2>Leftovers</h2> A JVM that exits while it keeps a topology (Ctrl-C, SIGTERM, {@code System.exit}) removes its
 * names in a shutdown hook. A JVM killed with SIGKILL leaves them behind, and they keep the namespaces alive.
 * {@link #sweep()} removes them: it runs once per JVM before the first topology is built and removes only entries whose
 * name has the form above, whose PID namespace is this JVM's, and whose process has ended (no such pid, or a pid with
 * another start time). Live runs (parallel Surefire forks), runs in other PID namespaces and every other name are left
 * alone.
 */
public final class DebugNames implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("io.netns4j");

    /** The directory of iproute2's named namespaces. */
    public static final Path DIRECTORY = Path.of("/run/netns");

    /** The prefix of every name netns4j makes there. */
    public static final String PREFIX = "netns4j-";

    /** {@code netns4j-<pid>.<start>.<pidns>-<n>-<ns>}. */
    static final Pattern NAME = Pattern.compile("netns4j-(\\d+)\\.(\\d+)\\.(\\d+)-(\\d+)-(.+)");

    private static final AtomicInteger TOPOLOGIES = new AtomicInteger();
    private static final AtomicBoolean SWEPT = new AtomicBoolean();
    /** The names not yet released, which a JVM that exits (Ctrl-C, SIGTERM, System.exit) removes on its way out. */
    private static final java.util.Set<DebugNames> OPEN = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean HOOKED = new AtomicBoolean();
    private static final Object DIRECTORY_LOCK = new Object();
    /** Whether this JVM created {@link #DIRECTORY}, and how many of its names live there now. */
    private static boolean createdDirectory;
    private static int live;

    /** One name: the namespace's name in the topology, the path under {@code /run/netns}, its descriptor. */
    public record Entry(String ns, String name, Path path, long pid, int fd) {
    }

    private final List<Entry> entries;
    private boolean closed;

    private DebugNames(List<Entry> entries) {
        this.entries = entries;
    }

    /** The names, in the order of the topology's namespaces. */
    public List<Entry> entries() {
        return entries;
    }

    /** This JVM's run: {@code <pid>.<start>.<pidns>}. */
    public static String run() {
        return Run.current().token();
    }

    /**
     * Names every namespace of the topology (hidden ones of bridges too) under {@code /run/netns}. Either all names are
     * made or none: a failure removes those made so far and throws.
     */
    static DebugNames mount(LiveTopology topology) {
        String prefix = PREFIX + run() + "-" + TOPOLOGIES.incrementAndGet() + "-";
        long pid = ProcessHandle.current().pid();
        List<Entry> made = new ArrayList<>();
        DebugNames names = new DebugNames(made);
        if (HOOKED.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(DebugNames::closeAllOnExit, "netns4j-debug-names"));
        }
        OPEN.add(names);
        try {
            for (Map.Entry<String, Namespace> e : topology.allNamespaces().entrySet()) {
                String name = prefix + e.getKey();
                Path path = DIRECTORY.resolve(name);
                int fd = e.getValue().fd().get();
                createPlaceholder(path);
                try {
                    Sys.bindMount("/proc/self/fd/" + fd, path.toString());
                } catch (RuntimeException ex) {
                    deletePlaceholder(path);
                    throw ex;
                }
                made.add(new Entry(e.getKey(), name, path, pid, fd));
            }
            return names;
        } catch (RuntimeException e) {
            try {
                names.close();
            } catch (RuntimeException ex) {
                e.addSuppressed(ex);
            }
            throw e;
        }
    }

    /**
     * Unmounts and deletes every name, as {@code ip netns delete} does; throws the first failure, the rest attached.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        OPEN.remove(this);
        RuntimeException failure = null;
        for (Entry e : entries) {
            try {
                remove(e.path());
            } catch (RuntimeException ex) {
                if (failure == null) {
                    failure = ex;
                } else {
                    failure.addSuppressed(ex);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static void closeAllOnExit() {
        for (DebugNames names : OPEN) {
            try {
                names.close();
            } catch (RuntimeException e) {
                // the next JVM's sweep removes what is left
            }
        }
    }

    private static void createPlaceholder(Path path) {
        // Another JVM that created the directory may remove it between our mkdir and our file: try again then.
        for (int attempt = 0;; attempt++) {
            synchronized (DIRECTORY_LOCK) {
                try {
                    if (!Files.isDirectory(DIRECTORY)) {
                        try {
                            Files.createDirectory(DIRECTORY,
                                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
                            createdDirectory = true;
                        } catch (FileAlreadyExistsException e) {
                            // made meanwhile by someone else
                        }
                    }
                    Files.createFile(path);
                    live++;
                    return;
                } catch (NoSuchFileException e) {
                    if (attempt == 3) {
                        throw new UncheckedIOException("Cannot create " + path, e);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot create " + path + " (" + e + ")", e);
                }
            }
        }
    }

    private static void deletePlaceholder(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + path, e);
        }
        synchronized (DIRECTORY_LOCK) {
            live--;
            if (live == 0 && createdDirectory) {
                try {
                    Files.delete(DIRECTORY);
                    createdDirectory = false;
                } catch (DirectoryNotEmptyException | NoSuchFileException e) {
                    // names of others live there, or someone removed it: either way it is no longer ours to remove
                    createdDirectory = false;
                } catch (FileSystemException e) {
                    // a mount point now (ip netns add made it one): leave it
                    createdDirectory = false;
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.WARNING, "netns4j could not remove " + DIRECTORY + ", which it created",
                            e);
                }
            }
        }
    }

    /** {@code umount2(path, MNT_DETACH | UMOUNT_NOFOLLOW)}, then the file: what {@code ip netns delete} does. */
    private static void remove(Path path) {
        Sys.umount2(path.toString(), Sys.MNT_DETACH | Sys.UMOUNT_NOFOLLOW);
        deletePlaceholder(path);
    }

    /**
     * Removes the names left under {@code /run/netns} by netns4j runs that have ended (see the class comment), and
     * returns them. Never touches a name of a live run, of another PID namespace, or without the {@value #PREFIX} form.
     */
    public static List<String> sweep() {
        List<String> removed = new ArrayList<>();
        if (!Files.isDirectory(DIRECTORY)) {
            return removed;
        }
        Run me = Run.current();
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(DIRECTORY, PREFIX + "*")) {
            s.forEach(p -> names.add(p.getFileName().toString()));
        } catch (NoSuchFileException e) {
            return removed;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + DIRECTORY, e);
        }
        for (String name : names) {
            Matcher m = NAME.matcher(name);
            if (!m.matches() || !m.group(3).equals(me.pidNamespace())) {
                continue;
            }
            long pid = Long.parseLong(m.group(1));
            if (Run.startTime(pid).filter(m.group(2)::equals).isPresent()) {
                continue;
            }
            Path path = DIRECTORY.resolve(name);
            Sys.umount2(path.toString(), Sys.MNT_DETACH | Sys.UMOUNT_NOFOLLOW);
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot delete " + path + ", a leftover of an ended run", e);
            }
            removed.add(name);
        }
        return removed;
    }

    /** {@link #sweep()} once per JVM; a failure is logged, never thrown: a build must not fail for a leftover. */
    static void sweepOnce() {
        if (!SWEPT.compareAndSet(false, true)) {
            return;
        }
        try {
            List<String> removed = sweep();
            if (!removed.isEmpty()) {
                LOG.log(System.Logger.Level.INFO, "netns4j removed " + removed.size()
                        + " debug name(s) of ended runs from " + DIRECTORY + ": " + removed);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "netns4j could not sweep " + DIRECTORY + " of ended runs", e);
        }
    }

    /** A process as a later run can recognise it: pid, start time, PID namespace. */
    record Run(long pid, String start, String pidNamespace) {

        private static volatile Run current;

        String token() {
            return pid + "." + start + "." + pidNamespace;
        }

        static Run current() {
            Run r = current;
            if (r == null) {
                long pid = ProcessHandle.current().pid();
                r = of(pid).orElseThrow(() -> new IllegalStateException("/proc/" + pid + "/stat is unreadable"));
                current = r;
            }
            return r;
        }

        /** The process {@code pid} as {@code /proc} shows it now, or empty if there is none. */
        static java.util.Optional<Run> of(long pid) {
            Path proc = Path.of("/proc", Long.toString(pid));
            try {
                java.util.Optional<String> start = startTime(pid);
                if (start.isEmpty()) {
                    return java.util.Optional.empty();
                }
                String pidns = Files.readSymbolicLink(proc.resolve("ns/pid")).toString();
                return java.util.Optional
                        .of(new Run(pid, start.get(), pidns.substring(pidns.indexOf('[') + 1, pidns.indexOf(']'))));
            } catch (NoSuchFileException e) {
                return java.util.Optional.empty();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + proc, e);
            }
        }

        /**
         * The start time of process {@code pid} in clock ticks after boot (field 22 of {@code /proc/<pid>/stat}), or
         * empty if there is no such process.
         */
        static java.util.Optional<String> startTime(long pid) {
            Path stat = Path.of("/proc", Long.toString(pid), "stat");
            try {
                String text = Files.readString(stat);
                // the command name, in parentheses, may itself hold spaces and parentheses
                String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
                return java.util.Optional.of(fields[22 - 3]);
            } catch (NoSuchFileException e) {
                return java.util.Optional.empty();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + stat, e);
            }
        }
    }
}
