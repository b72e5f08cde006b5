package io.netns4j.assertj;

import io.netns4j.PingResult;
import org.assertj.core.api.AbstractAssert;

/** Assertions on the outcome of a ping. */
public class PingResultAssert extends AbstractAssert<PingResultAssert, PingResult> {

    /** Assertions on {@code actual}; {@link Assertions#assertThat(PingResult)} is the usual way in. */
    public PingResultAssert(PingResult actual) {
        super(actual, PingResultAssert.class);
    }

    /** Every echo request was answered. */
    public PingResultAssert allReceived() {
        isNotNull();
        if (!actual.allReceived()) {
            failWithMessage("%nExpecting every echo request from namespace %s to %s to be answered, but %s",
                    actual.namespace(), actual.target(), NetNsAssert.describeLoss(actual));
        }
        return myself;
    }

    /** No echo request was answered. */
    public PingResultAssert noneReceived() {
        isNotNull();
        if (actual.received() > 0) {
            failWithMessage("%nExpecting no echo request from namespace %s to %s to be answered, but %d of %d were",
                    actual.namespace(), actual.target(), actual.received(), actual.transmitted());
        }
        return myself;
    }

    /** Exactly {@code expected} echo requests were answered. */
    public PingResultAssert received(int expected) {
        isNotNull();
        if (actual.received() != expected) {
            failWithMessage("%nExpecting %d answered echo requests from namespace %s to %s, but %d of %d were answered",
                    expected, actual.namespace(), actual.target(), actual.received(), actual.transmitted());
        }
        return myself;
    }
}
