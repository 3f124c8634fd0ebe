package io.stagedoor.server.limits;

import io.stagedoor.server.error.TooManyRequestsException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Lets at most {@code atOnce} callers do a costly piece of work at the same time (a password hash, a purchase, an
 * image decode): requests run on virtual threads without number, so without a bound a crowd would take all memory or
 * every connection. Others wait their turn, first come first served, for at most {@code maxWait} and behind at most
 * {@code maxWaiting} others; beyond that they are told at once to come back (429 with {@code Retry-After}).
 */
public final class Turns {

    private final Semaphore permits;
    private final Duration maxWait;
    private final int maxWaiting;
    private final String busy;
    private final Duration comeBack;
    private final AtomicInteger waiting = new AtomicInteger();

    /** A turn taken; closing it lets the next caller in. */
    public interface Turn extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * @param busy what a caller refused is told, e.g. "The server is busy checking other passwords. Try again in a
     *     second."
     * @param comeBack the {@code Retry-After} of a refusal
     */
    public Turns(int atOnce, Duration maxWait, int maxWaiting, String busy, Duration comeBack) {
        if (atOnce < 1) {
            throw new IllegalArgumentException("at least one at once");
        }
        this.permits = new Semaphore(atOnce, true);
        this.maxWait = maxWait;
        this.maxWaiting = maxWaiting;
        this.busy = busy;
        this.comeBack = comeBack;
    }

    /**
     * Waits for a turn.
     *
     * @throws TooManyRequestsException when none came in time, or too many wait already
     */
    public Turn take() {
        if (!acquire()) {
            throw new TooManyRequestsException(busy, comeBack);
        }
        return permits::release;
    }

    /** Runs {@code work} in a turn. */
    public <T> T run(Supplier<T> work) {
        try (var turn = take()) {
            return work.get();
        }
    }

    private boolean acquire() {
        if (waiting.incrementAndGet() > maxWaiting) {
            waiting.decrementAndGet();
            return false;
        }
        try {
            return permits.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            waiting.decrementAndGet();
        }
    }
}
