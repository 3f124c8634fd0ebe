package io.stagedoor.api.sales;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The money of an order going back to its buyer. The server asks the payment provider at once and, when that fails,
 * again and again (waiting longer each time, up to an hour) until the provider confirms; the order is then
 * {@link OrderStatus#REFUNDED}. An organiser may ask for another try at any time by refunding the order again.
 *
 * @param reason why, e.g. "the event was cancelled"
 * @param requestedAt when the refund was decided
 * @param pending true until the provider confirmed it; the order keeps its status (paid, or cancelled for a payment
 *     that came too late) meanwhile, its tickets no longer work and its seats are free again
 * @param attempts how often the provider has been asked so far
 * @param lastError why the last try failed, in words for the organiser; null when it did not fail
 * @param nextAttemptAt when the server tries again while it is pending; null once done
 */
public record OrderRefund(
        String reason,
        Instant requestedAt,
        boolean pending,
        int attempts,
        @Nullable String lastError,
        @Nullable Instant nextAttemptAt) {}
