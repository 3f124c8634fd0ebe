package io.stagedoor.api.events;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /api/v1/events/{eventId}/ticket-types}.
 *
 * @param priceMinor the price in minor units of {@code currency} (cents for EUR, yen for JPY); 0 for free
 * @param currency ISO 4217, e.g. {@code EUR}; all ticket types of an event share one currency
 * @param quota how many may be sold
 * @param saleStartsAt when sales open; immediately when not given
 * @param saleEndsAt when sales close; at the event's end when not given
 */
public record TicketTypeDraft(
        @Nullable String name,
        @Nullable Long priceMinor,
        @Nullable String currency,
        @Nullable Integer quota,
        @Nullable Instant saleStartsAt,
        @Nullable Instant saleEndsAt,
        @Nullable TicketAccess access) {}
