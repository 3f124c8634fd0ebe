package io.stagedoor.api.sales;

import java.time.Instant;
import java.util.UUID;

/** One issued ticket and who holds it, as the organiser sees it. */
public record Attendee(
        UUID ticketId,
        String ticketCode,
        UUID orderId,
        String orderReference,
        UUID ticketTypeId,
        String ticketTypeName,
        String holderName,
        String holderEmail,
        TicketStatus status,
        Instant issuedAt) {}
