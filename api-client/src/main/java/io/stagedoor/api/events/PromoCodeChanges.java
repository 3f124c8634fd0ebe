package io.stagedoor.api.events;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code PATCH /api/v1/events/{eventId}/promo-codes/{promoCodeId}}: the fields given are changed, the others
 * kept.
 *
 * @param active false stops the code from being accepted; its past orders are unaffected
 * @param clear optional limits to remove, by name: {@value #MAX_REDEMPTIONS} (any number of uses), {@value
 *     #VALID_FROM}, {@value #VALID_UNTIL}; a field cannot be both given and cleared
 */
public record PromoCodeChanges(
        @Nullable Integer maxRedemptions,
        @Nullable Instant validFrom,
        @Nullable Instant validUntil,
        @Nullable Boolean active,
        @Nullable List<String> clear) {

    public static final String MAX_REDEMPTIONS = "maxRedemptions";
    public static final String VALID_FROM = "validFrom";
    public static final String VALID_UNTIL = "validUntil";

    /** The fields {@link #clear} may name. */
    public static final List<String> CLEARABLE = List.of(MAX_REDEMPTIONS, VALID_FROM, VALID_UNTIL);
}
