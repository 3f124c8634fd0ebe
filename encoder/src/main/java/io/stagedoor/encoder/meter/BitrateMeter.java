package io.stagedoor.encoder.meter;

import io.stagedoor.media.meter.BitrateWindow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.function.LongSupplier;

/**
 * Counts bytes as they are handed to the network, in a {@link BitrateWindow} of one-second buckets, and turns them into
 * bitrates over 1 s and 10 s, a per-second history and a {@link BitrateState}. Time comes from an injected nanosecond clock so tests can drive it.
 *
 * <p>Thread-safe: {@link #count} from the sending thread, {@link #reading} from any.
 */
public final class BitrateMeter {

    /** Below the recommended rate for this long gives a warning… */
    public static final Duration WARNING_AFTER = Duration.ofSeconds(5);
    /** …and for this long an error. */
    public static final Duration ERROR_AFTER = Duration.ofSeconds(15);
    /** No byte at all for this long is a stall. */
    public static final Duration STALLED_AFTER = Duration.ofSeconds(2);

    private final int recommendedKbps;
    private final int historySeconds;
    /** Bytes per whole second since the start. */
    private final BitrateWindow window;

    /**
     * @param recommendedKbps the rate below which the state turns to a warning, then an error
     * @param historySeconds how many seconds of history to keep (and return)
     */
    public BitrateMeter(LongSupplier nanoClock, int recommendedKbps, int historySeconds) {
        if (historySeconds < 10) {
            throw new IllegalArgumentException("historySeconds must be at least 10, was " + historySeconds);
        }
        this.recommendedKbps = recommendedKbps;
        this.historySeconds = historySeconds;
        this.window = new BitrateWindow(nanoClock, Duration.ofSeconds(1), historySeconds);
    }

    public static BitrateMeter systemClock(int recommendedKbps) {
        return new BitrateMeter(System::nanoTime, recommendedKbps, 300);
    }

    /** Adds bytes that were just handed to the network. */
    public void count(long count) {
        window.count(count);
    }

    public synchronized BitrateReading reading() {
        long complete = window.completeBuckets(); // seconds 0..complete-1 are over
        var history = new ArrayList<Double>();
        long first = Math.max(0, complete - historySeconds);
        for (long s = first; s < complete; s++) {
            history.add(kbps(s));
        }
        double lastSecond = complete >= 1 ? kbps(complete - 1) : 0;
        int tenCount = (int) Math.min(10, complete);
        double tenKbps = 0;
        for (long s = complete - tenCount; s < complete; s++) {
            tenKbps += kbps(s);
        }
        double lastTen = tenCount == 0 ? 0 : tenKbps / tenCount;
        long lowSeconds = 0;
        for (long s = complete - 1; s >= first && kbps(s) < recommendedKbps; s--) {
            lowSeconds++;
        }
        var below = Duration.ofSeconds(lowSeconds);
        BitrateState state;
        if (complete < 1) {
            state = BitrateState.MEASURING;
        } else if (window.sinceLastCount().compareTo(STALLED_AFTER) >= 0) {
            state = BitrateState.STALLED;
        } else if (below.compareTo(ERROR_AFTER) >= 0) {
            state = BitrateState.LOW_ERROR;
        } else if (below.compareTo(WARNING_AFTER) >= 0) {
            state = BitrateState.LOW_WARNING;
        } else {
            state = BitrateState.OK;
        }
        return new BitrateReading(lastSecond, lastTen, state, below, window.totalBytes(), history);
    }

    public int recommendedKbps() {
        return recommendedKbps;
    }

    private double kbps(long second) {
        return window.bytesIn(second) * 8 / 1000.0;
    }
}
