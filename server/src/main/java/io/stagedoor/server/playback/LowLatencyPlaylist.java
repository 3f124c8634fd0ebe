package io.stagedoor.server.playback;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A low-latency HLS media playlist (RFC 8216bis, Apple's LL-HLS): segments with the parts they were made of, the parts
 * of the segment still being written, a preload hint for the next part, reports of the other renditions, and the
 * server's promises ({@code EXT-X-SERVER-CONTROL}): blocking reload, a part hold-back of three part targets, and delta
 * updates that may skip segments older than six target durations. Pure: a snapshot of the rendition in, the bytes
 * every viewer gets out.
 */
public final class LowLatencyPlaylist {

    /** Parts are listed for the segments of the last this many target durations; older ones show as segments only. */
    static final int PARTS_FOR_TARGET_DURATIONS = 3;

    /** Delta updates may skip segments older than this many target durations (Apple asks for at least six). */
    static final int SKIP_AFTER_TARGET_DURATIONS = 6;

    /** A part: a CMAF fragment, addressable on its own. */
    public record Part(String uri, Duration duration, boolean independent) {}

    /**
     * A segment, complete or still being written.
     *
     * @param parts the parts it was made of (for the open segment: those written so far)
     */
    public record Segment(
            long sequence,
            String uri,
            Duration duration,
            Instant programDateTime,
            boolean discontinuity,
            List<Part> parts) {

        public Segment {
            parts = List.copyOf(parts);
        }
    }

    /** Another rendition's newest segment and part, so that a player switching to it can ask for the right one. */
    public record RenditionReport(String uri, long lastMediaSequence, int lastPart) {}

    /**
     * The rendition as it stands.
     *
     * @param targetDuration whole seconds, the same for the whole stream: no segment lasts longer (rounded)
     * @param partTarget the longest a part lasts
     * @param mapUri the init segment
     * @param segments the complete segments, oldest first
     * @param open the segment being written, with its parts so far; null between segments
     * @param nextPartUri the part that will be written next, for the preload hint; null when the stream has ended
     * @param discontinuitySequence discontinuities before the first segment listed
     * @param ended whether the stream is over ({@code EXT-X-ENDLIST})
     */
    public record Snapshot(
            int targetDuration,
            Duration partTarget,
            String mapUri,
            List<Segment> segments,
            @Nullable Segment open,
            @Nullable String nextPartUri,
            long discontinuitySequence,
            List<RenditionReport> reports,
            boolean ended) {

        public Snapshot {
            segments = List.copyOf(segments);
            reports = List.copyOf(reports);
        }
    }

    private LowLatencyPlaylist() {}

    /** The whole playlist. */
    public static byte[] render(Snapshot snapshot) {
        return render(snapshot, false);
    }

    /**
     * The playlist, as a delta update when {@code skip} ({@code _HLS_skip=YES}): segments older than {@code
     * CAN-SKIP-UNTIL} before the end of the playlist replaced by {@code EXT-X-SKIP}.
     */
    public static byte[] render(Snapshot snapshot, boolean skip) {
        var out = new StringBuilder(512 + snapshot.segments().size() * 160);
        var segments = snapshot.segments();
        double partTarget = seconds(snapshot.partTarget());
        long skipUntil = (long) snapshot.targetDuration() * SKIP_AFTER_TARGET_DURATIONS;
        out.append("#EXTM3U\n#EXT-X-VERSION:9\n#EXT-X-INDEPENDENT-SEGMENTS\n")
                .append("#EXT-X-TARGETDURATION:")
                .append(snapshot.targetDuration())
                .append('\n');
        if (!snapshot.ended()) {
            out.append("#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=")
                    .append(decimal(3 * partTarget))
                    .append(",CAN-SKIP-UNTIL=")
                    .append(skipUntil)
                    .append('\n');
        }
        out.append("#EXT-X-PART-INF:PART-TARGET=").append(decimal(partTarget)).append('\n');
        long first = !segments.isEmpty()
                ? segments.getFirst().sequence()
                : snapshot.open() != null ? snapshot.open().sequence() : 0;
        out.append("#EXT-X-MEDIA-SEQUENCE:").append(first).append('\n');
        out.append("#EXT-X-DISCONTINUITY-SEQUENCE:")
                .append(snapshot.discontinuitySequence())
                .append('\n');
        out.append("#EXT-X-MAP:URI=\"").append(snapshot.mapUri()).append("\"\n");

        // What lies within the last few target durations gets its parts listed; a delta update skips the segments that
        // end more than CAN-SKIP-UNTIL before the end of the playlist.
        Duration after =
                snapshot.open() == null ? Duration.ZERO : total(snapshot.open().parts());
        int skipped = 0;
        int partsFrom = segments.size();
        var partsWindow = Duration.ofSeconds((long) snapshot.targetDuration() * PARTS_FOR_TARGET_DURATIONS);
        var skipWindow = Duration.ofSeconds(skipUntil);
        for (int i = segments.size() - 1; i >= 0; i--) {
            var fromStart = after.plus(segments.get(i).duration());
            if (fromStart.compareTo(partsWindow) <= 0) {
                partsFrom = i;
            }
            if (skip && skipped == 0 && after.compareTo(skipWindow) > 0) {
                skipped = i + 1;
            }
            after = fromStart;
        }
        if (skipped > 0) {
            out.append("#EXT-X-SKIP:SKIPPED-SEGMENTS=").append(skipped).append('\n');
        }
        for (int i = skipped; i < segments.size(); i++) {
            segment(out, segments.get(i), i >= partsFrom, true);
        }
        var open = snapshot.open();
        if (open != null) {
            segment(out, open, true, false);
        }
        if (snapshot.nextPartUri() != null && !snapshot.ended()) {
            out.append("#EXT-X-PRELOAD-HINT:TYPE=PART,URI=\"")
                    .append(snapshot.nextPartUri())
                    .append("\"\n");
        }
        if (snapshot.ended()) {
            out.append("#EXT-X-ENDLIST\n");
        }
        for (var report : snapshot.ended() ? List.<RenditionReport>of() : snapshot.reports()) {
            out.append("#EXT-X-RENDITION-REPORT:URI=\"")
                    .append(report.uri())
                    .append("\",LAST-MSN=")
                    .append(report.lastMediaSequence())
                    .append(",LAST-PART=")
                    .append(report.lastPart())
                    .append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void segment(StringBuilder out, Segment segment, boolean withParts, boolean complete) {
        if (segment.discontinuity()) {
            out.append("#EXT-X-DISCONTINUITY\n");
        }
        out.append("#EXT-X-PROGRAM-DATE-TIME:")
                .append(DateTimeFormatter.ISO_INSTANT.format(segment.programDateTime()))
                .append('\n');
        if (withParts) {
            for (var part : segment.parts()) {
                out.append("#EXT-X-PART:DURATION=")
                        .append(decimal(seconds(part.duration())))
                        .append(",URI=\"")
                        .append(part.uri())
                        .append('"');
                if (part.independent()) {
                    out.append(",INDEPENDENT=YES");
                }
                out.append('\n');
            }
        }
        if (complete) {
            out.append("#EXTINF:")
                    .append(decimal(seconds(segment.duration())))
                    .append(",\n")
                    .append(segment.uri())
                    .append('\n');
        }
    }

    private static Duration total(List<Part> parts) {
        return parts.stream().map(Part::duration).reduce(Duration.ZERO, Duration::plus);
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    private static String decimal(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
