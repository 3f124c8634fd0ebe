package io.stagedoor.server.sales;

import io.stagedoor.server.config.CheckoutLimitsConfig;
import io.stagedoor.server.error.TooManyRequestsException;
import io.stagedoor.server.limits.Turns;
import java.time.Duration;

/**
 * How often buyers may buy and ask for prices, counted per client address and for all clients together, and how many
 * purchases are worked on at once. One instance serves the JSON API and the event page's form, so that a buyer who
 * switches between them draws on the same allowance. Each refusal is a 429 with the time to wait.
 */
public final class CheckoutLimits {

    /** All clients together count under this one key. */
    private static final String EVERYONE = "*";
    /** What a buyer refused for the crowd is told to wait: long enough to thin it, short enough to keep them. */
    private static final Duration BUSY_RETRY = Duration.ofSeconds(2);

    /** Counts one action for a key, refusing it with a 429 once the key's allowance is used up. */
    @FunctionalInterface
    public interface Allowance {
        /** @throws TooManyRequestsException when {@code key} has had its {@code limit} within the window */
        void acquire(String key);
    }

    /** Makes an allowance of {@code limit} actions per key within a sliding {@code window}; {@code what} names them. */
    @FunctionalInterface
    public interface Allowances {
        Allowance of(int limit, Duration window, String what);
    }

    private final Allowance purchasesByAddress;
    private final Allowance quotesByAddress;
    private final Allowance purchasesInTotal;
    private final Allowance quotesInTotal;
    private final Turns working;

    /** @param allowances the HTTP layer's rate limiters, in production */
    public CheckoutLimits(CheckoutLimitsConfig config, Allowances allowances) {
        this.purchasesByAddress =
                allowances.of(config.purchasesPerAddress(), config.addressWindow(), "purchase attempts");
        this.quotesByAddress = allowances.of(config.quotesPerAddress(), config.addressWindow(), "price checks");
        this.purchasesInTotal = allowances.of(config.purchasesPerMinute(), Duration.ofMinutes(1), "purchase attempts");
        this.quotesInTotal = allowances.of(config.quotesPerMinute(), Duration.ofMinutes(1), "price checks");
        // The HTTP server bounds the requests waiting; here every one of them may wait its turn.
        this.working = new Turns(
                config.concurrentPurchases(),
                config.queueWait(),
                Integer.MAX_VALUE,
                "The box office is very busy: many buyers are checking out at this moment. Nothing was bought;"
                        + " try again in " + inWords(BUSY_RETRY) + ".",
                BUSY_RETRY);
    }

    /**
     * Counts one purchase attempt from {@code clientAddress}: first against its own allowance, so that the refused
     * attempts of one busy address do not use up everyone's, then against everyone's.
     *
     * @throws TooManyRequestsException when either is used up
     */
    public void countPurchase(String clientAddress) {
        count(purchasesByAddress, clientAddress, "Many purchases have been tried");
        count(purchasesInTotal, EVERYONE, "The box office is taking more purchases than it can");
    }

    /** Counts one price check from {@code clientAddress}, as {@link #countPurchase} does a purchase. */
    public void countQuote(String clientAddress) {
        count(quotesByAddress, clientAddress, "Many prices have been asked for");
        count(quotesInTotal, EVERYONE, "The box office is asked for more prices than it can answer");
    }

    /** Counts under {@code key}; a refusal says what happened (for an address: from it) and when to try again. */
    private static void count(Allowance allowance, String key, String what) {
        try {
            allowance.acquire(key);
        } catch (TooManyRequestsException e) {
            throw new TooManyRequestsException(
                    what + (key.equals(EVERYONE) ? " right now" : " from your network address") + ". Nothing was"
                            + " bought; try again in " + inWords(e.retryAfter()) + ".",
                    e.retryAfter());
        }
    }

    /** "45 seconds", "1 minute", "10 minutes": whole units, rounded up. */
    static String inWords(Duration wait) {
        long seconds = Math.max(1, wait.toSeconds());
        if (seconds < 60) {
            return seconds + (seconds == 1 ? " second" : " seconds");
        }
        long minutes = (seconds + 59) / 60;
        return minutes + (minutes == 1 ? " minute" : " minutes");
    }

    /**
     * Waits for a turn to work on a purchase, at most the configured queue time; closing the turn lets the next
     * purchase in.
     *
     * @throws TooManyRequestsException when no turn came in time
     */
    Turns.Turn turn() {
        return working.take();
    }
}
