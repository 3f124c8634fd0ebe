package io.stagedoor.api.events;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A ticket type as buyers see it. */
public record PublicTicketType(
        UUID id,
        String name,
        long priceMinor,
        String currency,
        int available,
        boolean onSaleNow,
        @Nullable Instant saleStartsAt,
        @Nullable Instant saleEndsAt,
        TicketAccess access) {}
