package io.stagedoor.api.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A promo code as its organiser sees it; {@code redemptions} counts the orders that used it and stand. */
public record PromoCode(
        UUID id,
        UUID eventId,
        String code,
        PromoKind kind,
        @Nullable Integer percentOff,
        @Nullable Long amountOffMinor,
        List<UUID> ticketTypeIds,
        @Nullable Integer maxRedemptions,
        int redemptions,
        @Nullable Instant validFrom,
        @Nullable Instant validUntil,
        boolean active,
        Instant createdAt) {}
