package io.stagedoor.api.events;

/** Who ended a show. */
public enum EndedBy {
    /** The organiser chose "End show". */
    ORGANISER,
    /**
     * The server, after the scheduled end had passed and the publisher had been gone for the configured time
     * ({@code ingest.end-after-minutes}).
     */
    AUTOMATIC
}
