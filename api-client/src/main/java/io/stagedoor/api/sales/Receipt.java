package io.stagedoor.api.sales;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An order as its buyer sees it. */
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
        @Nullable Instant paidAt) {}
