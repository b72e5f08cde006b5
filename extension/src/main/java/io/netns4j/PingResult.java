package io.netns4j;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of {@link NetNs#ping}.
 *
 * @param rtts
 *            the round-trip time of each answered request
 * @param error
 *            the error that stopped sending, e.g. {@code ENETUNREACH (Network is unreachable)}, or null
 */
public record PingResult(String namespace, String target, int transmitted, int received, List<Duration> rtts,
        String error) {

    /** Whether every request was answered. */
    public boolean allReceived() {
        return transmitted > 0 && received == transmitted;
    }

    /** The number of requests without an answer. */
    public int lost() {
        return transmitted - received;
    }

    @Override
    public String toString() {
        return "ping " + target + " from " + namespace + ": " + transmitted + " transmitted, " + received + " received"
                + (error == null ? "" : ", error: " + error);
    }
}
