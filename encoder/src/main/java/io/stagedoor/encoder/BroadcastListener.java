package io.stagedoor.encoder;

import io.stagedoor.encoder.source.AudioLevels;

/**
 * Told what a {@link Broadcast} does. Every method is called on one of the broadcast's own threads and must return
 * quickly; a user interface coalesces the calls (the newest value wins) and hops to its own thread itself.
 */
public interface BroadcastListener {

    /** Once a second. */
    default void stats(BroadcastStats stats) {}

    /** Every change of state, with why it happened. */
    default void stateChanged(BroadcastState from, BroadcastState to, String reason) {}

    /** A source failed, stalled or could not be switched to; the broadcast goes on (with the slate if needed). */
    default void sourceProblem(String message) {}

    /** About ten times a second: the levels of the sound being encoded. */
    default void audioLevels(AudioLevels levels) {}

    /** About fifteen times a second, if {@link #wantsPreview()}. */
    default void preview(PreviewFrame frame) {}

    /** Whether to scale pictures for {@link #preview}; it costs CPU, so only listeners that show them say yes. */
    default boolean wantsPreview() {
        return false;
    }
}
