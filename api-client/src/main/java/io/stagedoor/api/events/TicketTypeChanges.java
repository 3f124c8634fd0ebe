package io.stagedoor.api.events;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code PATCH /api/v1/events/{eventId}/ticket-types/{ticketTypeId}}: the fields given are changed, the others
 * kept. A new price applies to later sales only; the quota cannot go below what is sold or reserved.
 *
 * @param clear optional fields to empty, by name: {@value #SALE_STARTS_AT} (on sale at once), {@value #SALE_ENDS_AT}
 *     (on sale until the event ends); a field cannot be both given and cleared
 */
public record TicketTypeChanges(
        @Nullable String name,
        @Nullable Long priceMinor,
        @Nullable Integer quota,
        @Nullable Instant saleStartsAt,
        @Nullable Instant saleEndsAt,
        @Nullable TicketAccess access,
        @Nullable List<String> clear) {

    public static final String SALE_STARTS_AT = "saleStartsAt";
    public static final String SALE_ENDS_AT = "saleEndsAt";

    /** The fields {@link #clear} may name. */
    public static final List<String> CLEARABLE = List.of(SALE_STARTS_AT, SALE_ENDS_AT);
}
