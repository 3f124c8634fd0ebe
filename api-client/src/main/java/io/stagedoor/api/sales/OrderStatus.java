package io.stagedoor.api.sales;

/** Where an order stands. Tickets exist only for {@link #PAID} orders. */
public enum OrderStatus {
    /** Seats are held while the payment provider confirms. */
    PENDING,
    /** Paid; its tickets are issued. */
    PAID,
    /** Never paid (abandoned, expired, or the event was cancelled); its seats were released. */
    CANCELLED,
    /** Paid, then refunded; its tickets were revoked. */
    REFUNDED
}
