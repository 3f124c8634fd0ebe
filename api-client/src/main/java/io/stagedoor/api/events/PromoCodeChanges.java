package io.stagedoor.api.events;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code PATCH /api/v1/events/{eventId}/promo-codes/{promoCodeId}}: the fields given are changed.
 *
 * @param active false stops the code from being accepted; its past orders are unaffected
 */
public record PromoCodeChanges(
        @Nullable Integer maxRedemptions,
        @Nullable Instant validFrom,
        @Nullable Instant validUntil,
        @Nullable Boolean active) {}
