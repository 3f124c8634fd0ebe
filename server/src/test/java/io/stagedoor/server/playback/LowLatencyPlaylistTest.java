package io.stagedoor.server.playback;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.server.playback.LowLatencyPlaylist.Part;
import io.stagedoor.server.playback.LowLatencyPlaylist.RenditionReport;
import io.stagedoor.server.playback.LowLatencyPlaylist.Segment;
import io.stagedoor.server.playback.LowLatencyPlaylist.Snapshot;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The playlists, parsed back and held to the rules of RFC 8216bis for low-latency HLS. */
class LowLatencyPlaylistTest {

    private static final Instant START = Instant.parse("2026-12-07T19:00:00Z");
    private static final Duration PART = Duration.ofMillis(200);

    /** {@code parts} parts of 200 ms from part {@code firstPart} of the stream, the first independent. */
    private static List<Part> parts(long segment, int count) {
        var parts = new ArrayList<Part>();
        for (int i = 0; i < count; i++) {
            parts.add(new Part("part-" + segment + "." + i + ".m4s", PART, i == 0));
        }
        return parts;
    }

    /** A live rendition: {@code complete} segments of 2 s from 100 on, and an open one with {@code openParts}. */
    private static Snapshot live(int complete, int openParts, boolean ended) {
        var segments = new ArrayList<Segment>();
        for (int i = 0; i < complete; i++) {
            long sequence = 100 + i;
            segments.add(new Segment(
                    sequence,
                    "seg-" + sequence + ".m4s",
                    Duration.ofSeconds(2),
                    START.plusSeconds(2L * i),
                    i == 5,
                    parts(sequence, 10)));
        }
        long openSequence = 100 + complete;
        var open = ended || openParts == 0
                ? null
                : new Segment(
                        openSequence,
                        "seg-" + openSequence + ".m4s",
                        PART.multipliedBy(openParts),
                        START.plusSeconds(2L * complete),
                        false,
                        parts(openSequence, openParts));
        var next = ended ? null : "part-" + openSequence + "." + openParts + ".m4s";
        return new Snapshot(
                2,
                PART,
                "init.mp4",
                segments,
                open,
                next,
                7,
                List.of(
                        openParts > 0
                                ? new RenditionReport("../720p30/index.m3u8", openSequence, openParts - 1)
                                : new RenditionReport("../720p30/index.m3u8", openSequence - 1, 9)),
                ended);
    }

    /** One parsed line: the tag (or "URI" for a plain line) and its attributes or value. */
    private record Line(String tag, String value) {

        @Nullable String attribute(String name) {
            var m = Pattern.compile("(?:^|,)" + name + "=(\"[^\"]*\"|[^,]*)").matcher(value);
            return m.find() ? m.group(1).replace("\"", "") : null;
        }

        double number(String name) {
            return Double.parseDouble(attribute(name));
        }
    }

    private static List<Line> parse(byte[] playlist) {
        var text = new String(playlist, StandardCharsets.UTF_8);
        assertThat(text).startsWith("#EXTM3U\n").endsWith("\n");
        var lines = new ArrayList<Line>();
        for (var line : text.split("\n")) {
            if (line.startsWith("#")) {
                int colon = line.indexOf(':');
                lines.add(
                        colon < 0 ? new Line(line, "") : new Line(line.substring(0, colon), line.substring(colon + 1)));
            } else {
                lines.add(new Line("URI", line));
            }
        }
        return lines;
    }

    private static Line one(List<Line> lines, String tag) {
        var found = lines.stream().filter(l -> l.tag().equals(tag)).toList();
        assertThat(found).as(tag).hasSize(1);
        return found.getFirst();
    }

    /** The rules every live low-latency playlist keeps, full or delta. */
    private static void checkRules(List<Line> lines) {
        int target = Integer.parseInt(one(lines, "#EXT-X-TARGETDURATION").value());
        double partTarget = one(lines, "#EXT-X-PART-INF").number("PART-TARGET");
        var control = one(lines, "#EXT-X-SERVER-CONTROL");
        assertThat(control.attribute("CAN-BLOCK-RELOAD")).isEqualTo("YES");
        assertThat(control.number("PART-HOLD-BACK"))
                .as("at least three part targets")
                .isGreaterThanOrEqualTo(3 * partTarget - 0.0005); // written to the millisecond
        assertThat(control.number("CAN-SKIP-UNTIL"))
                .as("at least six target durations")
                .isGreaterThanOrEqualTo(6 * target);
        assertThat(Integer.parseInt(one(lines, "#EXT-X-VERSION").value())).isGreaterThanOrEqualTo(9);
        one(lines, "#EXT-X-MAP");
        boolean dated = false;
        for (int i = 0; i < lines.size(); i++) {
            var line = lines.get(i);
            switch (line.tag()) {
                case "#EXT-X-PROGRAM-DATE-TIME" -> dated = true;
                case "#EXTINF" -> {
                    assertThat(dated).as("a date on every segment").isTrue();
                    double duration = Double.parseDouble(line.value().replace(",", ""));
                    assertThat(Math.round(duration))
                            .as("EXTINF within the target")
                            .isLessThanOrEqualTo(target);
                    assertThat(lines.get(i + 1).tag()).isEqualTo("URI");
                    dated = false;
                }
                case "#EXT-X-PART" ->
                    assertThat(line.number("DURATION"))
                            .as("a part within the part target")
                            .isLessThanOrEqualTo(partTarget);
                default -> {}
            }
        }
    }

    private static List<String> partUris(List<Line> lines) {
        return lines.stream()
                .filter(l -> l.tag().equals("#EXT-X-PART"))
                .map(l -> l.attribute("URI"))
                .toList();
    }

    @Test
    void aLivePlaylistKeepsTheRulesAndHintsAtTheNextPart() {
        var lines = parse(LowLatencyPlaylist.render(live(20, 3, false)));

        checkRules(lines);
        assertThat(one(lines, "#EXT-X-MEDIA-SEQUENCE").value()).isEqualTo("100");
        assertThat(one(lines, "#EXT-X-DISCONTINUITY-SEQUENCE").value()).isEqualTo("7");
        assertThat(lines).filteredOn(l -> l.tag().equals("#EXTINF")).hasSize(20);
        var parts = partUris(lines);
        assertThat(parts.getLast()).isEqualTo("part-120.2.m4s");
        assertThat(one(lines, "#EXT-X-PRELOAD-HINT").attribute("URI"))
                .as("the hint names the part after the last listed")
                .isEqualTo("part-120.3.m4s");
        assertThat(one(lines, "#EXT-X-PRELOAD-HINT").attribute("TYPE")).isEqualTo("PART");
        assertThat(parts)
                .as("parts for the last three target durations only: segments 118, 119 and the open one")
                .first()
                .isEqualTo("part-118.0.m4s");
        assertThat(lines.stream()
                        .filter(l -> l.tag().equals("#EXT-X-PART"))
                        .filter(l -> "YES".equals(l.attribute("INDEPENDENT"))))
                .as("each segment's first part is independent")
                .hasSize(3);
        var report = one(lines, "#EXT-X-RENDITION-REPORT");
        assertThat(report.attribute("LAST-MSN")).isEqualTo("120");
        assertThat(report.attribute("LAST-PART")).isEqualTo("2");
        assertThat(lines)
                .filteredOn(l -> l.tag().equals("#EXT-X-DISCONTINUITY"))
                .hasSize(1);
    }

    @Test
    void aDeltaUpdateSkipsOnlyWhatEndsBeforeCanSkipUntilAndListsTheRestAsTheFullOne() {
        var snapshot = live(20, 3, false);
        var full = parse(LowLatencyPlaylist.render(snapshot));
        var delta = parse(LowLatencyPlaylist.render(snapshot, true));

        checkRules(delta);
        int skipped = Integer.parseInt(one(delta, "#EXT-X-SKIP").attribute("SKIPPED-SEGMENTS"));
        // 12 s may be skipped: the open segment's 0.6 s and six segments of 2 s end within it, so 120 - 6 - 1 =
        // 113 is the last that may go: segments 100 to 113.
        assertThat(skipped).isEqualTo(14);
        assertThat(one(delta, "#EXT-X-MEDIA-SEQUENCE").value())
                .as("the media sequence counts the skipped segments")
                .isEqualTo(one(full, "#EXT-X-MEDIA-SEQUENCE").value());
        var fullUris = full.stream()
                .filter(l -> l.tag().equals("URI"))
                .map(Line::value)
                .toList();
        var deltaUris = delta.stream()
                .filter(l -> l.tag().equals("URI"))
                .map(Line::value)
                .toList();
        assertThat(deltaUris).isEqualTo(fullUris.subList(skipped, fullUris.size()));
        assertThat(partUris(delta)).isEqualTo(partUris(full));
    }

    @Test
    void aShortPlaylistHasNothingToSkip() {
        var delta = parse(LowLatencyPlaylist.render(live(4, 1, false), true));

        assertThat(delta).noneMatch(l -> l.tag().equals("#EXT-X-SKIP"));
        assertThat(delta).filteredOn(l -> l.tag().equals("#EXTINF")).hasSize(4);
    }

    @Test
    void anEndedStreamPromisesNothingMore() {
        var lines = parse(LowLatencyPlaylist.render(live(10, 0, true)));

        one(lines, "#EXT-X-ENDLIST");
        assertThat(lines).noneMatch(l -> l.tag().equals("#EXT-X-PRELOAD-HINT"));
        assertThat(lines).noneMatch(l -> l.tag().equals("#EXT-X-SERVER-CONTROL"));
        assertThat(lines).noneMatch(l -> l.tag().equals("#EXT-X-RENDITION-REPORT"));
    }

    @Test
    void theSameRenditionGivesTheSameBytes() {
        assertThat(LowLatencyPlaylist.render(live(20, 3, false)))
                .isEqualTo(LowLatencyPlaylist.render(live(20, 3, false)));
    }
}
