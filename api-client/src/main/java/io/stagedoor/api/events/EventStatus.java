package io.stagedoor.api.events;

/** Where an event is in its life: draft → on sale → live → ended, or cancelled at any point before the end. */
public enum EventStatus {
    /** Being prepared; nobody else can see it. */
    DRAFT,
    /** Published: its page is public and tickets sell. */
    ON_SALE,
    /** Streaming now; tickets still sell. */
    LIVE,
    /** Over; replays remain while tickets allow. */
    ENDED,
    /** Called off; paid orders were refunded and tickets revoked. */
    CANCELLED
}
