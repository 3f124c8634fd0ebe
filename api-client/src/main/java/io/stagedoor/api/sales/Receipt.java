package io.stagedoor.api.sales;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An order as its buyer sees it.
 *
 * @param refundPending whether the payment is on its way back to the buyer (the event was cancelled, or the payment
 *     came after the order could no longer be sold) and the provider has not confirmed it yet
 */
public record Receipt(
        UUID orderId,
        String reference,
        OrderStatus status,
        UUID eventId,
        String eventTitle,
        String buyerName,
        String buyerEmail,
        String currency,
        List<QuoteLine> lines,
        long subtotalMinor,
        long discountMinor,
        long totalMinor,
        @Nullable String promoCode,
        Instant createdAt,
        @Nullable Instant paidAt,
        boolean refundPending) {}
