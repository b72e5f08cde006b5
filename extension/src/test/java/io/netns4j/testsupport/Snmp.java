package io.netns4j.testsupport;

import io.netns4j.NetNs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Counters of a namespace's {@code /proc/net/snmp}, read by a thread inside it. */
public final class Snmp {

    private Snmp() {
    }

    /**
     * UDP {@code RcvbufErrors} of {@code ns}: datagrams that reached a socket whose receive buffer was full. Any makes
     * a count of datagrams received say nothing about the network.
     */
    public static long udpRcvbufErrors(NetNs ns) throws Exception {
        String text = ns.run(() -> Files.readString(Path.of("/proc/thread-self/net/snmp")));
        String[] header = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("Udp: ")) {
                String[] fields = line.substring(5).trim().split("\\s+");
                if (header == null) {
                    header = fields;
                } else {
                    int i = Arrays.asList(header).indexOf("RcvbufErrors");
                    if (i < 0) {
                        break;
                    }
                    return Long.parseLong(fields[i]);
                }
            }
        }
        throw new IllegalStateException("no Udp RcvbufErrors in the /proc/net/snmp of " + ns.name() + ":\n" + text);
    }
}
