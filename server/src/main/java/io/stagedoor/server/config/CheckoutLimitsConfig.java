package io.stagedoor.server.config;

import java.time.Duration;

/**
 * How often buyers may buy and ask for prices. Each count is one for the JSON API and the event page's form alike,
 * so that switching between them gains nothing.
 *
 * @param purchasesPerAddress purchase attempts one client address may make within {@code addressWindow}
 * @param quotesPerAddress price checks one client address may make within {@code addressWindow}
 * @param addressWindow the sliding window of the per-address counts
 * @param purchasesPerMinute purchase attempts from all clients together, per minute
 * @param quotesPerMinute price checks from all clients together, per minute
 * @param concurrentPurchases purchases worked on at once; more wait their turn for {@code queueWait}, then are told
 *     to try again shortly
 * @param queueWait how long a purchase waits for its turn at most
 */
public record CheckoutLimitsConfig(
        int purchasesPerAddress,
        int quotesPerAddress,
        Duration addressWindow,
        int purchasesPerMinute,
        int quotesPerMinute,
        int concurrentPurchases,
        Duration queueWait) {

    /** The defaults of {@code stagedoor.conf}, for configurations built in code. */
    public static final CheckoutLimitsConfig DEFAULTS =
            new CheckoutLimitsConfig(20, 60, Duration.ofMinutes(10), 3000, 6000, 20, Duration.ofSeconds(20));
}
