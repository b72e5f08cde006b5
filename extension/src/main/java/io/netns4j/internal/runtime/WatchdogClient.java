package io.netns4j.internal.runtime;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The test JVM's side of the {@link Watchdog}: started lazily, from the root namespace, the first time a namespace gets
 * a program; told about namespaces as they get programs and as they are torn down.
 */
final class WatchdogClient {

    private static final System.Logger LOG = System.getLogger("io.netns4j");
    private static OutputStream pipe;
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
            pipe.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            pipe.flush();
        } catch (IOException e) {
            failed = true;
            pipe = null;
            LOG.log(System.Logger.Level.WARNING, "The netns4j watchdog went away; programs started in namespaces may"
                    + " outlive this JVM if it is killed", e);
        }
    }

    private static void start() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        try {
            String classpath = Path.of(Watchdog.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
            List<String> command = List.of(java.toString(), "-Xmx16m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-Xshare:auto", "-cp", classpath, Watchdog.class.getName());
            Process[] started = new Process[1];
            IOException[] error = new IOException[1];
            // Started from a root-namespace thread, so that neither the watchdog nor the JDK's reaper
            // thread for it lives in a test namespace.
            Thread t = RootNamespace.get().startThread("netns4j-watchdog-start", () -> {
                try {
                    started[0] = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                } catch (IOException e) {
                    error[0] = e;
                }
            });
            t.join();
            if (error[0] != null) {
                throw error[0];
            }
            pipe = started[0].getOutputStream();
        } catch (IOException | URISyntaxException | RuntimeException e) {
            failed = true;
            LOG.log(System.Logger.Level.WARNING, "Could not start the netns4j watchdog; programs started in namespaces"
                    + " may outlive this JVM if it is killed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed = true;
        }
    }
}
