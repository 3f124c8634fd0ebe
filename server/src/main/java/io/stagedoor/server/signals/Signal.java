package io.stagedoor.server.signals;

/** What changed. Each signal carries the ID of the thing that changed, nothing more. */
public enum Signal {
    /** An event's status changed (on sale, on air, ended, reopened, cancelled); the ID is the event's. */
    EVENT_CHANGED
}
