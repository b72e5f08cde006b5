package io.netns4j.leaks;

import io.netns4j.ExecResult;
import io.netns4j.NetNs;
import io.netns4j.NsProcess;
import io.netns4j.Topology;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The child JVM of {@link SigkillTest}: builds a topology of three namespaces with a veth pair ({@code a}–{@code b})
 * and a bridge (in its hidden namespace) joining all three, starts long-running programs inside them, prints
 *
 * <pre>
 * NS net:[...] net:[...] net:[...]   the user namespaces' identities (a, b, c)
 * READY pid pid ...                  the programs' pids as the host sees them
 * </pre>
 *
 * and then blocks until it is killed.
 *
 * <p>
 * Arguments choose the programs:
 * <ul>
 * <li>{@code library}: through the library, in {@code a} and {@code b}: a direct child ({@code start}), a grandchild
 * left behind by a shell that exits ({@code exec("sh", "-c", "sleep &")}), and a double-forked daemon in a session of
 * its own ({@code setsid sh -c 'sleep &'});</li>
 * <li>{@code jdk}: through the JDK, in {@code c}, from user code in {@code run(...)}: a {@link ProcessBuilder} child,
 * and a grandchild left behind by a {@code ProcessBuilder} shell.</li>
 * </ul>
 */
public final class HoldTopologyMain {

    private HoldTopologyMain() {
    }

    public static void main(String[] args) throws Exception {
        Set<String> modes = Set.of(args.length == 0 ? new String[] { "library" } : args);
        Topology net = Topology.builder().namespace("a").namespace("b").namespace("c")
                .veth("a", "10.0.0.1/24", "b", "10.0.0.2/24")
                .bridge("br0", o -> o.port("a", "10.0.1.1/24").port("b", "10.0.1.2/24").port("c", "10.0.1.3/24"))
                .route("a", "10.9.0.0/24", "10.0.0.2").build();
        if (!net.ns("a").ping("10.0.1.3").allReceived()) {
            throw new IllegalStateException("the bridge does not forward");
        }
        List<String> inodes = new ArrayList<>();
        for (NetNs ns : net.namespaces()) {
            inodes.add(ns.run(() -> Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")).toString()));
        }
        List<Long> pids = new ArrayList<>();
        if (modes.contains("library")) {
            NetNs a = net.ns("a");
            NetNs b = net.ns("b");
            NsProcess direct = a.start("sleep", "600");
            pids.add((long) direct.pid());
            pids.add(pidOf(a.exec("sh", "-c", "sleep 601 >/dev/null 2>&1 </dev/null & echo $!")));
            pids.add(pidOf(
                    b.exec("sh", "-c", "setsid sh -c 'sleep 602 3>&- & echo $! >&3' 3>&1 >/dev/null 2>&1 </dev/null")));
        }
        if (modes.contains("jdk")) {
            NetNs c = net.ns("c");
            pids.add(c.run(() -> new ProcessBuilder("sleep", "603").start().pid()));
            pids.add(c.run(() -> {
                Process sh = new ProcessBuilder("sh", "-c", "sleep 604 >/dev/null 2>&1 </dev/null & echo $!")
                        .redirectErrorStream(true).start();
                String out = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                if (sh.waitFor() != 0) {
                    throw new IOException("sh failed: " + out);
                }
                return Long.parseLong(out);
            }));
        }
        System.out.println("NS " + String.join(" ", inodes));
        StringBuilder ready = new StringBuilder("READY");
        pids.forEach(p -> ready.append(' ').append(p));
        System.out.println(ready);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    private static long pidOf(ExecResult r) {
        if (!r.succeeded()) {
            throw new IllegalStateException(r.toString());
        }
        return Long.parseLong(r.stdout().trim());
    }
}
