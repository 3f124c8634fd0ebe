package io.stagedoor.encoder.publish;

import java.time.Duration;

/**
 * How a lost connection is retried.
 *
 * @param first the delay before the first attempt
 * @param factor each delay is the previous one times this
 * @param max no delay is longer (before jitter)
 * @param jitter the fraction by which each delay is spread at random, e.g. 0.1 for ± 10 %
 */
public record ReconnectSettings(Duration first, double factor, Duration max, double jitter) {

    public ReconnectSettings {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("need 0 < first ≤ max, were " + first + " and " + max);
        }
        if (factor < 1) {
            throw new IllegalArgumentException("factor must be at least 1, was " + factor);
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter must be from 0 to below 1, was " + jitter);
        }
    }

    /** 2 s first, × 1.5, at most 30 s, ± 10 %. */
    public static ReconnectSettings defaults() {
        return new ReconnectSettings(Duration.ofSeconds(2), 1.5, Duration.ofSeconds(30), 0.1);
    }

    public ReconnectSettings withMax(Duration newMax) {
        return new ReconnectSettings(first, factor, newMax, jitter);
    }
}
