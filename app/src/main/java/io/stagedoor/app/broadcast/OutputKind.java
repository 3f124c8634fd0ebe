package io.stagedoor.app.broadcast;

/** Where the stream goes. */
public enum OutputKind {
    /** The selected event's ingest, fetched from the server. */
    EVENT_INGEST,
    /** An RTMP(S) URL and stream key typed in, for any other service. */
    CUSTOM
}
