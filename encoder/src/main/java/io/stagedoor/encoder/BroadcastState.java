package io.stagedoor.encoder;

/** Where a {@link Broadcast} is in its life. */
public enum BroadcastState {
    /** Opening the encoder, the connection and the sources. */
    STARTING,
    /** Publishing (and recording, if asked). */
    LIVE,
    /** The connection was lost; encoding and recording go on while it is re-established. */
    RECONNECTING,
    /** Recording to a file without streaming. */
    RECORDING,
    /** Stopped on request. */
    STOPPED,
    /** Stopped by a failure the broadcast cannot recover from; the reason went to the listeners. */
    FAILED
}
