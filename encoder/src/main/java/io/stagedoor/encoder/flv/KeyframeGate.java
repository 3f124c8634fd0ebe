package io.stagedoor.encoder.flv;

import io.stagedoor.media.flv.FlvTag;
import org.jspecify.annotations.Nullable;

/**
 * Lets media tags through from the first video keyframe on, with timestamps counted from that keyframe, so an output
 * attached in the middle of a stream (a recording started while live, a stream started while recording) begins as a
 * stream of its own would: a keyframe at 0. Sound from before the keyframe is dropped. Not for headers; one per output.
 */
public final class KeyframeGate {

    private long base = -1;

    /** The tag to pass on, rebased, or {@code null} to drop it. */
    public @Nullable FlvTag pass(FlvTag tag) {
        if (base < 0) {
            if (!tag.isKeyframe()) {
                return null;
            }
            base = tag.timestampMillis();
        }
        if (tag.timestampMillis() < base) {
            return null;
        }
        return tag.withTimestamp(tag.timestampMillis() - base);
    }
}
