package io.stagedoor.api.sales;

/** Whether a ticket still opens the stream. */
public enum TicketStatus {
    VALID,
    /** Refunded, cancelled with its event, or revoked on its own by the organiser ({@link Revocation} says which). */
    REVOKED
}
