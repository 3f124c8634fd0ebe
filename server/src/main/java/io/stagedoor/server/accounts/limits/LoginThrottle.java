package io.stagedoor.server.accounts.limits;

import io.stagedoor.server.config.AuthConfig;
import io.stagedoor.server.error.TooManyRequestsException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Slows password guessing without letting a stranger lock an organiser out. Failed sign-ins are counted per client
 * network (see {@link ClientNetwork}) to any account, per account and network, and per account from the networks that
 * never signed in to it. A guesser is thus held back where they guess from, and a crowd of guessers by the account's
 * own limit, while its owner signs in where they signed in before, whatever others do elsewhere.
 *
 * <p>An attempt is counted when it begins, before its password is hashed, and taken back when the password was right
 * or never checked: a hundred wrong guesses sent at once get no further than the limit. Kept in memory, bounded (see
 * {@link AttemptWindows}): a restart forgives, and each node of a cluster counts its own.
 */
public final class LoginThrottle {

    /** Addresses, accounts and pairs of them remembered at most. */
    static final int MAX_KEYS = 50_000;

    /** Whether an account was signed in to from a network before; asked only once the account's own limit is reached. */
    @FunctionalInterface
    public interface KnownNetworks {
        boolean signedInFrom(String email, String network);
    }

    private final Clock clock;
    private final AuthConfig.SignInLimits limits;
    private final KnownNetworks known;
    private final AttemptWindows windows;

    public LoginThrottle(Clock clock, AuthConfig.SignInLimits limits, KnownNetworks known) {
        this.clock = clock;
        this.limits = limits;
        this.known = known;
        this.windows = new AttemptWindows(limits.window(), MAX_KEYS);
    }

    /**
     * Counts a sign-in attempt, as a failure until told otherwise.
     *
     * @param email as typed, in lower case; made-up ones are counted alike
     * @param network from {@link ClientNetwork#of}
     * @throws TooManyRequestsException when the network, the account from this network, or the account from networks
     *     it was never used from has failed too often of late
     */
    public Attempt begin(String email, String network) {
        var pair = "pair:" + network + " " + email;
        var address = "address:" + network;
        var account = "account:" + email;
        var now = clock.instant();
        synchronized (windows) {
            long slot = windows.slot(now);
            refuseIfOver(address, limits.perAddress(), now, "from your network address");
            refuseIfOver(pair, limits.perAccountAndAddress(), now, "to this account from your network address");
            if (windows.count(account, slot) < limits.perAccount()) {
                return new Attempt(
                        pair, List.of(windows.add(address, slot), windows.add(pair, slot), windows.add(account, slot)));
            }
        }
        // The account is being guessed at from many places: only networks its owner used before still get in.
        if (!known.signedInFrom(email, network)) {
            throw tooMany(
                    "Too many failed sign-ins to this account from places it was never signed in from. Sign in where"
                            + " you signed in before, or try again in ",
                    retryAfter(account, limits.perAccount(), now));
        }
        synchronized (windows) {
            long slot = windows.slot(now);
            refuseIfOver(address, limits.perAddress(), now, "from your network address");
            refuseIfOver(pair, limits.perAccountAndAddress(), now, "to this account from your network address");
            return new Attempt(pair, List.of(windows.add(address, slot), windows.add(pair, slot)));
        }
    }

    /** Keys remembered now; for tests of the bound. */
    int keys() {
        synchronized (windows) {
            return windows.size();
        }
    }

    private Duration retryAfter(String key, int limit, Instant now) {
        synchronized (windows) {
            return windows.retryAfter(key, limit, now);
        }
    }

    private void refuseIfOver(String key, int limit, Instant now, String where) {
        if (windows.count(key, windows.slot(now)) >= limit) {
            throw tooMany("Too many failed sign-ins " + where + ". Try again in ", windows.retryAfter(key, limit, now));
        }
    }

    /** @param sentence ends where the wait in minutes goes */
    private static TooManyRequestsException tooMany(String sentence, Duration retryAfter) {
        long minutes = Math.max(1, (retryAfter.toSeconds() + 59) / 60);
        return new TooManyRequestsException(
                sentence + minutes + " minute(s).", retryAfter.isZero() ? Duration.ofSeconds(1) : retryAfter);
    }

    /** One sign-in attempt, counted as a failure unless it says otherwise. */
    public final class Attempt {
        private final String pair;
        private final List<AttemptWindows.Mark> marks;

        private Attempt(String pair, List<AttemptWindows.Mark> marks) {
            this.pair = pair;
            this.marks = new ArrayList<>(marks);
        }

        /** The password was right: the attempt does not count, and the account forgives this network's failures. */
        public void succeeded() {
            synchronized (windows) {
                takeBack();
                windows.clear(pair);
            }
        }

        /** The password was never checked (the server was too busy, or failed): the attempt does not count. */
        public void abandoned() {
            synchronized (windows) {
                takeBack();
            }
        }

        private void takeBack() {
            long now = windows.slot(clock.instant());
            marks.forEach(mark -> windows.remove(mark, now));
            marks.clear();
        }
    }
}
