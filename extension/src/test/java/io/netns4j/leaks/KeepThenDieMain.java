package io.netns4j.leaks;

import io.netns4j.Topology;
import io.netns4j.internal.runtime.KeepOnFailure;
import java.nio.file.Path;

/**
 * The child JVM of {@link DebugNamesSweepTest}. {@code keep
 *
<dir>
 * }: builds a veth pair between {@code a} and {@code b}, keeps it as a failed test's topology is kept (names under
 * {@code /run/netns}, the hint printed to standard output) until killed. {@code build}: builds a topology, which sweeps
 * the names of ended runs first, tears it down and prints {@code BUILT}.
 */
public final class KeepThenDieMain {

    private KeepThenDieMain() {
    }

    public static void main(String[] args) {
        try (Topology net = Topology.builder().namespace("a").namespace("b")
                .veth("a", "10.0.0.1/24", "b", "10.0.0.2/24").build()) {
            if (args[0].equals("keep")) {
                KeepOnFailure.parse("true", "keep").hold(net, "KeepThenDieMain", Path.of(args[1]), hint -> {
                    System.out.print(hint);
                    System.out.flush();
                });
            } else if (args[0].equals("briefly")) {
                KeepOnFailure.parse("1s", "briefly").hold(net, "KeepThenDieMain", Path.of(args[1]), hint -> {
                    System.out.print(hint);
                    System.out.println("WHILE KEPT " + listing());
                });
                System.out.println("AFTER " + listing());
            }
        }
        System.out.println("BUILT");
    }

    /** The entries of /run/netns, sorted, or "absent". */
    private static String listing() {
        java.io.File[] files = new java.io.File("/run/netns").listFiles();
        return files == null ? "absent"
                : java.util.Arrays.stream(files).map(java.io.File::getName).sorted().toList().toString();
    }
}
