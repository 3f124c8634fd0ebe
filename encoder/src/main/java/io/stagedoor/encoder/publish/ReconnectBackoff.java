package io.stagedoor.encoder.publish;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Delays between reconnection attempts: {@code first}, then × {@code factor} each time up to {@code max}, each spread
 * by ± {@code jitter} so that many encoders cut off at once do not all come back in the same instant. Not
 * thread-safe.
 */
public final class ReconnectBackoff {

    private final ReconnectSettings settings;
    private final DoubleSupplier random;
    private int attempts;

    /** @param random values in [0, 1), e.g. {@code ThreadLocalRandom.current()::nextDouble} */
    public ReconnectBackoff(ReconnectSettings settings, DoubleSupplier random) {
        this.settings = settings;
        this.random = random;
    }

    /** The delay before the next attempt; counts the attempt. */
    public Duration nextDelay() {
        double base = settings.first().toMillis() * Math.pow(settings.factor(), attempts);
        base = Math.min(base, settings.max().toMillis());
        attempts++;
        double spread = 1 + settings.jitter() * (2 * random.getAsDouble() - 1);
        return Duration.ofMillis(Math.round(base * spread));
    }

    /** After a successful connection the next outage starts again from {@code first}. */
    public void reset() {
        attempts = 0;
    }

    public int attempts() {
        return attempts;
    }
}
