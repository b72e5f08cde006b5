package io.netns4j.assertj;

import io.netns4j.Capture;
import io.netns4j.internal.runtime.FailureArtifacts;
import io.netns4j.packet.Packet;
import io.netns4j.packet.PacketMatcher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.util.CheckReturnValue;

/**
 * Assertions on what a capture saw:
 *
 * <pre>{@code
 * assertThat(capture).hasPacket(tcp().dstPort(7000).syn()).within(Duration.ofSeconds(2));
 * assertThat(capture).hasNoPacket(udp().dstPort(53)).during(Duration.ofMillis(500));
 * assertThat(capture).hasPackets(icmp().echoRequest()).count(3);
 * }</pre>
 *
 * The first two are completed by {@code within}/{@code during}, which say how long to watch; nothing is checked before.
 * A failure lists the last packets seen, the kernel's drop count and the path of the pcap file written for it.
 */
public class CaptureAssert extends AbstractAssert<CaptureAssert, Capture> {

    /** How long {@link PacketCount#count(int)} waits for the count to be reached. */
    public static final Duration COUNT_WAIT = Duration.ofSeconds(2);

    private static final int SHOWN = 5;

    /** Assertions on {@code actual}; {@link Assertions#assertThat(Capture)} is the usual way in. */
    public CaptureAssert(Capture actual) {
        super(actual, CaptureAssert.class);
    }

    /**
     * A packet matching {@code matcher} is (or will be) captured; say how long to wait with {@link PacketWait#within}.
     */
    @CheckReturnValue
    public PacketWait hasPacket(PacketMatcher matcher) {
        isNotNull();
        return new PacketWait(matcher);
    }

    /** No packet matching {@code matcher} is captured; say how long to watch with {@link NoPacketWatch#during}. */
    @CheckReturnValue
    public NoPacketWatch hasNoPacket(PacketMatcher matcher) {
        isNotNull();
        return new NoPacketWatch(matcher);
    }

    /** The packets matching {@code matcher}; check their number with {@link PacketCount#count}. */
    @CheckReturnValue
    public PacketCount hasPackets(PacketMatcher matcher) {
        isNotNull();
        return new PacketCount(matcher);
    }

    /**
     * Fails with {@code message}. The completions ({@link PacketWait}, {@link NoPacketWatch}, {@link PacketCount}) fail
     * through it: protected, so that a soft-assertion proxy intercepts it and collects the failure; their frames are
     * left out of the stack trace, so that the failure points at the test.
     */
    protected void failCheck(String message) {
        throw NetNsAssert.withoutOwnFrames(failure("%s", message));
    }

    private String where() {
        return "capture on " + actual.interfaceName() + " in namespace " + actual.namespace();
    }

    private String evidence(List<Packet> packets) {
        Path pcap = FailureArtifacts.keep(actual);
        String last = packets.isEmpty() ? "  (none)"
                : packets.subList(Math.max(0, packets.size() - SHOWN), packets.size()).stream().map(p -> "  " + p)
                        .collect(Collectors.joining(String.format("%n")));
        return String.format("%nLast packets seen (%d of %d):%n%s%nDropped by the kernel: %d%npcap: %s",
                Math.min(SHOWN, packets.size()), packets.size(), last, actual.dropped(), pcap);
    }

    /** Completes {@link #hasPacket}. */
    public final class PacketWait {
        private final PacketMatcher matcher;

        PacketWait(PacketMatcher matcher) {
            this.matcher = matcher;
        }

        /** Waits up to {@code timeout} for a matching packet; fails if none comes. */
        public CaptureAssert within(Duration timeout) {
            boolean found;
            try {
                found = actual.awaitPacket(matcher, timeout).isPresent();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + matcher.description(), e);
            }
            if (!found) {
                List<Packet> packets = actual.packets();
                failCheck(String.format(
                        "%nExpecting %s%nto have a packet matching:%n  %s%nwithin %s, but none of its %d packets did.%s",
                        where(), matcher.description(), NetNsAssert.human(timeout), packets.size(), evidence(packets)));
            }
            return CaptureAssert.this;
        }
    }

    /** Completes {@link #hasNoPacket}. */
    public final class NoPacketWatch {
        private final PacketMatcher matcher;

        NoPacketWatch(PacketMatcher matcher) {
            this.matcher = matcher;
        }

        /**
         * Watches for {@code duration} (counting packets captured before too); fails at the first matching packet.
         */
        public CaptureAssert during(Duration duration) {
            java.util.Optional<Packet> seen;
            try {
                seen = actual.awaitPacket(matcher, duration);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while watching for " + matcher.description(), e);
            }
            if (seen.isPresent()) {
                failCheck(String.format(
                        "%nExpecting %s%nto have no packet matching:%n  %s%nduring %s, but it saw:%n  %s%s", where(),
                        matcher.description(), NetNsAssert.human(duration), seen.get(), evidence(actual.packets())));
            }
            return CaptureAssert.this;
        }
    }

    /** Completes {@link #hasPackets}. */
    public final class PacketCount {
        private final PacketMatcher matcher;

        PacketCount(PacketMatcher matcher) {
            this.matcher = matcher;
        }

        /**
         * Exactly {@code expected} matching packets: waits up to {@link CaptureAssert#COUNT_WAIT} for that many to
         * arrive, then checks there are not more.
         */
        public CaptureAssert count(int expected) {
            List<Packet> matching = awaitAtLeast(expected);
            if (matching.size() != expected) {
                failCheck(String.format("%nExpecting %s%nto have %d packets matching:%n  %s%nbut it has %d.%s", where(),
                        expected, matcher.description(), matching.size(), evidence(actual.packets())));
            }
            return CaptureAssert.this;
        }

        /** At least {@code expected} matching packets, waiting up to {@link CaptureAssert#COUNT_WAIT}. */
        public CaptureAssert atLeast(int expected) {
            List<Packet> matching = awaitAtLeast(expected);
            if (matching.size() < expected) {
                failCheck(String.format("%nExpecting %s%nto have at least %d packets matching:%n  %s%nbut it has %d.%s",
                        where(), expected, matcher.description(), matching.size(), evidence(actual.packets())));
            }
            return CaptureAssert.this;
        }

        private List<Packet> awaitAtLeast(int expected) {
            long deadline = System.nanoTime() + COUNT_WAIT.toNanos();
            List<Packet> matching = actual.packets(matcher);
            while (matching.size() < expected && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                matching = actual.packets(matcher);
            }
            return matching;
        }
    }
}
