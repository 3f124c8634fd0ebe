package io.stagedoor.server.accounts;

import io.stagedoor.server.error.TooManyRequestsException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after too many failed sign-ins within a window, for one account or from one address,
 * further attempts are refused until the oldest failure leaves the window. Kept in memory: a server restart
 * forgives, and each node of a cluster counts its own attempts.
 */
final class LoginThrottle {

    /** Failures remembered at most, so that a flood of made-up addresses cannot exhaust memory. */
    private static final int MAX_KEYS = 100_000;

    private final Clock clock;
    private final int perAccount;
    private final int perAddress;
    private final Duration window;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    LoginThrottle(Clock clock, int perAccount, int perAddress, Duration window) {
        this.clock = clock;
        this.perAccount = perAccount;
        this.perAddress = perAddress;
        this.window = window;
    }

    /** @throws TooManyRequestsException when this account or address has failed too often of late */
    void check(String email, String address) {
        var now = clock.instant();
        refuseIfOver("account:" + email, perAccount, now, "this account");
        refuseIfOver("address:" + address, perAddress, now, "your network address");
    }

    void failed(String email, String address) {
        var now = clock.instant();
        if (failures.size() >= MAX_KEYS) {
            forgetExpired(now);
        }
        record("account:" + email, now);
        record("address:" + address, now);
    }

    void succeeded(String email) {
        failures.remove("account:" + email);
    }

    private void record(String key, Instant now) {
        failures.compute(key, (k, times) -> {
            var kept = times == null ? new ArrayDeque<Instant>() : times;
            prune(kept, now);
            kept.addLast(now);
            return kept;
        });
    }

    private void refuseIfOver(String key, int limit, Instant now, String whose) {
        var times = failures.get(key);
        if (times == null) {
            return;
        }
        Instant oldest;
        synchronized (times) {
            prune(times, now);
            if (times.size() < limit) {
                return;
            }
            oldest = times.peekFirst();
        }
        var retryAfter = Duration.between(now, oldest.plus(window));
        throw new TooManyRequestsException(
                "Too many failed sign-ins for " + whose + ". Try again in " + Math.max(1, retryAfter.toMinutes())
                        + " minute(s).",
                retryAfter);
    }

    private void prune(Deque<Instant> times, Instant now) {
        synchronized (times) {
            while (!times.isEmpty() && !times.peekFirst().plus(window).isAfter(now)) {
                times.removeFirst();
            }
        }
    }

    private void forgetExpired(Instant now) {
        failures.entrySet().removeIf(entry -> {
            prune(entry.getValue(), now);
            return entry.getValue().isEmpty();
        });
    }
}
