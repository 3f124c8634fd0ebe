package io.stagedoor.api.sales;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An order as its organiser sees it. The fee fields are fixed when the order is paid: the platform's rate then,
 * the fee it came to, and what the organiser keeps.
 *
 * @param reference a short code for support, e.g. {@code ORD-7KQ29XW4}
 * @param provider how it was paid: {@code free}, {@code test} or {@code stripe}
 * @param refund the refund decided for this order, pending or done; null when none was (or it was refunded before
 *     refunds were recorded)
 */
public record Order(
        UUID id,
        String reference,
        UUID eventId,
        OrderStatus status,
        String buyerName,
        String buyerEmail,
        String currency,
        List<OrderLine> lines,
        long subtotalMinor,
        long discountMinor,
        long totalMinor,
        @Nullable Integer feeBasisPoints,
        @Nullable Long feeMinor,
        @Nullable Long netMinor,
        @Nullable String promoCode,
        String provider,
        Instant createdAt,
        @Nullable Instant paidAt,
        @Nullable Instant cancelledAt,
        @Nullable Instant refundedAt,
        @Nullable OrderRefund refund) {

    /** Whether the order's money is on its way back but the provider has not confirmed it yet. */
    public boolean refundPending() {
        return refund != null && refund.pending();
    }
}
