package io.stagedoor.encoder;

/** Where a {@link Broadcast} is in its life. */
public enum BroadcastState {
    /** Opening the sources (and, for {@code Broadcast.start}, the encoder and the connection). */
    STARTING,
    /** Capturing for the preview and the meters; nothing is encoded or sent. */
    PREVIEW,
    /** Publishing (and recording, if asked). */
    LIVE,
    /** The connection was lost; encoding and recording go on while it is re-established. */
    RECONNECTING,
    /** Recording to a file without streaming. (Live and recording is {@link #LIVE}.) */
    RECORDING,
    /** Stopped on request. */
    STOPPED,
    /** Stopped by a failure the broadcast cannot recover from; the reason went to the listeners. */
    FAILED
}
