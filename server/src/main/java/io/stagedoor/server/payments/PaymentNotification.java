package io.stagedoor.server.payments;

import org.jspecify.annotations.Nullable;

/**
 * A verified message from a provider about an order's payment.
 *
 * @param id the provider's ID of this notification, to handle each only once
 * @param reference the reference the provider was given at {@link PaymentStart.Redirect}
 * @param paymentId what a refund names, once paid
 */
public record PaymentNotification(
        String id, Kind kind, String reference, @Nullable String paymentId) {

    /** What happened. */
    public enum Kind {
        /** The buyer paid. */
        PAID,
        /** The payment page expired or was abandoned; the order's seats can be released. */
        EXPIRED,
        /** The payment was refunded at the provider (for example from its dashboard). */
        REFUNDED,
        /** Something else the server does not act on. */
        IGNORED
    }
}
