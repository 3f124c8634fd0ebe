package io.stagedoor.api.events;

/**
 * Where an event is in its life: draft → on sale → live (on air) → ended, or cancelled at any point before the end.
 * Publishing a stream and being on air are different things: a stream published while the event is on sale is a
 * rehearsal, seen only by the organiser; "Start show" puts it on air for ticket holders. An ended event can be
 * reopened by its organiser.
 */
public enum EventStatus {
    /** Being prepared; nobody else can see it. */
    DRAFT,
    /** Published: its page is public and tickets sell; a stream published now is a rehearsal, for the organiser. */
    ON_SALE,
    /** On air: ticket holders watch the stream; tickets still sell. */
    LIVE,
    /** Over; replays remain while tickets allow. The organiser may reopen it (a mistaken end, an overrun). */
    ENDED,
    /** Called off; paid orders were refunded and tickets revoked. */
    CANCELLED
}
