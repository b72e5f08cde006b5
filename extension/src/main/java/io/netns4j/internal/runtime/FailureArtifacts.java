package io.netns4j.internal.runtime;

import io.netns4j.Capture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Where the evidence of a failed test goes: pcap files of its captures and a description of its topology, under
 * {@code target/netns4j/<test class>/<test method>/} by default ({@code netns4j.reportDir} moves the root). The JUnit
 * glue names the current test for the thread that runs it; an assertion that fails on a capture writes its pcap there,
 * and says where.
 */
public final class FailureArtifacts {

    /** System property naming the root directory of failure artifacts; default {@code target/netns4j}. */
    public static final String REPORT_DIR = io.netns4j.Netns4jConfig.REPORT_DIR;

    private static final ThreadLocal<Path> CURRENT = new ThreadLocal<>();
    private static final Map<Capture, Path> WRITTEN = new WeakHashMap<>();

    private FailureArtifacts() {
    }

    /** The root directory of failure artifacts. */
    public static Path root() {
        return Path.of(System.getProperty(REPORT_DIR, io.netns4j.Netns4jConfig.REPORT_DIR_DEFAULT));
    }

    /** Sets (or, with null, clears) the directory of the test the calling thread runs. */
    public static void setCurrentTest(Path directory) {
        if (directory == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(directory);
        }
    }

    /** The directory of the calling thread's test, or {@code <root>/unnamed} outside a test. */
    public static Path currentTest() {
        Path p = CURRENT.get();
        return p != null ? p : root().resolve("unnamed");
    }

    /**
     * Writes the capture's pcap into {@code directory} (once per capture and directory; later calls rewrite it with
     * what was captured since) and returns its path.
     */
    public static synchronized Path keep(Capture capture, Path directory) {
        Path file = directory.resolve(capture.namespace() + "-" + capture.interfaceName() + "-"
                + Integer.toHexString(System.identityHashCode(capture)) + ".pcap");
        try {
            capture.writePcap(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the pcap of " + capture + " to " + file, e);
        }
        WRITTEN.put(capture, file);
        return file;
    }

    /** Name of the file {@link #keepDescription} writes. */
    public static final String TOPOLOGY_FILE = "topology.txt";

    /**
     * Writes {@code text}, the description of a failed test's topology, to {@value #TOPOLOGY_FILE} in {@code directory}
     * and returns its path.
     */
    public static Path keepDescription(String text, Path directory) {
        Path file = directory.resolve(TOPOLOGY_FILE);
        try {
            Files.createDirectories(directory);
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the topology's description to " + file, e);
        }
        return file;
    }

    /** {@link #keep(Capture, Path)} into the calling thread's test directory. */
    public static Path keep(Capture capture) {
        return keep(capture, currentTest());
    }
}
