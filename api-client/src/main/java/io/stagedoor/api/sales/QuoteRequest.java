package io.stagedoor.api.sales;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Body of {@code POST /api/v1/checkout/quote}: what a basket would cost, without reserving anything. */
public record QuoteRequest(
        @Nullable UUID eventId,
        @Nullable List<CheckoutItem> items,
        @Nullable String promoCode) {}
