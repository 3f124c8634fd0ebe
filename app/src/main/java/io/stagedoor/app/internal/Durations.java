package io.stagedoor.app.internal;

import java.time.Duration;

/** Durations as people read them on screen. */
public final class Durations {

    private Durations() {}

    /** The two largest units, e.g. {@code 45 s}, {@code 3 min 5 s}, {@code 2 h 10 min}, {@code 4 d 1 h}. */
    public static String humanized(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3_600;
        long minutes = seconds % 3_600 / 60;
        long secs = seconds % 60;
        if (days > 0) {
            return days + " d " + hours + " h";
        }
        if (hours > 0) {
            return hours + " h " + minutes + " min";
        }
        if (minutes > 0) {
            return minutes + " min " + secs + " s";
        }
        return secs + " s";
    }
}
