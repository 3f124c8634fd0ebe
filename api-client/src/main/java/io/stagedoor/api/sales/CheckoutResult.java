package io.stagedoor.api.sales;

import org.jspecify.annotations.Nullable;

/**
 * The answer to a checkout.
 *
 * @param paymentUrl where to send the buyer to pay (Stripe Checkout); null when the order is already paid
 * @param orderToken lets the buyer look the order up later ({@code GET /api/v1/orders/{orderId}} with header
 *     {@code X-Order-Token}); keep it secret
 */
public record CheckoutResult(Receipt receipt, @Nullable String paymentUrl, String orderToken) {

    @Override
    public String toString() {
        return "CheckoutResult[receipt=" + receipt + ", paymentUrl=" + paymentUrl + "]";
    }
}
