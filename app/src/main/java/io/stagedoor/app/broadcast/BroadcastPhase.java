package io.stagedoor.app.broadcast;

/** Where the broadcast screen stands. */
public enum BroadcastPhase {
    /** Not broadcasting; settings can be changed. */
    IDLE,
    /** Fetching the ingest, opening the encoder and the connection. */
    STARTING,
    /** On air. */
    LIVE,
    /** On air, but the connection was lost; encoding goes on while it is re-established. */
    RECONNECTING,
    /** Stopping the encoder and sending what is queued. */
    ENDING
}
