package io.stagedoor.api.sales;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One issued ticket and who holds it, as the organiser sees it.
 *
 * @param revocation why a {@link TicketStatus#REVOKED} ticket was revoked; {@code null} while it is valid
 * @param refundPending whether the ticket's order is being refunded and the provider has not confirmed it yet (see
 *     {@link Order#refund()})
 */
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
        Instant issuedAt,
        @Nullable Revocation revocation,
        boolean refundPending) {}
