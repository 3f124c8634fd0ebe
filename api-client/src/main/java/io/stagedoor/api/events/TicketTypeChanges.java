package io.stagedoor.api.events;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code PATCH /api/v1/events/{eventId}/ticket-types/{ticketTypeId}}: the fields given are changed. A new
 * price applies to later sales only; the quota cannot go below what is sold or reserved.
 */
public record TicketTypeChanges(
        @Nullable String name,
        @Nullable Long priceMinor,
        @Nullable Integer quota,
        @Nullable Instant saleStartsAt,
        @Nullable Instant saleEndsAt,
        @Nullable TicketAccess access) {}
