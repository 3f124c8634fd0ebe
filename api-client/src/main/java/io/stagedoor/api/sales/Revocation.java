package io.stagedoor.api.sales;

/** Why a ticket is {@link TicketStatus#REVOKED}, which decides whether it can be reinstated. */
public enum Revocation {
    /** With its order: refunded, or cancelled with its event. Final; the money went back. */
    ORDER,
    /**
     * By the event's organiser, for this ticket alone. Not a refund: the order stays paid and the sales figures do not
     * change. The organiser may reinstate the ticket.
     */
    ORGANISER
}
