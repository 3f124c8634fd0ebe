package io.stagedoor.server.ingest;

import io.stagedoor.media.flv.FlvTag;
import io.stagedoor.media.meter.BitrateWindow;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Measures what a publisher sends: bitrate over 1 s and 10 s (by arrival, in a {@link BitrateWindow}), frame rate and keyframe interval (by
 * media timestamps), whether audio flows, and the drift between audio and video timestamps. Thread-safe.
 */
final class HealthTracker {

    private static final Duration BUCKET = Duration.ofMillis(100);
    private static final int BUCKETS_PER_SECOND = 10;
    private static final int BUCKETS = 10 * BUCKETS_PER_SECOND; // ten seconds

    private final LongSupplier nanoTime;
    /** Bytes by arrival, from the first message of the publish on; null before it. */
    private @Nullable BitrateWindow window;

    private final ArrayDeque<Long> videoTimestamps = new ArrayDeque<>();
    private long lastKeyframe = -1;
    private long keyframeInterval = -1;
    private long lastVideoTimestamp = -1;
    private long lastAudioTimestamp = -1;
    private long lastAudioNanos = Long.MIN_VALUE;

    HealthTracker(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    synchronized void reset() {
        window = null;
        videoTimestamps.clear();
        lastKeyframe = -1;
        keyframeInterval = -1;
        lastVideoTimestamp = -1;
        lastAudioTimestamp = -1;
        lastAudioNanos = Long.MIN_VALUE;
    }

    synchronized void received(FlvTag tag) {
        long now = nanoTime.getAsLong();
        var bytes = window;
        if (bytes == null) {
            bytes = new BitrateWindow(nanoTime, BUCKET, BUCKETS);
            window = bytes;
        }
        bytes.count(tag.data().length);
        if (tag.isSequenceHeader()) {
            return;
        }
        long timestamp = tag.timestampMillis();
        boolean keyframe = tag.isKeyframe();
        if (tag.isVideo()) {
            lastVideoTimestamp = timestamp;
            videoTimestamps.addLast(timestamp);
            while (videoTimestamps.size() > 2 && timestamp - videoTimestamps.getFirst() > 10_000) {
                videoTimestamps.removeFirst();
            }
            if (keyframe) {
                if (lastKeyframe >= 0 && timestamp > lastKeyframe) {
                    keyframeInterval = timestamp - lastKeyframe;
                }
                lastKeyframe = timestamp;
            }
        } else if (tag.isAudio()) {
            lastAudioTimestamp = timestamp;
            lastAudioNanos = now;
        }
    }

    /** Bits per second over the last {@code seconds} (1 to 10) complete seconds, or over what there is of them. */
    synchronized long bitrate(int seconds) {
        var bytes = window;
        return bytes == null ? 0 : bytes.bitsPerSecond(seconds * BUCKETS_PER_SECOND);
    }

    /** Seconds of measurement so far, up to ten. */
    synchronized double measuredSeconds() {
        var bytes = window;
        return bytes == null ? 0 : Math.min(10, bytes.completeBuckets() / (double) BUCKETS_PER_SECOND);
    }

    synchronized double frameRate() {
        if (videoTimestamps.size() < 2) {
            return 0;
        }
        long span = videoTimestamps.getLast() - videoTimestamps.getFirst();
        return span <= 0 ? 0 : (videoTimestamps.size() - 1) * 1000.0 / span;
    }

    synchronized double keyframeIntervalSeconds() {
        return keyframeInterval < 0 ? 0 : keyframeInterval / 1000.0;
    }

    synchronized boolean audioPresent() {
        return lastAudioNanos != Long.MIN_VALUE && nanoTime.getAsLong() - lastAudioNanos < TimeUnit.SECONDS.toNanos(2);
    }

    synchronized long avDriftMillis() {
        return lastAudioTimestamp < 0 || lastVideoTimestamp < 0 ? 0 : lastAudioTimestamp - lastVideoTimestamp;
    }
}
