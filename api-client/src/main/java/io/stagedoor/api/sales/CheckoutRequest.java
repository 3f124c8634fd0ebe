package io.stagedoor.api.sales;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /api/v1/checkout}. Send an {@code Idempotency-Key} header (any unique string up to 200
 * characters) so that a retried request returns the first answer instead of buying twice.
 */
public record CheckoutRequest(
        @Nullable UUID eventId,
        @Nullable Buyer buyer,
        @Nullable List<CheckoutItem> items,
        @Nullable String promoCode,
        @Nullable PaymentChoice payment) {}
