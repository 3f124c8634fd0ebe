package io.stagedoor.server.payments;

import java.net.URI;

/** How a provider answered the start of a payment. */
public sealed interface PaymentStart {

    /** Paid at once (the simulated card); {@code paymentId} is what a refund names. */
    record Paid(String paymentId) implements PaymentStart {}

    /**
     * The buyer must go to {@code url} to pay; the provider will confirm later by a notification naming
     * {@code reference}.
     */
    record Redirect(URI url, String reference) implements PaymentStart {}
}
