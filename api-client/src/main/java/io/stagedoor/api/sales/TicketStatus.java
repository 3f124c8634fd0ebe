package io.stagedoor.api.sales;

/** Whether a ticket still opens the stream. */
public enum TicketStatus {
    VALID,
    /** Refunded, cancelled with its event, or replaced by a newly sent link. */
    REVOKED
}
