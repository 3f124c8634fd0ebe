package io.stagedoor.api.live;

/** Why the latest publish ended: what a technician needs to know to act. */
public enum StreamStop {
    /** The broadcasting software said it was stopping (its "Stop streaming"). */
    PUBLISHER_STOPPED,
    /** The connection broke or went silent: the network, or the encoder crashed. It may come back by itself. */
    CONNECTION_LOST,
    /** A newer publish with the same stream key took over. */
    REPLACED,
    /** The organiser replaced the stream key. */
    KEY_REPLACED,
    /** The organiser ended the show. */
    SHOW_ENDED,
    /** The server ended it: what was sent is not accepted (codec), a limit was reached (disk), or it is stopping. */
    REFUSED
}
