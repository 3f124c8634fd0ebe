package io.stagedoor.api.events;

/** How a promo code lowers the price. */
public enum PromoKind {
    /** A percentage off each eligible ticket. */
    PERCENT,
    /** A fixed amount off the order, spread over its eligible tickets. */
    FIXED
}
