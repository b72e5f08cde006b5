package io.netns4j.leaks;

import io.netns4j.Capture;
import io.netns4j.NetNs;
import io.netns4j.NsProcess;
import io.netns4j.Topology;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The child JVM of {@link FaultInjectionTest}, which kills it at a random point. It says where it is through a small
 * memory-mapped file that the parent reads at the moment it stops the child, so each kill is classified by what the
 * child was doing: {@link #BUILDING}, {@link #IN_BODY} or {@link #TEARING_DOWN}.
 *
 * <p>
 * Arguments: {@code <marker file> loop|body}.
 * <ul>
 * <li>{@code loop}: builds and closes {@link #topology()} over and over.</li>
 * <li>{@code body}: builds it once, then, as a test body would, starts programs in two namespaces, opens two captures,
 * cuts {@code a} from {@code c} (an nftables rule), impairs {@code a}'s veth end with loss (nftables) and a rate (a TBF
 * qdisc), prints {@code READY pid pid}, and pings back and forth until it is killed.</li>
 * </ul>
 */
public final class FaultTrialMain {

    /** The marker's phase values (an int at offset 0; a cycle count, a long, at offset 8). */
    static final int STARTING = 0, BUILDING = 1, IN_BODY = 2, TEARING_DOWN = 3, BETWEEN = 4;

    static final int MARKER_SIZE = 16;

    private FaultTrialMain() {
    }

    /** Three namespaces, a veth pair, a bridge (in a hidden namespace of its own) joining all three, a route. */
    static Topology topology() {
        return Topology.builder().namespace("a").namespace("b").namespace("c")
                .veth("a", "10.0.0.1/24", "b", "10.0.0.2/24")
                .bridge("br0", o -> o.port("a", "10.0.1.1/24").port("b", "10.0.1.2/24").port("c", "10.0.1.3/24"))
                .route("a", "10.9.0.0/24", "10.0.0.2").build();
    }

    /** Maps the marker file shared with the parent. */
    static MappedByteBuffer map(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            return ch.map(FileChannel.MapMode.READ_WRITE, 0, MARKER_SIZE);
        }
    }

    public static void main(String[] args) throws Exception {
        MappedByteBuffer marker = map(Path.of(args[0]));
        if (args[1].equals("loop")) {
            for (long cycle = 1;; cycle++) {
                marker.putInt(0, BUILDING);
                Topology net = topology();
                // a program to end, as in most tests: teardown then has processes to find and kill
                net.ns("a").start("sleep", "1000");
                marker.putInt(0, TEARING_DOWN);
                net.close();
                marker.putLong(8, cycle);
                marker.putInt(0, BETWEEN);
            }
        }
        marker.putInt(0, BUILDING);
        Topology net = topology();
        NetNs a = net.ns("a");
        NetNs b = net.ns("b");
        List<Long> pids = new ArrayList<>();
        NsProcess inA = a.start("sleep", "1000");
        NsProcess inB = b.start("sleep", "1000");
        pids.add((long) inA.pid());
        pids.add((long) inB.pid());
        List<Capture> captures = List.of(a.capture("eth0"), b.capture());
        net.partition(Set.of("a"), Set.of("c"));
        net.link("a", "eth0").impair().loss(10).rate(10_000).apply();
        marker.putInt(0, IN_BODY);
        StringBuilder ready = new StringBuilder("READY");
        pids.forEach(p -> ready.append(' ').append(p));
        System.out.println(ready);
        System.out.flush();
        for (long round = 1;; round++) {
            a.ping("10.0.0.2", 1, Duration.ofMillis(50));
            b.ping("10.0.1.1", 1, Duration.ofMillis(50));
            marker.putLong(8, round);
            if (captures.isEmpty()) {
                throw new IllegalStateException("no capture");
            }
        }
    }
}
