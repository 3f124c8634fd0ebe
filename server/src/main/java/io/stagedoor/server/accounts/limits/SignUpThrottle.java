package io.stagedoor.server.accounts.limits;

import io.stagedoor.server.config.AuthConfig;
import io.stagedoor.server.error.TooManyRequestsException;
import java.time.Clock;
import java.time.Duration;

/**
 * Limits sign-ups per client network (see {@link ClientNetwork}) and in total, so that nobody fills the server with
 * accounts, or its list of sign-ups waiting for approval, or keeps it hashing passwords. Counted before the password
 * is hashed; kept in memory, bounded (see {@link AttemptWindows}).
 */
public final class SignUpThrottle {

    /** Addresses remembered at most. */
    static final int MAX_KEYS = 20_000;

    private static final String TOTAL = "total";

    private final Clock clock;
    private final AuthConfig.SignUpLimits limits;
    private final AttemptWindows perAddress;
    private final AttemptWindows total;

    public SignUpThrottle(Clock clock, AuthConfig.SignUpLimits limits) {
        this.clock = clock;
        this.limits = limits;
        this.perAddress = new AttemptWindows(limits.window(), MAX_KEYS);
        this.total = new AttemptWindows(limits.window(), 1);
    }

    /**
     * Counts a sign-up from {@code network}.
     *
     * @throws TooManyRequestsException when the network has signed up too often of late
     */
    public Counted fromAddress(String network) {
        return count(
                perAddress,
                "address:" + network,
                limits.perAddress(),
                "Too many sign-ups from your network" + " address. Try again in ");
    }

    /**
     * Counts a sign-up toward the total.
     *
     * @throws TooManyRequestsException when the server took as many as it takes within the window
     */
    public Counted inTotal() {
        return count(total, TOTAL, limits.total(), "This server takes no more new accounts for now. Try again in ");
    }

    private Counted count(AttemptWindows windows, String key, int limit, String refusal) {
        var now = clock.instant();
        synchronized (windows) {
            long slot = windows.slot(now);
            if (windows.count(key, slot) >= limit) {
                var retryAfter = windows.retryAfter(key, limit, now);
                long minutes = Math.max(1, (retryAfter.toSeconds() + 59) / 60);
                throw new TooManyRequestsException(
                        refusal + minutes + " minute(s).", retryAfter.isZero() ? Duration.ofSeconds(1) : retryAfter);
            }
            var mark = windows.add(key, slot);
            return () -> {
                synchronized (windows) {
                    windows.remove(mark, windows.slot(clock.instant()));
                }
            };
        }
    }

    /** A sign-up counted; taken back when the server, not the client, stopped it (too busy to hash its password). */
    @FunctionalInterface
    public interface Counted {
        void takeBack();
    }
}
