package io.stagedoor.encoder;

import io.stagedoor.encoder.source.AudioLevels;

/**
 * Told what a {@link Broadcast} does. Every method is called on one of the broadcast's own threads and must return
 * quickly; a user interface coalesces the calls (the newest value wins) and hops to its own thread itself.
 */
public interface BroadcastListener {

    /** Once a second, from the preview on. */
    default void stats(BroadcastStats stats) {}

    /** Every change of state, with why it happened. */
    default void stateChanged(BroadcastState from, BroadcastState to, String reason) {}

    /** A source failed, stalled or could not be switched to; the broadcast goes on (with the slate if needed). */
    default void sourceProblem(String message) {}

    /** About ten times a second, from the preview on: the levels of the sound captured (and encoded, if it is). */
    default void audioLevels(AudioLevels levels) {}

    /**
     * Every picture of the source's frame rate (30 a second for the 30 fps presets), from the preview on, if {@link
     * #wantsPreview()}: scaled to fit {@link Broadcast#previewSize}. While the encoder catches up, ten a second.
     */
    default void preview(PreviewFrame frame) {}

    /** Whether to scale pictures for {@link #preview}; it costs CPU, so only listeners that show them say yes. */
    default boolean wantsPreview() {
        return false;
    }
}
