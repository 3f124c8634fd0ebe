package io.stagedoor.media.meter;

import java.time.Duration;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * Bytes counted into buckets of equal time since the window was made, and turned into bits per second over the most
 * recent complete buckets. The bucket being filled is never counted, so a reading does not dip at the start of every
 * bucket; only the time since the window was made is, so a young stream is not read as a slow one. Time comes from an
 * injected nanosecond clock, so tests can drive it. A ring of {@code buckets} slots keeps the recent past; older
 * buckets read as empty. Thread-safe.
 */
public final class BitrateWindow {

    private final LongSupplier nanoClock;
    private final long bucketNanos;
    private final long startNanos;
    /** Bytes per bucket in a ring; {@code owners} says which bucket a slot holds now. */
    private final long[] bytes;

    private final long[] owners;
    private long totalBytes;
    private long lastCountNanos;

    /**
     * @param bucket the time one bucket covers
     * @param buckets how many recent buckets are kept
     */
    public BitrateWindow(LongSupplier nanoClock, Duration bucket, int buckets) {
        if (!bucket.isPositive() || buckets < 1) {
            throw new IllegalArgumentException(
                    "A bitrate window needs a positive bucket and at least one: " + bucket + ", " + buckets);
        }
        this.nanoClock = nanoClock;
        this.bucketNanos = bucket.toNanos();
        this.startNanos = nanoClock.getAsLong();
        this.lastCountNanos = startNanos;
        this.bytes = new long[buckets + 1]; // one more for the bucket being filled
        this.owners = new long[buckets + 1];
        Arrays.fill(owners, -1);
    }

    /** Adds bytes that just went by. */
    public synchronized void count(long count) {
        long now = nanoClock.getAsLong();
        long bucket = bucketAt(now);
        int slot = slot(bucket);
        if (owners[slot] != bucket) {
            owners[slot] = bucket;
            bytes[slot] = 0;
        }
        bytes[slot] += count;
        totalBytes += count;
        lastCountNanos = now;
    }

    /** How many buckets are complete now: those numbered 0 to this minus one. */
    public synchronized long completeBuckets() {
        return bucketAt(nanoClock.getAsLong());
    }

    /** Bytes counted in bucket {@code bucket} (0 is the first); 0 for one not kept any more or not complete yet. */
    public synchronized long bytesIn(long bucket) {
        long current = bucketAt(nanoClock.getAsLong());
        if (bucket < 0 || bucket >= current || current - bucket >= bytes.length) {
            return 0;
        }
        int slot = slot(bucket);
        return owners[slot] == bucket ? bytes[slot] : 0;
    }

    /**
     * Bits per second over the last {@code buckets} complete buckets, or over as many as there are so far; 0 before
     * the first is complete.
     */
    public synchronized long bitsPerSecond(int buckets) {
        long complete = bucketAt(nanoClock.getAsLong());
        int counted = (int) Math.min(Math.min(buckets, this.bytes.length - 1), complete);
        if (counted <= 0) {
            return 0;
        }
        long sum = 0;
        for (long b = complete - counted; b < complete; b++) {
            int slot = slot(b);
            sum += owners[slot] == b ? bytes[slot] : 0;
        }
        return Math.round(sum * 8 * 1e9 / ((double) counted * bucketNanos));
    }

    /** Bits per second over the last complete stretch of {@code span} (a whole number of buckets), as above. */
    public long bitsPerSecond(Duration span) {
        return bitsPerSecond((int) Math.max(1, span.toNanos() / bucketNanos));
    }

    /** Every byte counted since the window was made. */
    public synchronized long totalBytes() {
        return totalBytes;
    }

    /** The time since the last bytes were counted, or since the window was made when none were. */
    public synchronized Duration sinceLastCount() {
        return Duration.ofNanos(nanoClock.getAsLong() - lastCountNanos);
    }

    /** The time since the window was made. */
    public Duration age() {
        return Duration.ofNanos(nanoClock.getAsLong() - startNanos);
    }

    public Duration bucket() {
        return Duration.ofNanos(bucketNanos);
    }

    private long bucketAt(long nanos) {
        return Math.max(0, (nanos - startNanos) / bucketNanos);
    }

    private int slot(long bucket) {
        return (int) Math.floorMod(bucket, (long) bytes.length);
    }
}
