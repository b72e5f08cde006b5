package io.netns4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Impairs the packets leaving interface {@link #dev()} of namespace {@link #ns()} for a whole test: loss, rate, and
 * (where the kernel has {@code sch_netem}) delay, jitter, duplication, corruption and reordering. The same as
 * {@code link.impair()...apply()}.
 *
 * <pre>
 * &#64;Test
 * &#64;Impair(ns = "client", dev = "eth0", loss = 10)
 * &#64;Impair(ns = "server", dev = "eth0", rateKbit = 1000)
 * void survivesABadLink() { ... }
 * </pre>
 *
 * <h2>Kernel features</h2> Loss and rate work on every kernel netns4j supports (loss as an nftables random drop, rate
 * as a TBF queueing discipline). Delay, jitter, duplication, corruption, reordering and correlated loss need
 * {@code sch_netem}: without it, the test is skipped with the reason (or fails, with
 * {@code netns4j.missingKernelFeature=fail}).
 *
 * <h2>Scope</h2> Applied after the topology is built and before {@code @BeforeEach} methods run; removed after the
 * test. On a class, it applies to every test of the class. Zero means "not impaired" for every attribute.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Repeatable(Impair.List.class)
public @interface Impair {

    /** The namespace of the interface. */
    String ns();

    /** The interface whose outgoing packets are impaired, e.g. {@code eth0}. */
    String dev();

    /** Percentage of packets lost, 0 to 100. */
    double loss() default 0;

    /** Correlation of successive losses in percent (needs netem). */
    double lossCorrelation() default 0;

    /** Rate limit in kbit/s (1000 bit/s); 0 for none. */
    long rateKbit() default 0;

    /** Bucket size of the rate limit in bytes; 0 picks one from the rate. */
    int burstBytes() default 0;

    /** Added delay in milliseconds (needs netem). */
    long delayMillis() default 0;

    /** Jitter of the delay in milliseconds (needs netem). */
    long jitterMillis() default 0;

    /** Distribution of the jitter (needs netem). */
    DelayDistribution distribution() default DelayDistribution.UNIFORM;

    /** Percentage of packets sent twice (needs netem). */
    double duplicate() default 0;

    /** Percentage of packets with a flipped bit (needs netem). */
    double corrupt() default 0;

    /** Percentage of packets sent at once, ahead of delayed ones (needs netem and a delay). */
    double reorder() default 0;

    /** Container of repeated {@link Impair} declarations. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE })
    @interface List {
        Impair[] value();
    }
}
