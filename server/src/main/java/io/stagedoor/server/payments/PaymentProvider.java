package io.stagedoor.server.payments;

import io.stagedoor.server.error.InputCheck;
import io.stagedoor.server.error.PaymentDeclinedException;
import io.stagedoor.server.error.ProviderUnavailableException;
import org.jspecify.annotations.Nullable;

/** A way to take money: the simulated card for demos, or Stripe Checkout. */
public interface PaymentProvider {

    /** The name buyers choose it by, e.g. {@code stripe}. */
    String id();

    /** Checks what the buyer chose, before any seat is held; records problems in {@code check}. */
    default void checkChoice(@Nullable String testCardNumber, InputCheck check) {}

    /**
     * Starts paying for an order that holds its seats. Called outside any database transaction, as it may wait on
     * the network.
     *
     * @throws PaymentDeclinedException when the provider refuses at once
     * @throws ProviderUnavailableException when the provider cannot be reached or fails
     */
    PaymentStart start(PaymentRequest request);

    /**
     * Gives the whole payment back. Asking again with the same {@code idempotencyKey}, or for a payment already given
     * back, refunds nothing more and succeeds: a refund whose answer was lost can simply be asked for again.
     *
     * @param idempotencyKey the same for every try of one refund
     * @throws ProviderUnavailableException when the provider cannot be reached or refuses; its message says why in
     *     words for the organiser
     */
    void refund(String paymentId, long amountMinor, String currency, String idempotencyKey);
}
