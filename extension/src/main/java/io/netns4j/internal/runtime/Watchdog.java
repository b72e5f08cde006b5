package io.netns4j.internal.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * A small JVM that outlives a test JVM killed with SIGKILL, so that the programs it started in its namespaces do not
 * live on. A namespace dies with the JVM that holds its descriptor, but a process inside it holds it too; nothing in
 * the kernel kills such processes when the JVM dies.
 *
 * <p>
 * The test JVM starts this process (from the root namespace, in a session of its own) when it creates its first
 * namespace, and writes to its standard input {@code + <ns>} when it creates a namespace and {@code - <ns>} when the
 * namespace is torn down, {@code <ns>} being the namespace's identity as {@code readlink /proc/PID/ns/net} gives it.
 * When its standard input ends (the test JVM died or exited), it kills every process still living in a namespace it was
 * told about, and exits. It holds no namespace itself and uses nothing but {@code /proc} and {@link ProcessHandle}.
 */
public final class Watchdog {

    private Watchdog() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Set<String> namespaces = new HashSet<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("+ ")) {
                    namespaces.add(line.substring(2));
                } else if (line.startsWith("- ")) {
                    namespaces.remove(line.substring(2));
                }
            }
        }
        if (namespaces.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            boolean any = false;
            try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"))) {
                for (Path p : proc) {
                    String name = p.getFileName().toString();
                    if (name.isEmpty() || !name.chars().allMatch(Character::isDigit)) {
                        continue;
                    }
                    try {
                        if (namespaces.contains(Files.readSymbolicLink(p.resolve("ns/net")).toString())) {
                            any = true;
                            ProcessHandle.of(Long.parseLong(name)).ifPresent(ProcessHandle::destroyForcibly);
                        }
                    } catch (IOException e) {
                        // ended meanwhile, or a kernel thread
                    }
                }
            }
            if (!any) {
                return;
            }
            Thread.sleep(20);
        }
    }
}
