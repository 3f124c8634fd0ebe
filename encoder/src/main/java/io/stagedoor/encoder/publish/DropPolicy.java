package io.stagedoor.encoder.publish;

import java.time.Duration;

/**
 * When the send queue gives up media, measured in milliseconds of media waiting (the newest queued timestamp minus
 * the oldest). Each step applies only when the one before was not enough.
 *
 * @param disposableAbove drop video frames no other frame refers to (H.264 {@code nal_ref_idc == 0})
 * @param gopAbove drop whole groups of pictures, oldest first, with the audio they cover, so that the queue starts at
 *     a keyframe
 * @param maxDepth the hard bound: drop the oldest media of any kind; the queue never holds more
 */
public record DropPolicy(Duration disposableAbove, Duration gopAbove, Duration maxDepth) {

    public DropPolicy {
        if (disposableAbove.isNegative()
                || gopAbove.compareTo(disposableAbove) < 0
                || maxDepth.compareTo(gopAbove) < 0) {
            throw new IllegalArgumentException("the thresholds must grow: disposableAbove ≤ gopAbove ≤ maxDepth, were "
                    + disposableAbove + ", " + gopAbove + ", " + maxDepth);
        }
    }

    /**
     * 1.5 s, 3 s, 8 s: a CBR keyframe can take about a second to send on a link just fast enough, so below 1.5 s the
     * queue is doing its job; above 3 s viewers are falling behind live.
     */
    public static DropPolicy defaults() {
        return new DropPolicy(Duration.ofMillis(1500), Duration.ofSeconds(3), Duration.ofSeconds(8));
    }
}
