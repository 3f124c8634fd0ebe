package io.stagedoor.api.live;

/** Whether a publisher is sending the event's stream. */
public enum StreamState {
    /** No publisher yet. */
    OFFLINE,
    /** A publisher is sending. */
    LIVE,
    /** The publisher went away; the event is still live and waits for it to come back. */
    DISCONNECTED,
    /** The event is over; its recording is kept for replay. */
    ENDED
}
