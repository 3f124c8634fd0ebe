package io.stagedoor.encoder.internal;

import java.nio.ShortBuffer;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The capture stage for one source, on its own thread: opens it, reads it (waiting for each frame's time when the
 * source is not a live device, and looping files), copies pictures into its {@link FrameSlot} and sound into the
 * audio FIFO it is given. A failure ends the thread and is reported once.
 */
final class Capture implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Capture.class);

    /** Told on the capture thread. */
    interface Listener {
        void firstPicture(Capture capture);

        void failed(Capture capture, String reason);
    }

    private final String description;
    private final FrameSource source;
    private final FrameSlot slot = new FrameSlot();
    private final Listener listener;
    private final Thread thread;
    private volatile @Nullable AudioFifo audioOut;
    private volatile boolean running = true;
    private volatile long pictures;

    Capture(String description, FrameSource source, Listener listener) {
        this.description = description;
        this.source = source;
        this.listener = listener;
        this.thread =
                Thread.ofPlatform().name("capture " + description).daemon().unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /** Where this source's sound goes from now on; {@code null} drops it. */
    void audioOut(@Nullable AudioFifo fifo) {
        this.audioOut = fifo;
    }

    FrameSlot slot() {
        return slot;
    }

    String description() {
        return description;
    }

    long pictures() {
        return pictures;
    }

    private void run() {
        try {
            source.open();
        } catch (Exception e) {
            source.close();
            if (running) {
                listener.failed(this, "cannot open " + description + ": " + e.getMessage());
            }
            return;
        }
        try {
            long origin = 0;
            long loopOffsetMicros = 0;
            long lastTimestamp = 0;
            long framesSinceRewind = 0;
            while (running) {
                var frame = source.grab();
                if (frame == null) {
                    // A file that gives nothing from its start either (truncated, replaced) has failed.
                    if (source.loops() && framesSinceRewind > 0 && source.rewind()) {
                        loopOffsetMicros += lastTimestamp + 40_000;
                        framesSinceRewind = 0;
                        continue;
                    }
                    throw new IllegalStateException("it ended or can no longer be read");
                }
                framesSinceRewind++;
                if (source.paced()) {
                    if (origin == 0) {
                        origin = System.nanoTime();
                    }
                    long due = origin + TimeUnit.MICROSECONDS.toNanos(frame.timestamp + loopOffsetMicros);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    lastTimestamp = Math.max(lastTimestamp, frame.timestamp);
                }
                if (frame.image != null) {
                    slot.put(frame);
                    if (pictures++ == 0) {
                        listener.firstPicture(this);
                    }
                }
                var fifo = audioOut;
                if (frame.samples != null && fifo != null && frame.samples[0] instanceof ShortBuffer samples) {
                    fifo.write(samples);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (running) {
                log.warn("{} failed", description, e);
                listener.failed(this, description + " failed: " + e.getMessage());
            }
        } finally {
            source.close();
        }
    }

    /** Stops reading; waits a little for the thread, which closes the source itself. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn("The capture of {} is still blocked in its device; leaving it to end by itself", description);
        }
    }
}
