package io.stagedoor.app.connection;

/** Where the studio stands with its server. */
public enum ConnectionState {
    /** No address tried yet. */
    IDLE,
    /** A request is on its way. */
    CONNECTING,
    /** The server answered and is healthy. */
    CONNECTED,
    /** The server answered but reports a problem (its database, for instance). */
    DEGRADED,
    /** No usable answer, or the address is not valid. */
    FAILED
}
