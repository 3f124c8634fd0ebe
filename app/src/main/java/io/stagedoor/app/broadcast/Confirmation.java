package io.stagedoor.app.broadcast;

/** A step that waits for the broadcaster to confirm it, because it changes what viewers see. */
public enum Confirmation {
    NONE,
    GO_LIVE,
    END,
    /** "Start show": every ticket holder switches to the player. */
    START_SHOW,
    /** "End show": viewers are offered the replay. */
    END_SHOW,
    /** "Reopen": an ended show goes back on air (or on sale). */
    REOPEN_SHOW
}
