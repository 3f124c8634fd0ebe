package io.stagedoor.api.sales;

import org.jspecify.annotations.Nullable;

/**
 * How to pay. Orders that cost nothing need no payment.
 *
 * @param provider {@code stripe} (Stripe Checkout; the buyer is sent to {@code paymentUrl}) or {@code test} (a
 *     simulated card, for demos, where the server allows it)
 * @param testCardNumber for {@code test}: 4242 4242 4242 4242 succeeds, 4000 0000 0000 0002 is declined
 */
public record PaymentChoice(
        @Nullable String provider, @Nullable String testCardNumber) {}
