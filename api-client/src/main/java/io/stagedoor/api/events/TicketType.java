package io.stagedoor.api.events;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A kind of ticket for an event, as its organiser sees it.
 *
 * @param sold seats in paid orders
 * @param reserved seats held by orders waiting for payment
 * @param available seats that can still be bought: quota − sold − reserved
 */
public record TicketType(
        UUID id,
        UUID eventId,
        String name,
        long priceMinor,
        String currency,
        int quota,
        int sold,
        int reserved,
        int available,
        @Nullable Instant saleStartsAt,
        @Nullable Instant saleEndsAt,
        TicketAccess access) {}
