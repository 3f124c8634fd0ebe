package io.stagedoor.server.ingest;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Measures what a publisher sends: bitrate over 1 s and 10 s (by arrival), frame rate and keyframe interval (by
 * media timestamps), whether audio flows, and the drift between audio and video timestamps. Thread-safe.
 */
final class HealthTracker {

    private static final long BUCKET_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final int BUCKETS = 100; // ten seconds

    private final LongSupplier nanoTime;
    private final long[] bytes = new long[BUCKETS];
    private long currentBucket = -1;
    private long firstBucket = -1;
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
        java.util.Arrays.fill(bytes, 0);
        currentBucket = -1;
        firstBucket = -1;
        videoTimestamps.clear();
        lastKeyframe = -1;
        keyframeInterval = -1;
        lastVideoTimestamp = -1;
        lastAudioTimestamp = -1;
        lastAudioNanos = Long.MIN_VALUE;
    }

    synchronized void received(int type, long timestamp, int size, boolean keyframe, boolean sequenceHeader) {
        long now = nanoTime.getAsLong();
        advance(now);
        bytes[(int) (currentBucket % BUCKETS)] += size;
        if (sequenceHeader) {
            return;
        }
        if (type == 9) {
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
        } else if (type == 8) {
            lastAudioTimestamp = timestamp;
            lastAudioNanos = now;
        }
    }

    private void advance(long now) {
        long bucket = now / BUCKET_NANOS;
        if (currentBucket < 0) {
            currentBucket = bucket;
            firstBucket = bucket;
            return;
        }
        if (bucket - currentBucket >= BUCKETS) {
            java.util.Arrays.fill(bytes, 0);
        } else {
            for (long b = currentBucket + 1; b <= bucket; b++) {
                bytes[(int) (b % BUCKETS)] = 0;
            }
        }
        currentBucket = Math.max(currentBucket, bucket);
    }

    /** Bits per second over the last {@code seconds} (1 to 10) complete seconds, or over what there is of them. */
    synchronized long bitrate(int seconds) {
        if (currentBucket < 0) {
            return 0;
        }
        advance(nanoTime.getAsLong());
        int span = seconds * 10;
        // Leave out the bucket filling now; count only the time the stream has existed.
        long available = currentBucket - firstBucket;
        int counted = (int) Math.min(span, available);
        if (counted <= 0) {
            return 0;
        }
        long sum = 0;
        for (int i = 1; i <= counted; i++) {
            sum += bytes[(int) ((currentBucket - i) % BUCKETS)];
        }
        return sum * 8 * 10 / counted;
    }

    /** Seconds of measurement so far, up to ten. */
    synchronized double measuredSeconds() {
        return currentBucket < 0 ? 0 : Math.min(10, (currentBucket - firstBucket) / 10.0);
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
