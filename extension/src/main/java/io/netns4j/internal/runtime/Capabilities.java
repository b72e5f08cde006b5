package io.netns4j.internal.runtime;

import io.netns4j.internal.sys.Errno;
import io.netns4j.internal.sys.Fd;
import io.netns4j.internal.sys.Sys;
import io.netns4j.internal.sys.SyscallException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Whether this JVM may create network namespaces and configure them. */
public final class Capabilities {

    private static final int CAP_NET_ADMIN = 12;
    private static final int CAP_SYS_ADMIN = 21;

    private Capabilities() {
    }

    /**
     * Empty if the JVM has what netns4j needs; otherwise the reason, written for the person reading a skipped test.
     */
    public static Optional<String> missing() {
        // Read before every test, and a test JVM does not change its capabilities: read once.
        Optional<String> m = missing;
        if (m != null) {
            return m;
        }
        String status;
        try {
            status = Files.readString(Path.of("/proc/self/status"));
        } catch (IOException e) {
            // not kept: a passing failure (descriptors exhausted...) must not skip every later test
            return Optional.of("netns4j runs on Linux only: /proc/self/status cannot be read (" + e + ")");
        }
        m = read(status);
        missing = m;
        return m;
    }

    private static volatile Optional<String> missing;

    private static Optional<String> read(String status) {
        BigInteger effective = BigInteger.ZERO;
        String uid = "?";
        for (String line : status.split("\n")) {
            if (line.startsWith("CapEff:")) {
                effective = new BigInteger(line.substring(7).trim(), 16);
            } else if (line.startsWith("Uid:")) {
                uid = line.substring(4).trim().split("\\s+")[1];
            }
        }
        boolean netAdmin = effective.testBit(CAP_NET_ADMIN);
        boolean sysAdmin = effective.testBit(CAP_SYS_ADMIN);
        if (netAdmin && sysAdmin) {
            return foreignNetworkNamespace();
        }
        String lacking = !netAdmin && !sysAdmin ? "CAP_SYS_ADMIN and CAP_NET_ADMIN"
                : !netAdmin ? "CAP_NET_ADMIN" : "CAP_SYS_ADMIN";
        return Optional
                .of("netns4j needs CAP_SYS_ADMIN (to create network namespaces) and CAP_NET_ADMIN (to configure them),"
                        + " but this JVM (effective uid " + uid + ") lacks " + lacking + ". "
                        + (uid.equals("0")
                                ? "Run the tests as root with those capabilities (a container needs e.g. --cap-add"
                                        + " SYS_ADMIN --cap-add NET_ADMIN), or "
                                : "Run the tests as root, or ")
                        + ROOTLESS + userNamespacesUnavailable() + ", or set "
                        + io.netns4j.Netns4jConfig.MISSING_PRIVILEGE + "=fail to fail instead of skipping.");
    }

    /** How to run without root, as the reason of a skipped test says it. */
    public static final String ROOTLESS = "without root: start the test JVM as root of a user namespace of its own,"
            + " which has both capabilities over the namespaces it creates: unshare --user --map-root-user --net java"
            + " ... (for Maven Surefire, <jvm> set to an executable script named java that runs exec unshare -Urn --"
            + " /path/to/the/real/java \"$@\"," + " see \"Running without root\" in the netns4j README)";

    /**
     * Empty unless this JVM runs as root of a user namespace but in a network namespace that user namespace does not
     * own (started by {@code unshare --user} without {@code --net}): its capabilities then do not reach its own network
     * namespace, to which netns4j's threads return after work in a test namespace ({@code setns} answers EPERM). Probed
     * by entering the namespace the calling thread is already in.
     */
    private static Optional<String> foreignNetworkNamespace() {
        if (UserNamespace.current().isInitial()) {
            return Optional.empty();
        }
        try (Fd own = Sys.open("/proc/thread-self/ns/net", Sys.O_RDONLY)) {
            Sys.setns(own);
            return Optional.empty();
        } catch (SyscallException e) {
            if (!e.is(Errno.EPERM)) {
                throw e;
            }
            return Optional.of("this JVM runs as root of a user namespace, but in a network namespace that user"
                    + " namespace does not own (" + e.getMessage() + "), so netns4j could not return to it from a"
                    + " test namespace: start the JVM with a network namespace of its own as well, unshare --user"
                    + " --map-root-user --net java ... (see \"Running without root\" in the netns4j README), or set"
                    + " netns4j.missingPrivilege=fail to fail instead of skipping.");
        }
    }

    private static String userNamespacesUnavailable() {
        return KernelFeatures.missingUserNamespaces().map(r -> " (not possible on this host: " + r + ")").orElse("");
    }
}
