package io.stagedoor.server.ingest;

import java.time.Duration;

/**
 * How long a packager waits before it starts its process again. The first restart of a streak is at once (a publisher
 * that reconnects, or changes its settings once, loses nothing); each further one waits twice as long as the one
 * before, from {@code first} up to {@code cap}; a run that lasts {@code settle} ends the streak. A publisher that
 * changes its codec headers again and again thus costs one process start per {@code cap} at most. Not thread-safe:
 * the packager's supervisor alone uses it.
 */
final class RestartBackoff {

    /** From this restart of a streak on, the stream's health says why packaging keeps stopping. */
    static final int ALERT_FROM = 3;

    private final Duration first;
    private final Duration cap;
    private final Duration settle;
    private int streak;

    RestartBackoff(Duration first, Duration cap, Duration settle) {
        if (!first.isPositive() || cap.compareTo(first) < 0 || !settle.isPositive()) {
            throw new IllegalArgumentException("A back-off needs 0 < first <= cap and a positive settle time: " + first
                    + ", " + cap + ", " + settle);
        }
        this.first = first;
        this.cap = cap;
        this.settle = settle;
    }

    /** Half a second, doubling up to 30 s; 30 s of steady packaging end a streak. */
    static RestartBackoff standard() {
        return new RestartBackoff(Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(30));
    }

    /** Counts a restart and returns how long it waits. */
    Duration next() {
        streak++;
        if (streak == 1) {
            return Duration.ZERO;
        }
        var delay = first.multipliedBy(1L << Math.min(streak - 2, 30));
        return delay.compareTo(cap) > 0 || delay.isNegative() ? cap : delay;
    }

    /** Restarts in this streak so far. */
    int streak() {
        return streak;
    }

    /** How long a run must last to end the streak. */
    Duration settle() {
        return settle;
    }

    /** A run lasted {@link #settle()}: the next restart is at once again. */
    void settled() {
        streak = 0;
    }
}
