package io.stagedoor.encoder.meter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * Counts bytes as they are handed to the network and turns them into bitrates over 1 s and 10 s, a per-second history
 * and a {@link BitrateState}. Time comes from an injected nanosecond clock so tests can drive it.
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

    private static final long SECOND_NANOS = 1_000_000_000L;

    private final LongSupplier nanoClock;
    private final int recommendedKbps;
    private final int historySeconds;
    private final long startNanos;
    /** Bytes per whole second since the start, in a ring; {@code owners} says which second a slot holds. */
    private final long[] bytes;

    private final long[] owners;
    private long totalBytes;
    private long lastByteNanos;

    /**
     * @param recommendedKbps the rate below which the state turns to a warning, then an error
     * @param historySeconds how many seconds of history to keep (and return)
     */
    public BitrateMeter(LongSupplier nanoClock, int recommendedKbps, int historySeconds) {
        if (historySeconds < 10) {
            throw new IllegalArgumentException("historySeconds must be at least 10, was " + historySeconds);
        }
        this.nanoClock = nanoClock;
        this.recommendedKbps = recommendedKbps;
        this.historySeconds = historySeconds;
        this.startNanos = nanoClock.getAsLong();
        this.lastByteNanos = startNanos;
        this.bytes = new long[historySeconds + 2];
        this.owners = new long[historySeconds + 2];
        Arrays.fill(owners, -1);
    }

    public static BitrateMeter systemClock(int recommendedKbps) {
        return new BitrateMeter(System::nanoTime, recommendedKbps, 300);
    }

    /** Adds bytes that were just handed to the network. */
    public synchronized void count(long count) {
        long now = nanoClock.getAsLong();
        long second = (now - startNanos) / SECOND_NANOS;
        int slot = slot(second);
        if (owners[slot] != second) {
            owners[slot] = second;
            bytes[slot] = 0;
        }
        bytes[slot] += count;
        totalBytes += count;
        lastByteNanos = now;
    }

    public synchronized BitrateReading reading() {
        long now = nanoClock.getAsLong();
        long currentSecond = (now - startNanos) / SECOND_NANOS;
        long complete = currentSecond; // seconds 0..complete-1 are over
        var history = new ArrayList<Double>();
        long first = Math.max(0, complete - historySeconds);
        for (long s = first; s < complete; s++) {
            history.add(bytesIn(s) * 8 / 1000.0);
        }
        double lastSecond = complete >= 1 ? bytesIn(complete - 1) * 8 / 1000.0 : 0;
        int tenCount = (int) Math.min(10, complete);
        long tenBytes = 0;
        for (long s = complete - tenCount; s < complete; s++) {
            tenBytes += bytesIn(s);
        }
        double lastTen = tenCount == 0 ? 0 : tenBytes * 8 / 1000.0 / tenCount;
        long lowSeconds = 0;
        for (long s = complete - 1; s >= first && bytesIn(s) * 8 / 1000.0 < recommendedKbps; s--) {
            lowSeconds++;
        }
        var below = Duration.ofSeconds(lowSeconds);
        BitrateState state;
        if (complete < 1) {
            state = BitrateState.MEASURING;
        } else if (now - lastByteNanos >= STALLED_AFTER.toNanos()) {
            state = BitrateState.STALLED;
        } else if (below.compareTo(ERROR_AFTER) >= 0) {
            state = BitrateState.LOW_ERROR;
        } else if (below.compareTo(WARNING_AFTER) >= 0) {
            state = BitrateState.LOW_WARNING;
        } else {
            state = BitrateState.OK;
        }
        return new BitrateReading(lastSecond, lastTen, state, below, totalBytes, history);
    }

    public int recommendedKbps() {
        return recommendedKbps;
    }

    private long bytesIn(long second) {
        int slot = slot(second);
        return owners[slot] == second ? bytes[slot] : 0;
    }

    private int slot(long second) {
        return (int) (second % bytes.length);
    }
}
