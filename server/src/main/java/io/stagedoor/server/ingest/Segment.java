package io.stagedoor.server.ingest;

import java.time.Instant;

/**
 * One HLS segment of a rendition.
 *
 * @param sequence its media sequence number, never reused within the event
 * @param discontinuity whether it follows a break: a new publish, or a restarted packager
 * @param programDateTime the wall-clock time of its first frame, as received
 */
record Segment(long sequence, String file, double duration, Instant programDateTime, boolean discontinuity) {

    /** When its last frame ends. */
    Instant endsAt() {
        return programDateTime.plusMillis(Math.round(duration * 1000));
    }

    /** Whether it shows anything from {@code from} on: it ends after it. Every segment does when there is no start. */
    boolean showsFrom(@org.jspecify.annotations.Nullable Instant from) {
        return from == null || endsAt().isAfter(from);
    }

    /** One line of a rendition's index file. */
    String indexLine() {
        return sequence + "," + file + "," + duration + "," + programDateTime.toEpochMilli() + ","
                + (discontinuity ? 1 : 0);
    }

    static Segment parseIndexLine(String line) {
        var parts = line.split(",");
        if (parts.length != 5) {
            throw new IllegalArgumentException("not a segment index line: " + line);
        }
        return new Segment(
                Long.parseLong(parts[0]),
                parts[1],
                Double.parseDouble(parts[2]),
                Instant.ofEpochMilli(Long.parseLong(parts[3])),
                parts[4].equals("1"));
    }
}
