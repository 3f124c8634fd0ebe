package io.stagedoor.server.accounts.limits;

import io.stagedoor.server.limits.Turns;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Runs at most {@code permits} password hashes at once. Each Argon2id hash holds 19 MiB while it runs and requests
 * run on virtual threads without number, so without this a few hundred sign-ins at once would take gigabytes. A
 * request waits its turn for at most {@code maxWait}, behind at most {@value #WAITING_PER_PERMIT} others per permit;
 * beyond that it is told to come back (429 with {@code Retry-After}) at once. Memory for hashing thus stays below
 * {@code permits} × 19 MiB, and an answer never takes much longer than {@code maxWait} plus one hash.
 */
public final class HashingSlots {

    static final int WAITING_PER_PERMIT = 32;
    private static final Duration COME_BACK = Duration.ofSeconds(1);

    private final Turns turns;

    public HashingSlots(int permits, Duration maxWait) {
        if (permits < 1) {
            throw new IllegalArgumentException("permits must be at least 1");
        }
        this.turns = new Turns(
                permits,
                maxWait,
                permits * WAITING_PER_PERMIT,
                "The server is busy checking other passwords. Try again in a second.",
                COME_BACK);
    }

    /**
     * Runs {@code hashing} once a permit is free.
     *
     * @throws io.stagedoor.server.error.TooManyRequestsException when none came free in time, or too many requests
     *     wait already
     */
    public <T> T run(Supplier<T> hashing) {
        return turns.run(hashing);
    }
}
