package io.stagedoor.server.http;

import io.stagedoor.server.error.TooManyRequestsException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Allows each key (typically a client's network address) at most {@code limit} actions within a sliding
 * {@code window}; the next one is refused with a 429 that says when to try again. Kept in memory: a restart forgives,
 * and each node of a cluster counts its own.
 */
public final class RateLimiter {

    /** Keys remembered at most, so that a flood of made-up addresses cannot exhaust memory. */
    private static final int MAX_KEYS = 100_000;

    private final Clock clock;
    private final int limit;
    private final Duration window;
    private final String what;
    private final Map<String, Deque<Instant>> recent = new ConcurrentHashMap<>();

    /** @param what the action, as the refusal names it ("ticket look-ups", …) */
    public RateLimiter(Clock clock, int limit, Duration window, String what) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        this.clock = clock;
        this.limit = limit;
        this.window = window;
        this.what = what;
    }

    /**
     * Counts one action for {@code key}.
     *
     * @throws TooManyRequestsException when {@code key} already had {@code limit} within the window
     */
    public void acquire(String key) {
        var now = clock.instant();
        if (recent.size() >= MAX_KEYS) {
            recent.entrySet().removeIf(entry -> {
                synchronized (entry.getValue()) {
                    prune(entry.getValue(), now);
                    return entry.getValue().isEmpty();
                }
            });
        }
        var times = recent.computeIfAbsent(key, k -> new ArrayDeque<>());
        Instant oldest;
        synchronized (times) {
            prune(times, now);
            if (times.size() < limit) {
                times.addLast(now);
                return;
            }
            oldest = times.peekFirst();
        }
        var retryAfter = Duration.between(now, oldest.plus(window));
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        throw new TooManyRequestsException(
                "Too many " + what + " from your network address. Try again in " + seconds + " second(s).",
                Duration.ofSeconds(seconds));
    }

    private void prune(Deque<Instant> times, Instant now) {
        while (!times.isEmpty() && !times.peekFirst().plus(window).isAfter(now)) {
            times.removeFirst();
        }
    }
}
