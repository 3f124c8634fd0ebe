package io.stagedoor.encoder.internal;

import java.nio.ShortBuffer;

/**
 * Interleaved 16-bit samples between an audio source's thread and the encode thread, bounded: when the reader falls
 * behind, the oldest samples go.
 */
final class AudioFifo {

    private final int channels;
    private final short[] ring;
    private int start;
    private int size;
    private long overflowed;

    /** @param capacityFrames samples per channel it can hold */
    AudioFifo(int channels, int capacityFrames) {
        this.channels = channels;
        this.ring = new short[channels * capacityFrames];
    }

    /** Adds the samples from the buffer's position to its limit (the buffer is not moved). */
    synchronized void write(ShortBuffer samples) {
        int count = samples.remaining();
        int base = samples.position();
        for (int i = 0; i < count; i++) {
            if (size == ring.length) {
                start = (start + 1) % ring.length;
                size--;
                overflowed++;
            }
            ring[(start + size) % ring.length] = samples.get(base + i);
            size++;
        }
    }

    /** Moves up to {@code frames} samples per channel into {@code into}; returns how many it moved. */
    synchronized int read(short[] into, int frames) {
        int wanted = Math.min(frames * channels, size);
        wanted -= wanted % channels;
        for (int i = 0; i < wanted; i++) {
            into[i] = ring[(start + i) % ring.length];
        }
        start = (start + wanted) % ring.length;
        size -= wanted;
        return wanted / channels;
    }

    /** Samples per channel waiting. */
    synchronized int available() {
        return size / channels;
    }

    /** Drops the oldest {@code frames} samples per channel. */
    synchronized void discard(int frames) {
        int count = Math.min(frames * channels, size);
        start = (start + count) % ring.length;
        size -= count;
    }

    synchronized void clear() {
        start = 0;
        size = 0;
    }

    synchronized long overflowedSamples() {
        return overflowed / channels;
    }
}
