package io.netns4j.internal.runtime;

import io.netns4j.internal.sys.Fd;
import io.netns4j.internal.sys.Sys;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The test JVM's side of the {@link Watchdog}: started lazily, from the root namespace, when the first namespace is
 * created; told about namespaces as they are created and torn down.
 */
final class WatchdogClient {

    private static final System.Logger LOG = System.getLogger("io.netns4j");
    private static Fd pipe;
    private static boolean failed;
    private static final java.util.Set<String> watched = new java.util.HashSet<>();

    private WatchdogClient() {
    }

    /** Tells the watchdog that namespace {@code inode} has programs that must not outlive this JVM. */
    static synchronized void watch(String inode) {
        if (watched.add(inode)) {
            send("+ " + inode);
        }
    }

    /** Tells the watchdog that namespace {@code inode} was torn down. */
    static synchronized void forget(String inode) {
        if (watched.remove(inode) && pipe != null) {
            send("- " + inode);
        }
    }

    private static void send(String line) {
        if (pipe == null && !failed) {
            start();
        }
        if (pipe == null) {
            return;
        }
        try {
            byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
            Sys.write(pipe, bytes, bytes.length);
        } catch (RuntimeException e) {
            failed = true;
            pipe.close();
            pipe = null;
            LOG.log(System.Logger.Level.WARNING, "The netns4j watchdog went away; programs started in namespaces may"
                    + " outlive this JVM if it is killed", e);
        }
    }

    /**
     * Spawns the watchdog from a root-namespace thread, in a session of its own (so that a signal to this JVM's process
     * group, e.g. Ctrl-C or a cancelled CI job, does not take the watchdog down with it), with our end of its input
     * pipe closed on exec (so no other child inherits it and keeps the pipe from ending), and its output going to
     * {@code /dev/null}: nobody reads it, and the JVM writes some of its own (such as "Picked up JAVA_TOOL_OPTIONS").
     */
    private static void start() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        try {
            String classpath = Path.of(Watchdog.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
            List<String> command = List.of(java.toString(), "-Xmx16m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-Xshare:auto", "-cp", classpath, Watchdog.class.getName());
            Sys.Spawned[] started = new Sys.Spawned[1];
            RuntimeException[] error = new RuntimeException[1];
            Thread t = RootNamespace.get().startThread("netns4j-watchdog-start", () -> {
                try {
                    started[0] = Sys.spawnWithoutOutput(command, System.getenv(), null);
                } catch (RuntimeException e) {
                    error[0] = e;
                }
            });
            t.join();
            if (error[0] != null) {
                throw error[0];
            }
            pipe = started[0].stdin();
        } catch (URISyntaxException | RuntimeException e) {
            failed = true;
            LOG.log(System.Logger.Level.WARNING, "Could not start the netns4j watchdog; programs started in namespaces"
                    + " may outlive this JVM if it is killed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed = true;
        }
    }
}
