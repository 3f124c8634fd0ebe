package io.stagedoor.api.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /api/v1/events/{eventId}/promo-codes}.
 *
 * @param code what buyers type; letters, digits, hyphens and underscores, matched without regard to case
 * @param percentOff for {@link PromoKind#PERCENT}: 1 to 100
 * @param amountOffMinor for {@link PromoKind#FIXED}: minor units of the event's currency, off each order
 * @param ticketTypeIds the ticket types it applies to; all of the event's when empty or not given
 * @param maxRedemptions how many orders may use it; unlimited when not given
 */
public record PromoCodeDraft(
        @Nullable String code,
        @Nullable PromoKind kind,
        @Nullable Integer percentOff,
        @Nullable Long amountOffMinor,
        @Nullable List<UUID> ticketTypeIds,
        @Nullable Integer maxRedemptions,
        @Nullable Instant validFrom,
        @Nullable Instant validUntil) {}
