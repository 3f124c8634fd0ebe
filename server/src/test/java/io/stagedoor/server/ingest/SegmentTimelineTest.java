package io.stagedoor.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentTimelineTest {

    private static final Instant T0 = Instant.parse("2026-11-21T20:00:00Z");

    @TempDir
    Path dir;

    @Test
    void theLiveWindowSlidesWhileTheMediaSequenceCountsOn() {
        var timeline = new SegmentTimeline(dir, Duration.ofHours(2), true);
        for (int i = 0; i < 8; i++) {
            timeline.add("seg-" + i + ".ts", 2.0, T0.plusSeconds(2L * i));
        }
        var live = timeline.livePlaylist(3);
        assertThat(live).contains("#EXT-X-MEDIA-SEQUENCE:5\n").contains("#EXT-X-TARGETDURATION:2\n");
        assertThat(LiveIngestIT.segments(live)).containsExactly("seg-5.ts", "seg-6.ts", "seg-7.ts");
        assertThat(live).contains("#EXT-X-PROGRAM-DATE-TIME:2026-11-21T20:00:10Z\n#EXTINF:2.000,\nseg-5.ts");
        assertThat(live).doesNotContain("#EXT-X-ENDLIST");
        assertThat(LiveIngestIT.segments(timeline.dvrPlaylist())).hasSize(8);

        // The rendered playlist is kept for the next viewer until a segment arrives, and only for that window size.
        assertThat(timeline.livePlaylist(3)).isSameAs(live);
        assertThat(LiveIngestIT.segments(timeline.livePlaylist(2))).containsExactly("seg-6.ts", "seg-7.ts");
        timeline.add("seg-8.ts", 2.0, T0.plusSeconds(16));
        assertThat(LiveIngestIT.segments(timeline.livePlaylist(3))).containsExactly("seg-6.ts", "seg-7.ts", "seg-8.ts");
    }

    @Test
    void aBreakIsMarkedOnceAndCountedWhenItLeavesTheWindow() {
        var timeline = new SegmentTimeline(dir, Duration.ofHours(2), true);
        timeline.add("seg-0.ts", 2.0, T0);
        timeline.add("seg-1.ts", 2.0, T0.plusSeconds(2));
        timeline.markBreak();
        timeline.add("seg-2.ts", 1.5, T0.plusSeconds(30));
        timeline.add("seg-3.ts", 2.0, T0.plusSeconds(32));
        timeline.add("seg-4.ts", 2.0, T0.plusSeconds(34));

        var dvr = timeline.dvrPlaylist();
        assertThat(dvr).contains("#EXT-X-DISCONTINUITY-SEQUENCE:0\n");
        assertThat(dvr.split("#EXT-X-DISCONTINUITY\n", -1)).hasSize(2);
        assertThat(dvr)
                .contains(
                        "#EXT-X-DISCONTINUITY\n#EXT-X-PROGRAM-DATE-TIME:2026-11-21T20:00:30Z\n#EXTINF:1.500,\nseg-2.ts");
        // Once the break has slid out of the live window, the discontinuity sequence says so.
        var live = timeline.livePlaylist(2);
        assertThat(live).contains("#EXT-X-MEDIA-SEQUENCE:3\n").contains("#EXT-X-DISCONTINUITY-SEQUENCE:1\n");
        assertThat(live).doesNotContain("#EXT-X-DISCONTINUITY\n");
    }

    @Test
    void withoutARecordingSegmentsOlderThanTheDvrWindowAreDeleted() throws Exception {
        var timeline = new SegmentTimeline(dir, Duration.ofMinutes(1), false);
        for (int i = 0; i < 40; i++) {
            Files.writeString(dir.resolve("seg-" + i + ".ts"), "x");
            timeline.add("seg-" + i + ".ts", 2.0, T0.plusSeconds(2L * i));
        }
        assertThat(dir.resolve("seg-0.ts")).doesNotExist();
        assertThat(dir.resolve("seg-8.ts")).doesNotExist();
        assertThat(dir.resolve("seg-10.ts")).exists();
        assertThat(dir.resolve("seg-39.ts")).exists();
        assertThat(timeline.dvrPlaylist()).contains("#EXT-X-MEDIA-SEQUENCE:");
        assertThat(LiveIngestIT.segments(timeline.dvrPlaylist()).getFirst()).isIn("seg-9.ts", "seg-10.ts");
    }

    @Test
    void withARecordingEverySegmentStaysAndTheReplayEndsWhenTheEventDoes() throws Exception {
        var timeline = new SegmentTimeline(dir, Duration.ofMinutes(1), true);
        for (int i = 0; i < 40; i++) {
            Files.writeString(dir.resolve("seg-" + i + ".ts"), "x");
            timeline.add("seg-" + i + ".ts", 2.0, T0.plusSeconds(2L * i));
        }
        assertThat(dir.resolve("seg-0.ts")).exists();
        var replay = SegmentTimeline.recordingPlaylist(dir, true, null);
        assertThat(LiveIngestIT.segments(replay)).hasSize(40);
        assertThat(replay).contains("#EXT-X-PLAYLIST-TYPE:VOD\n").endsWith("#EXT-X-ENDLIST\n");
        assertThat(SegmentTimeline.recordingPlaylist(dir, false, null)).doesNotContain("#EXT-X-ENDLIST");
    }

    @Test
    void aRehearsalIsNeitherKeptNorReplayedNorOfferedToStartOver() throws Exception {
        var timeline = new SegmentTimeline(dir, Duration.ofMinutes(1), true);
        timeline.recordFrom(null);
        for (int i = 0; i < 60; i++) {
            Files.writeString(dir.resolve("seg-" + i + ".ts"), "x");
            timeline.add("seg-" + i + ".ts", 2.0, T0.plusSeconds(2L * i));
        }
        assertThat(dir.resolve("seg-0.ts"))
                .as("a rehearsal's segments leave with the start-over window, recording or not")
                .doesNotExist();

        // On air from the 61st second: segment 30 (60 s to 62 s) is the first of the show.
        var onAirAt = T0.plusSeconds(61);
        timeline.recordFrom(onAirAt);
        assertThat(LiveIngestIT.segments(timeline.dvrPlaylist()).getFirst()).isEqualTo("seg-30.ts");
        for (int i = 60; i < 200; i++) {
            Files.writeString(dir.resolve("seg-" + i + ".ts"), "x");
            timeline.add("seg-" + i + ".ts", 2.0, T0.plusSeconds(2L * i));
        }
        assertThat(dir.resolve("seg-29.ts")).as("the rehearsal's last segment").doesNotExist();
        assertThat(dir.resolve("seg-30.ts")).as("the show is recorded").exists();
        var replay = LiveIngestIT.segments(SegmentTimeline.recordingPlaylist(dir, true, onAirAt));
        assertThat(replay.getFirst()).isEqualTo("seg-30.ts");
        assertThat(replay).hasSize(170);
        assertThat(SegmentTimeline.recorded(dir, onAirAt)).isTrue();
        assertThat(SegmentTimeline.recorded(dir, T0.plusSeconds(400))).isFalse();
    }

    @Test
    void segmentsAreKeptWhileTheShowtimeIsNotKnownYet() throws Exception {
        // A restarted server reads its index before it knows the show's state: nothing may be lost meanwhile.
        var before = new SegmentTimeline(dir, Duration.ofMinutes(1), true);
        for (int i = 0; i < 60; i++) {
            Files.writeString(dir.resolve("seg-" + i + ".ts"), "x");
            before.add("seg-" + i + ".ts", 2.0, T0.plusSeconds(2L * i));
        }
        var after = new SegmentTimeline(dir, Duration.ofMinutes(1), true);
        after.add("seg-60.ts", 2.0, T0.plusSeconds(120));
        assertThat(dir.resolve("seg-0.ts")).exists();
    }

    @Test
    void aRestartedServerContinuesTheNumberingAfterABreak() {
        var before = new SegmentTimeline(dir, Duration.ofHours(2), true);
        before.add("seg-0.ts", 2.0, T0);
        before.add("seg-1.ts", 2.0, T0.plusSeconds(2));

        var after = new SegmentTimeline(dir, Duration.ofHours(2), true);
        assertThat(after.nextSequence()).isEqualTo(2);
        after.add("seg-2.ts", 2.0, T0.plusSeconds(60));
        assertThat(after.dvrPlaylist()).contains("#EXT-X-DISCONTINUITY\n#EXT-X-PROGRAM-DATE-TIME:2026-11-21T20:01:00Z");
    }

    @Test
    void aLineCutShortByACrashCostsOnlyThatLine() throws Exception {
        var timeline = new SegmentTimeline(dir, Duration.ofHours(2), true);
        timeline.add("seg-0.ts", 2.0, T0);
        Files.writeString(
                dir.resolve(SegmentTimeline.INDEX), "1,seg-1.ts,2.0", java.nio.file.StandardOpenOption.APPEND);
        assertThat(SegmentTimeline.readIndex(dir)).extracting(Segment::file).containsExactly("seg-0.ts");
    }

    @Test
    void theTargetDurationStaysPutWhileTheWindowSlides() {
        var timeline = new SegmentTimeline(dir, Duration.ofHours(2), true);
        // Keyframes a frame late now and then, as a 30 fps source cut at 2 s gives: 2.033 s rounds to 2.
        timeline.add("seg-0.ts", 2.033, T0);
        timeline.add("seg-1.ts", 2.0, T0.plusSeconds(2));
        assertThat(timeline.livePlaylist(3)).contains("#EXT-X-TARGETDURATION:2\n");

        // One long segment (a publisher's keyframe came late) raises it, and it stays up after that segment is gone.
        timeline.add("seg-2.ts", 3.4, T0.plusSeconds(4));
        for (int i = 3; i < 8; i++) {
            timeline.add("seg-" + i + ".ts", 2.0, T0.plusSeconds(2L * i + 2));
        }
        var live = timeline.livePlaylist(3);
        assertThat(LiveIngestIT.segments(live)).doesNotContain("seg-2.ts");
        assertThat(live).contains("#EXT-X-TARGETDURATION:3\n");

        // A server restart reads it back from the index.
        var restarted = new SegmentTimeline(dir, Duration.ofHours(2), true);
        assertThat(restarted.livePlaylist(3)).contains("#EXT-X-TARGETDURATION:3\n");
    }
}
