package io.stagedoor.app.broadcast;

/** A step that waits for the broadcaster to confirm it, because it changes what viewers see. */
public enum Confirmation {
    NONE,
    GO_LIVE,
    END
}
