package io.stagedoor.server.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The segments of one rendition, in order, and the playlists made from them: the live window, the start-over (DVR)
 * window and the whole recording. Segments leave the in-memory list when they fall out of the DVR window; their files
 * are deleted then unless the recording is kept. An index file beside the segments records every segment, so that
 * the recording outlives the server process. The recording starts when the show goes on air ({@link #recordFrom}):
 * segments of a rehearsal before it are never part of the start-over window or the replay, and their files are
 * deleted as they leave the DVR window even when recordings are kept. Thread-safe.
 */
final class SegmentTimeline {

    private static final Logger log = LoggerFactory.getLogger(SegmentTimeline.class);
    static final String INDEX = "segments.idx";

    private final Path dir;
    private final Duration dvrWindow;
    private final boolean keepRecording;
    private final List<Segment> window = new ArrayList<>();
    private long nextSequence;
    private long discontinuitiesDropped;
    private boolean breakPending;
    private long written;
    /** The live playlist last rendered, and for how many segments: every viewer asks for it every 2 s. */
    private @Nullable String live;

    private int liveSegments;
    /** When the show went on air; null during a rehearsal, or while not known yet ({@link #showtimeKnown}). */
    private @Nullable Instant recordFrom;
    /** Whether {@link #recordFrom} has been set: until then nothing is deleted as a rehearsal's. */
    private boolean showtimeKnown;
    /** Bytes of this rendition's segment files on disk, as this timeline wrote and deleted them. */
    private long bytesOnDisk;
    /**
     * The largest segment duration seen, rounded to the nearest second: the playlists' EXT-X-TARGETDURATION, which
     * never shrinks, so that it stays put while the window slides (RFC 8216 forbids it to change).
     */
    private long targetDuration;

    SegmentTimeline(Path dir, Duration dvrWindow, boolean keepRecording) {
        this.dir = dir;
        this.dvrWindow = dvrWindow;
        this.keepRecording = keepRecording;
        try {
            Files.createDirectories(dir);
            var index = dir.resolve(INDEX);
            if (Files.exists(index)) {
                // The server restarted during the event: carry on after the segments it had.
                for (var segment : readIndex(dir)) {
                    window.add(segment);
                    targetDuration = Math.max(targetDuration, rounded(segment.duration()));
                    nextSequence = segment.sequence() + 1;
                    bytesOnDisk += sizeOf(segment.file());
                }
                breakPending = !window.isEmpty();
                prune(Instant.now());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare " + dir, e);
        }
    }

    Path dir() {
        return dir;
    }

    /** The sequence number the next segment will get; packagers number their files from it. */
    synchronized long nextSequence() {
        return nextSequence;
    }

    /** The next segment follows a break (a new publish, a restarted packager). */
    synchronized void markBreak() {
        breakPending = true;
    }

    /** The show went on air at {@code onAirAt} (null: it has not). */
    synchronized void recordFrom(@Nullable Instant onAirAt) {
        recordFrom = onAirAt;
        showtimeKnown = true;
    }

    /** Bytes of this rendition's segments on disk now: what its recording costs. */
    synchronized long bytesOnDisk() {
        return bytesOnDisk;
    }

    private long sizeOf(String file) {
        try {
            return Files.size(dir.resolve(file));
        } catch (IOException e) {
            return 0;
        }
    }

    synchronized long segmentsWritten() {
        return written;
    }

    synchronized void add(String file, double duration, Instant programDateTime) {
        bytesOnDisk += sizeOf(file);
        var segment = new Segment(nextSequence++, file, duration, programDateTime, breakPending && !isEmptyHistory());
        breakPending = false;
        window.add(segment);
        targetDuration = Math.max(targetDuration, rounded(duration));
        written++;
        live = null;
        try {
            Files.writeString(
                    dir.resolve(INDEX),
                    segment.indexLine() + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            log.warn("Cannot record segment {} in {}: {}", file, dir, e.toString());
        }
        prune(programDateTime);
    }

    private boolean isEmptyHistory() {
        return window.isEmpty() && discontinuitiesDropped == 0 && nextSequence == 0;
    }

    private void prune(Instant now) {
        var horizon = now.minus(dvrWindow);
        while (window.size() > 1 && window.getFirst().programDateTime().isBefore(horizon)) {
            var gone = window.removeFirst();
            if (gone.discontinuity()) {
                discontinuitiesDropped++;
            }
            if (!keepRecording || isRehearsal(gone)) {
                try {
                    bytesOnDisk -= sizeOf(gone.file());
                    Files.deleteIfExists(dir.resolve(gone.file()));
                } catch (IOException e) {
                    log.warn("Cannot delete {}: {}", dir.resolve(gone.file()), e.toString());
                }
            }
        }
    }

    private boolean isRehearsal(Segment segment) {
        return showtimeKnown && (recordFrom == null || !segment.showsFrom(recordFrom));
    }

    synchronized boolean isEmpty() {
        return window.isEmpty();
    }

    /** The newest {@code segments} segments, for live viewers. */
    synchronized String livePlaylist(int segments) {
        if (live == null || liveSegments != segments) {
            live = playlist(Math.max(0, window.size() - segments), null);
            liveSegments = segments;
        }
        return live;
    }

    /** Everything in the DVR window since the show went on air, for viewers who start over while it is live. */
    synchronized String dvrPlaylist() {
        int from = 0;
        while (from < window.size() - 1 && !window.get(from).showsFrom(recordFrom)) {
            from++;
        }
        return playlist(from, null);
    }

    private String playlist(int from, @Nullable String type) {
        var shown = window.subList(from, window.size());
        long discontinuitySequence = discontinuitiesDropped
                + window.subList(0, from).stream()
                        .filter(Segment::discontinuity)
                        .count();
        return render(shown, discontinuitySequence, type, false, targetDuration);
    }

    /**
     * The whole recording from the index on disk, for replay once the event has ended: the segments from
     * {@code onAirAt} on (all of them when null: a rehearsal's own preview).
     */
    static String recordingPlaylist(Path dir, boolean ended, @Nullable Instant onAirAt) throws IOException {
        var segments = readIndex(dir).stream().filter(s -> s.showsFrom(onAirAt)).toList();
        long target = segments.stream()
                .mapToLong(segment -> rounded(segment.duration()))
                .max()
                .orElse(0);
        return render(segments, 0, ended ? "VOD" : "EVENT", ended, target);
    }

    /** Whether the rendition recorded anything from {@code onAirAt} on. */
    static boolean recorded(Path dir, Instant onAirAt) throws IOException {
        return readIndex(dir).stream().anyMatch(s -> s.showsFrom(onAirAt));
    }

    static List<Segment> readIndex(Path dir) throws IOException {
        var segments = new ArrayList<Segment>();
        var index = dir.resolve(INDEX);
        if (!Files.exists(index)) {
            return segments;
        }
        for (var line : Files.readAllLines(index, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                try {
                    segments.add(Segment.parseIndexLine(line));
                } catch (IllegalArgumentException e) {
                    // A line cut short by a crash: the segments before it stand.
                    log.warn("Skipping a damaged line of {}: {}", index, e.getMessage());
                }
            }
        }
        return segments;
    }

    /** A segment's duration as the target duration counts it: rounded to the nearest whole second, at least one. */
    private static long rounded(double seconds) {
        return Math.max(1, Math.round(seconds));
    }

    /**
     * @param targetDuration the longest segment of the rendition so far, rounded ({@link #rounded}); every EXTINF
     *     shown, rounded, is within it, as RFC 8216 requires
     */
    private static String render(
            List<Segment> segments,
            long discontinuitySequence,
            @Nullable String type,
            boolean ended,
            long targetDuration) {
        long longestShown = segments.stream()
                .mapToLong(segment -> rounded(segment.duration()))
                .max()
                .orElse(2);
        var out = new StringBuilder(64 + segments.size() * 96)
                .append("#EXTM3U\n#EXT-X-VERSION:6\n#EXT-X-INDEPENDENT-SEGMENTS\n")
                .append("#EXT-X-TARGETDURATION:")
                .append(Math.max(targetDuration, longestShown))
                .append('\n')
                .append("#EXT-X-MEDIA-SEQUENCE:")
                .append(segments.isEmpty() ? 0 : segments.getFirst().sequence())
                .append('\n')
                .append("#EXT-X-DISCONTINUITY-SEQUENCE:")
                .append(discontinuitySequence)
                .append('\n');
        if (type != null) {
            out.append("#EXT-X-PLAYLIST-TYPE:").append(type).append('\n');
        }
        for (var segment : segments) {
            if (segment.discontinuity()) {
                out.append("#EXT-X-DISCONTINUITY\n");
            }
            out.append("#EXT-X-PROGRAM-DATE-TIME:")
                    .append(DateTimeFormatter.ISO_INSTANT.format(segment.programDateTime()))
                    .append('\n')
                    .append(String.format(Locale.ROOT, "#EXTINF:%.3f,%n", segment.duration()))
                    .append(segment.file())
                    .append('\n');
        }
        if (ended) {
            out.append("#EXT-X-ENDLIST\n");
        }
        return out.toString();
    }
}
