package io.stagedoor.server.ingest.rtmp;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Logs one line of a kind per interval and counts the rest, so that a flood of connections cannot flood the log: the
 * first line is written at once, later ones within the interval are counted, and the count is told with the next
 * line written or by {@link #flush()}. Thread-safe.
 */
final class LogThrottle {

    private final Logger log;
    private final String kind;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private long nextLineAt;
    private boolean written;
    private long suppressed;
    private long total;

    /**
     * @param kind what the lines are about, for the line that counts those left out ("connections closed before
     *     publishing")
     */
    LogThrottle(Logger log, String kind, Duration interval, LongSupplier nanoTime) {
        this.log = log;
        this.kind = kind;
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Writes {@code line} at warning level, or counts it when a line of this kind was written within the interval. */
    void warn(String line) {
        String write;
        synchronized (this) {
            total++;
            long now = nanoTime.getAsLong();
            if (written && now - nextLineAt < 0) {
                suppressed++;
                return;
            }
            write = suppressed == 0 ? line : line + " (" + suppressed + " more " + kind + " not logged before it)";
            suppressed = 0;
            written = true;
            nextLineAt = now + intervalNanos;
        }
        log.warn(write);
    }

    /** Tells how many lines were left out since the last one, once the interval has passed. */
    void flush() {
        long count;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            if (suppressed == 0 || now - nextLineAt < 0) {
                return;
            }
            count = suppressed;
            suppressed = 0;
            nextLineAt = now + intervalNanos;
        }
        log.warn("{} more {} not logged one by one", count, kind);
    }

    /** Lines of this kind so far, written or not. */
    synchronized long total() {
        return total;
    }
}
