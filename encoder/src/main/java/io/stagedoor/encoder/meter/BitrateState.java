package io.stagedoor.encoder.meter;

/** The meter's verdict on what leaves the machine, against the recommended minimum. */
public enum BitrateState {
    /** Less than one full second measured so far. */
    MEASURING,
    /** At or above the recommended bitrate. */
    OK,
    /** Below the recommended bitrate for at least 5 s: the picture may suffer. */
    LOW_WARNING,
    /** Below the recommended bitrate for at least 15 s: viewers are getting less than promised. */
    LOW_ERROR,
    /** Nothing at all has left for at least 2 s: the network or the server is not taking the stream. */
    STALLED
}
