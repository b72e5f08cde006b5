package io.netns4j.faults;

import static io.netns4j.assertj.Assertions.assertThat;
import static io.netns4j.packet.Matchers.icmp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netns4j.Capture;
import io.netns4j.Cut;
import io.netns4j.NetNs;
import io.netns4j.PingResult;
import io.netns4j.Topology;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What a partition looks like to programs: silent loss by default (TCP times out, sends succeed, nothing answers), fast
 * failure with {@link Cut.Mode#REJECT}, over IPv4 and IPv6; and heal() leaves the ruleset and sysctls exactly as they
 * were, checked with {@code nft} and {@code /proc/sys} as witnesses.
 */
@DisplayName("partitions as programs see them")
class PartitionBehaviourTest {

    private Topology net;
    private NetNs a;
    private NetNs b;

    @BeforeEach
    void build() {
        net = Topology.builder().namespace("a").namespace("b")
                .veth("a", "b", v -> v.aAddress("10.6.0.1/24", "fd06::1/64").bAddress("10.6.0.2/24", "fd06::2/64"))
                .build();
        a = net.ns("a");
        b = net.ns("b");
    }

    @AfterEach
    void close() {
        net.close();
    }

    private static ServerSocket listen(NetNs ns, int port) throws Exception {
        ServerSocket s = ns.serverSocket(port);
        ns.submit(() -> {
            while (!s.isClosed()) {
                try (Socket c = s.accept()) {
                    c.getOutputStream().write('!');
                } catch (java.io.IOException e) {
                    // closed
                }
            }
            return null;
        });
        return s;
    }

    @Test
    @DisplayName("DROP: TCP connect times out (IPv4 and IPv6), UDP sends succeed, pings are lost, nothing answers")
    void silent() throws Exception {
        try (ServerSocket server = listen(b, 7000)) {
            try (Cut cut = net.partition(Set.of("a"), Set.of("b"))) {
                assertThat(cut.blocks("a", "b") && cut.blocks("b", "a") && server.isBound()).isTrue();
                for (String addr : List.of("10.6.0.2", "fd06::2")) {
                    try (Socket s = a.socket()) {
                        long t0 = System.nanoTime();
                        assertThatThrownBy(() -> s.connect(new InetSocketAddress(addr, 7000), 1500))
                                .as("connect to %s", addr).isInstanceOf(SocketTimeoutException.class);
                        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThan(Duration.ofMillis(1400));
                    }
                }
                try (DatagramChannel ch = a.datagramChannel()) {
                    ch.connect(new InetSocketAddress("10.6.0.2", 7001));
                    for (int i = 0; i < 20; i++) {
                        ch.write(ByteBuffer.wrap(new byte[] { 1, 2, 3 }));
                    }
                    ch.configureBlocking(false);
                    Thread.sleep(200);
                    ch.write(ByteBuffer.wrap(new byte[] { 4 })); // no ICMP error came back to surface here
                    assertThat(ch.read(ByteBuffer.allocate(16))).isZero();
                }
                PingResult ping = a.ping("fd06::2", 3, Duration.ofMillis(600));
                assertThat(ping.received()).isZero();
                assertThat(ping.error()).isNull();
            }
            assertThat(a).eventually().canPing("10.6.0.2");
            try (Socket s = a.socket("10.6.0.2", 7000); InputStream in = s.getInputStream()) {
                assertThat(in.read()).isEqualTo('!');
            }
        }
    }

    @Test
    @DisplayName("DROP: an established TCP connection stalls: writes are accepted, reads time out")
    void establishedConnectionStalls() throws Exception {
        try (ServerSocket server = b.serverSocket(7002)) {
            var accepted = b.submit(server::accept);
            try (Socket s = a.socket("10.6.0.2", 7002); Socket peer = accepted.get()) {
                peer.getOutputStream().write(1);
                assertThat(s.getInputStream().read()).isEqualTo(1);
                try (Cut cut = net.isolate("b")) {
                    assertThat(cut.mode()).isEqualTo(Cut.Mode.DROP);
                    s.getOutputStream().write(new byte[100]);
                    peer.setSoTimeout(800);
                    assertThatThrownBy(() -> peer.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
                }
                // Healed: the retransmission gets through and the connection carries on.
                peer.setSoTimeout(10_000);
                assertThat(peer.getInputStream().readNBytes(100)).hasSize(100);
            }
        }
    }

    @Test
    @DisplayName("REJECT: TCP connect is refused at once, UDP sockets get the ICMP error, pings are answered by one (IPv4 and IPv6)")
    void reject() throws Exception {
        try (ServerSocket server = listen(b, 7000)) {
            try (Cut cut = net.partition(List.of(Set.of("a"), Set.of("b")), Cut.Mode.REJECT)) {
                assertThat(cut.mode()).isEqualTo(Cut.Mode.REJECT);
                for (String addr : List.of("10.6.0.2", "fd06::2")) {
                    for (int i = 0; i < 20; i++) {
                        try (Socket s = a.socket()) {
                            long t0 = System.nanoTime();
                            assertThatThrownBy(() -> s.connect(new InetSocketAddress(addr, 7000), 5000))
                                    .as("connect %d to %s", i, addr).isInstanceOf(ConnectException.class);
                            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(500));
                        }
                    }
                }
                for (String addr : List.of("10.6.0.2", "fd06::2")) {
                    try (DatagramChannel ch = a.datagramChannel()) {
                        ch.connect(new InetSocketAddress(addr, 7001));
                        ch.write(ByteBuffer.wrap(new byte[] { 1 }));
                        assertThatThrownBy(() -> {
                            ch.socket().setSoTimeout(2000);
                            ch.socket().receive(new java.net.DatagramPacket(new byte[16], 16));
                        }).as("UDP to %s", addr).isInstanceOf(java.io.IOException.class) // EHOSTUNREACH (v4), EACCES
                                                                                         // (v6)
                                .isNotInstanceOf(SocketTimeoutException.class);
                    }
                }
                try (Capture capture = a.capture("eth0")) {
                    for (String addr : List.of("10.6.0.2", "fd06::2")) {
                        PingResult ping = a.ping(addr, 1, Duration.ofMillis(500));
                        assertThat(ping.received()).isZero();
                        assertThat(capture).hasPacket(icmp().destinationUnreachable().src(addr))
                                .within(Duration.ofSeconds(1));
                    }
                }
            }
            try (Socket s = a.socket("fd06::2", 7000)) {
                assertThat(s.getInputStream().read()).isEqualTo('!');
            }
            assertThat(server.isBound()).isTrue();
        }
    }

    @Test
    @DisplayName("heal() restores the ruleset and the sysctls exactly; a user's own nftables table is never touched")
    void healRestoresState() throws Exception {
        assertThat(b.exec("nft", "add table inet mine; add chain inet mine c { type filter hook input priority 0; };"
                + " add rule inet mine c tcp dport 9 counter accept")).succeeded();
        String before = b.exec("nft", "list", "ruleset").stdout();
        String sysctlsBefore = sysctls(b);
        net.partition(List.of(Set.of("a"), Set.of("b")), Cut.Mode.REJECT);
        net.drop("b", "a");
        String during = b.exec("nft", "list", "ruleset").stdout();
        assertThat(during).contains("table inet mine", "table inet netns4j", "ip saddr 10.6.0.1", "ip6 saddr fd06::1");
        assertThat(a.exec("nft", "list", "ruleset").stdout()).contains("table inet netns4j", "ip saddr 10.6.0.2");
        net.heal();
        assertThat(b.exec("nft", "list", "ruleset").stdout()).isEqualTo(before);
        assertThat(a.exec("nft", "list", "ruleset").stdout()).isEmpty();
        assertThat(sysctls(b)).isEqualTo(sysctlsBefore);
    }

    private static String sysctls(NetNs ns) {
        return ns.exec("sh", "-c", "cat /proc/sys/net/ipv4/icmp_ratelimit /proc/sys/net/ipv6/icmp/ratelimit"
                + " /proc/sys/net/ipv4/icmp_msgs_per_sec /proc/sys/net/ipv4/icmp_msgs_burst").stdout();
    }
}
