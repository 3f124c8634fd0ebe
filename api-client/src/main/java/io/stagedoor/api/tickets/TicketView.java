package io.stagedoor.api.tickets;

import io.stagedoor.api.events.EventStatus;
import io.stagedoor.api.events.TicketAccess;
import io.stagedoor.api.sales.TicketStatus;
import java.time.Instant;

/** A ticket as its holder sees it, looked up by the secret in its link. */
public record TicketView(
        String ticketCode,
        TicketStatus status,
        String ticketTypeName,
        TicketAccess access,
        String holderName,
        String eventSlug,
        String eventTitle,
        EventStatus eventStatus,
        Instant startsAt,
        String timeZone,
        int durationMinutes) {}
