package io.stagedoor.client;

import io.stagedoor.api.sales.CheckoutRequest;
import io.stagedoor.api.sales.CheckoutResult;
import io.stagedoor.api.sales.Quote;
import io.stagedoor.api.sales.QuoteRequest;
import io.stagedoor.api.sales.Receipt;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Buying tickets, as a buyer; no sign-in needed. */
public final class Checkout {

    private final Transport transport;

    Checkout(Transport transport) {
        this.transport = transport;
    }

    /**
     * {@code POST /api/v1/checkout/quote}: what a basket costs now. Price checks are limited per client address and
     * for everyone together: over a limit the server answers 429 with {@code Retry-After}.
     */
    public Quote quote(QuoteRequest request) {
        return transport.call("POST", "checkout", "quote").json(request).send(Quote.class);
    }

    /**
     * {@code POST /api/v1/checkout}. With an {@code idempotencyKey} (e.g. a UUID made once per purchase) the
     * call is retried safely after a network failure, and a repeat returns the first answer. Purchases are limited
     * per client address and for everyone together, and in a rush may have to wait their turn: over a limit the
     * server answers 429 with {@code Retry-After}, having bought nothing.
     */
    public CheckoutResult place(CheckoutRequest request, @Nullable String idempotencyKey) {
        return transport
                .call("POST", "checkout")
                .header(SafeRetryInterceptor.IDEMPOTENCY_KEY, idempotencyKey)
                .json(request)
                .send(CheckoutResult.class);
    }

    /** {@code GET /api/v1/orders/{orderId}} with the order token from the checkout. */
    public Receipt receipt(UUID orderId, String orderToken) {
        return transport
                .call("GET", "orders", orderId.toString())
                .header("X-Order-Token", orderToken)
                .send(Receipt.class);
    }
}
