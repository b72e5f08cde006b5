package io.netns4j.assertj;

import io.netns4j.AddressInfo;
import io.netns4j.Endpoint;
import io.netns4j.LinkInfo;
import io.netns4j.NetNs;
import io.netns4j.PingResult;
import io.netns4j.RouteInfo;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Assertions on what a namespace can reach and what it holds.
 *
 * <h2>Probes</h2>
 * <ul>
 * <li>{@link #canPing}: 3 ICMP echo requests, each answered within 1 s ({@code ping -c 3 -W 1}).</li>
 * <li>{@link #cannotPing}: none of 3 echo requests answered within 1 s in all.</li>
 * <li>{@link #canReach}/{@link #cannotReach}: a TCP connection established within 1 s, or a UDP datagram answered
 * within 1 s (see {@link Endpoint} for what reachable means for UDP).</li>
 * </ul>
 *
 * <h2>Waiting</h2> After {@link #eventually()} or {@link #within(Duration)}, this assert repeats each following check
 * until it holds or the time is up (with Awaitility); the failure then states the timeout and what the last attempt
 * observed.
 *
 * <h2>Soft assertions</h2> Every check can be collected by AssertJ's soft assertions,
 * {@code softly.proxy(NetNsAssert.class, NetNs.class, ns)}, including those made after {@link #eventually()} and
 * through {@link #hasInterface(String)}: they all fail through {@link #check(String, Supplier)}.
 */
public class NetNsAssert extends AbstractAssert<NetNsAssert, NetNs> {

    /** How long {@link #eventually()} keeps trying. */
    public static final Duration EVENTUALLY = Duration.ofSeconds(10);

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);

    private Duration wait;

    /** Assertions on {@code actual}; {@link Assertions#assertThat(NetNs)} is the usual way in. */
    public NetNsAssert(NetNs actual) {
        super(actual, NetNsAssert.class);
    }

    /** From now on, repeats each check for up to 10 seconds ({@link #EVENTUALLY}) until it holds. */
    public NetNsAssert eventually() {
        return within(EVENTUALLY);
    }

    /**
     * From now on, repeats each check for up to {@code timeout} until it holds. Like AssertJ's {@code as(...)}, this
     * changes this assert and returns it (a soft-assertion proxy stays the proxy).
     */
    public NetNsAssert within(Duration timeout) {
        this.wait = java.util.Objects.requireNonNull(timeout, "timeout");
        return myself;
    }

    /** Every one of 3 echo requests to {@code address} is answered. */
    public NetNsAssert canPing(String address) {
        return check("namespace " + name() + " can ping " + address, () -> {
            PingResult r = actual.ping(address, 3, PROBE_TIMEOUT);
            return r.allReceived() ? null : String.format("%nExpecting namespace:%n  %s%nto ping:%n  %s%nbut %s",
                    name(), address, describeLoss(r));
        });
    }

    /** None of 3 echo requests to {@code address} is answered. */
    public NetNsAssert cannotPing(String address) {
        return check("namespace " + name() + " cannot ping " + address, () -> {
            PingResult r = actual.ping(address, 3, PROBE_TIMEOUT.dividedBy(3));
            return r.received() == 0 ? null : String.format(
                    "%nExpecting namespace:%n  %s%nnot to ping:%n  %s%nbut %d of %d echo requests were answered",
                    name(), address, r.received(), r.transmitted());
        });
    }

    /** A TCP connection to, or a UDP exchange with, {@code endpoint} succeeds. */
    public NetNsAssert canReach(Endpoint endpoint) {
        return check("namespace " + name() + " can reach " + endpoint, () -> {
            String failure = probe(endpoint);
            return failure == null ? null
                    : String.format("%nExpecting namespace:%n  %s%nto reach:%n  %s%nbut %s", name(), endpoint, failure);
        });
    }

    /** Neither a TCP connection to, nor a UDP exchange with, {@code endpoint} succeeds. */
    public NetNsAssert cannotReach(Endpoint endpoint) {
        return check("namespace " + name() + " cannot reach " + endpoint, () -> {
            String failure = probe(endpoint);
            return failure != null ? null
                    : String.format("%nExpecting namespace:%n  %s%nnot to reach:%n  %s%nbut %s", name(), endpoint,
                            endpoint.protocol() == Endpoint.Protocol.TCP ? "a connection was established"
                                    : "it answered the probe datagram");
        });
    }

    /**
     * The namespace has an interface {@code name}; the returned assert checks it further
     * ({@code .withAddress("10.0.0.1/24").up()}), through this assert.
     *
     * <p>
     * Final so that a soft-assertion proxy does not intercept it (it would return null for a missing interface): the
     * check it makes, and those of the returned assert, are collected through {@link #check(String, Supplier)}.
     */
    public final InterfaceAssert hasInterface(String interfaceName) {
        AtomicReference<LinkInfo> found = new AtomicReference<>();
        check("namespace " + name() + " has interface " + interfaceName, () -> {
            List<LinkInfo> links = actual.links();
            LinkInfo l = links.stream().filter(i -> i.name().equals(interfaceName)).findFirst().orElse(null);
            found.set(l);
            return l != null ? null
                    : String.format("%nExpecting namespace:%n  %s%nto have interface:%n  %s%nbut it has:%n  %s", name(),
                            interfaceName, links.stream().map(LinkInfo::name).collect(Collectors.joining(", ")));
        });
        return new InterfaceAssert(this, found.get());
    }

    /** The namespace's main table has a route to {@code destination} ({@code "default"} or a prefix). */
    public NetNsAssert hasRoute(String destination) {
        return hasRoute(destination, null);
    }

    /** The namespace's main table has a route to {@code destination} via {@code gateway}. */
    public NetNsAssert hasRoute(String destination, String gateway) {
        String what = destination + (gateway == null ? "" : " via " + gateway);
        return check("namespace " + name() + " has a route to " + what, () -> {
            List<RouteInfo> routes = actual.routes();
            boolean ok = routes.stream().anyMatch(r -> r.destination().equals(destination)
                    && (gateway == null || (r.gateway() != null && sameAddress(r.gateway(), gateway))));
            return ok ? null
                    : String.format(
                            "%nExpecting namespace:%n  %s%nto have a route to:%n  %s%nbut its routes are:%n  %s",
                            name(), what, routes.stream().map(RouteInfo::toString).collect(Collectors.joining("\n  ")));
        });
    }

    private static boolean sameAddress(java.net.InetAddress a, String text) {
        try {
            return a.equals(java.net.InetAddress.getByName(text));
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** The namespace's name; null-safe, as it names the check before {@link #check} finds a null namespace. */
    private String name() {
        return actual == null ? null : actual.name();
    }

    static String describeLoss(PingResult r) {
        if (r.transmitted() == 0) {
            return "no echo request could be sent: " + r.error();
        }
        return r.lost() + " of " + r.transmitted() + " echo requests were lost"
                + (r.error() == null ? "" : "; last error: " + r.error());
    }

    private String probe(Endpoint endpoint) {
        try {
            return endpoint.protocol() == Endpoint.Protocol.TCP ? probeTcp(endpoint) : probeUdp(endpoint);
        } catch (IOException e) {
            return "the probe failed: " + e;
        }
    }

    private String probeTcp(Endpoint endpoint) throws IOException {
        try (Socket s = actual.socket()) {
            s.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), (int) PROBE_TIMEOUT.toMillis());
            return null;
        } catch (SocketTimeoutException e) {
            return "no connection was established within " + PROBE_TIMEOUT.toMillis() + " ms";
        } catch (IOException e) {
            return "the connection failed: " + e.getMessage();
        }
    }

    private String probeUdp(Endpoint endpoint) throws IOException {
        try (DatagramChannel ch = actual.datagramChannel()) {
            ch.connect(new InetSocketAddress(endpoint.host(), endpoint.port()));
            ch.write(ByteBuffer.wrap("netns4j probe".getBytes(StandardCharsets.US_ASCII)));
            ch.socket().setSoTimeout((int) PROBE_TIMEOUT.toMillis());
            byte[] buf = new byte[2048];
            ch.socket().receive(new java.net.DatagramPacket(buf, buf.length));
            return null;
        } catch (PortUnreachableException e) {
            return "the port is unreachable (ICMP port unreachable)";
        } catch (SocketTimeoutException e) {
            return "no answer came within " + PROBE_TIMEOUT.toMillis() + " ms";
        } catch (IOException e) {
            return "the exchange failed: " + e.getMessage();
        }
    }

    /**
     * Runs a check once, or until it holds when waiting; {@code probe} returns null when the check holds, else the
     * failure message of that attempt. Every check of this assert and of its {@link InterfaceAssert}s fails here:
     * protected, not private, so that a soft-assertion proxy intercepts it and collects the failure.
     */
    protected NetNsAssert check(String alias, Supplier<String> probe) {
        isNotNull();
        String problem = checkOrWait(alias, probe, wait);
        if (problem != null) {
            throw withoutOwnFrames(failure("%s", problem));
        }
        return myself;
    }

    private static final List<String> ASSERT_CLASSES = List.of(NetNsAssert.class.getName(),
            CaptureAssert.class.getName(), ExecResultAssert.class.getName(), PingResultAssert.class.getName());

    /**
     * Leaves the frames of netns4j's assert classes, nested classes included, out of {@code error}'s stack trace, as
     * AssertJ leaves out those of the assert class itself (unless told not to): the failure then points at the test,
     * and so does the line AssertJ's soft assertions add to each failure they report.
     */
    static AssertionError withoutOwnFrames(AssertionError error) {
        if (org.assertj.core.internal.Failures.instance().isRemoveAssertJRelatedElementsFromStackTrace()) {
            error.setStackTrace(java.util.Arrays.stream(error.getStackTrace()).filter(e -> !isOwnFrame(e))
                    .toArray(StackTraceElement[]::new));
        }
        return error;
    }

    private static boolean isOwnFrame(StackTraceElement element) {
        String name = element.getClassName();
        return ASSERT_CLASSES.stream().anyMatch(c -> name.equals(c) || name.startsWith(c + "$"));
    }

    static String checkOrWait(String alias, Supplier<String> probe, Duration wait) {
        if (wait == null) {
            return probe.get();
        }
        AtomicReference<String> last = new AtomicReference<>();
        try {
            Awaitility.await(alias).atMost(wait).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                    .pollInSameThread().until(() -> {
                        String f = probe.get();
                        last.set(f);
                        return f == null;
                    });
            return null;
        } catch (ConditionTimeoutException e) {
            return last.get() + String.format("%nwithin %s (the last of the attempts made until then)", human(wait));
        }
    }

    static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /**
     * Assertions on one interface of a namespace, made by {@link NetNsAssert#hasInterface(String)}: its checks read the
     * interface's current state, wait as the namespace's assert does, and fail through it (so that soft assertions
     * collect them), with the descriptions of both. Made from a {@link LinkInfo} alone, it checks that snapshot.
     */
    public static class InterfaceAssert extends AbstractAssert<InterfaceAssert, LinkInfo> {

        private final NetNsAssert parent;
        private final NetNs ns;

        /** Assertions on one interface, outside of a namespace assertion chain. */
        public InterfaceAssert(LinkInfo actual) {
            this(null, actual);
        }

        InterfaceAssert(NetNsAssert parent, LinkInfo actual) {
            super(actual, InterfaceAssert.class);
            this.parent = parent;
            this.ns = parent == null ? null : parent.actual;
        }

        private LinkInfo current() {
            if (ns == null) {
                return actual;
            }
            return ns.links().stream().filter(l -> l.name().equals(actual.name())).findFirst().orElse(actual);
        }

        private InterfaceAssert check(String alias, Supplier<String> probe) {
            if (parent != null) {
                // a missing interface was reported by hasInterface (collected, when soft): nothing more to check
                if (actual != null) {
                    String own = info.hasDescription() ? "[" + info.descriptionText() + "] " : "";
                    parent.check(alias, () -> {
                        String problem = probe.get();
                        return problem == null ? null : own + problem;
                    });
                }
                return myself;
            }
            isNotNull();
            String problem = probe.get();
            if (problem != null) {
                throw withoutOwnFrames(failure("%s", problem));
            }
            return myself;
        }

        private String where() {
            return (actual == null ? null : actual.name()) + (ns == null ? "" : " in namespace " + ns.name());
        }

        /** The interface has {@code cidr}, e.g. {@code 10.0.0.1/24}. */
        public InterfaceAssert withAddress(String cidr) {
            return check(where() + " has address " + cidr, () -> {
                if (ns == null) {
                    return String.format(
                            "%nExpecting interface:%n  %s%nto have address:%n  %s%nbut its addresses cannot be read: this"
                                    + " assert was made from a LinkInfo alone; use assertThat(ns).hasInterface(\"%s\")",
                            where(), cidr, actual.name());
                }
                List<String> have = ns.addresses().stream().filter(a -> actual.name().equals(a.interfaceName()))
                        .map(AddressInfo::cidr).toList();
                return have.contains(normalise(cidr)) ? null
                        : String.format("%nExpecting interface:%n  %s%nto have address:%n  %s%nbut it has:%n  %s",
                                where(), cidr, have.isEmpty() ? "(none)" : String.join(", ", have));
            });
        }

        /** The interface is operationally up. */
        public InterfaceAssert up() {
            return check(where() + " is up", () -> {
                LinkInfo l = current();
                return l.isOperationallyUp() ? null
                        : String.format("%nExpecting interface:%n  %s%nto be operationally up, but its state is %s%s",
                                where(), l.operState(), l.up() ? "" : " (administratively down)");
            });
        }

        /** The interface is not operationally up. */
        public InterfaceAssert down() {
            return check(where() + " is down", () -> {
                LinkInfo l = current();
                return !l.isOperationallyUp() ? null
                        : String.format("%nExpecting interface:%n  %s%nnot to be operationally up, but it is", where());
            });
        }

        /** The interface's MTU is {@code mtu}. */
        public InterfaceAssert withMtu(int mtu) {
            return check(where() + " has MTU " + mtu, () -> {
                LinkInfo l = current();
                return l.mtu() == mtu ? null : String
                        .format("%nExpecting interface:%n  %s%nto have MTU %d, but it has %d", where(), mtu, l.mtu());
            });
        }

        private static String normalise(String cidr) {
            int slash = cidr.indexOf('/');
            if (slash < 0) {
                return cidr;
            }
            try {
                return io.netns4j.internal.netlink.Addresses
                        .format(java.net.InetAddress.getByName(cidr.substring(0, slash))) + cidr.substring(slash);
            } catch (java.net.UnknownHostException e) {
                return cidr;
            }
        }
    }
}
