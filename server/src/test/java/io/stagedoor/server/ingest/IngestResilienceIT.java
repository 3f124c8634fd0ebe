package io.stagedoor.server.ingest;

import static io.stagedoor.server.ingest.LiveIngestIT.get;
import static io.stagedoor.server.ingest.LiveIngestIT.segments;
import static io.stagedoor.server.testing.Organisers.eventOnSale;
import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.api.live.StreamState;
import io.stagedoor.server.testing.Organisers;
import io.stagedoor.server.testing.Publishers;
import io.stagedoor.server.testing.ServerExtension;
import io.stagedoor.server.testing.TestDatabase;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The real world: reconnecting publishers, wrong keys, a packager killed mid-stream, replaced keys, odd codecs. */
class IngestResilienceIT {

    @RegisterExtension
    static final ServerExtension server = new ServerExtension(TestDatabase.H2, "--ingest.ladder=160p30:250k");

    @TempDir
    Path logs;

    @Test
    void aPublisherThatReconnectsContinuesThePlaylistAndAWrongKeyDisturbsNothing() throws Exception {
        var organiser = Organisers.signedIn(server.baseUri(), "Reconnecting Rita");
        var event = eventOnSale(organiser, "Unsteady uplink");
        var endpoint = organiser.streams().endpoint(event.id());
        var pattern = Publishers.pattern(640, 360, 6000, 10);

        var first = Publishers.publish(endpoint.publishUrl(), pattern, logs.resolve("first.log"));
        Eventually.until("live", Duration.ofSeconds(10), () -> segmentsOf(organiser, event.id()) >= 1);
        // Someone with the wrong key is turned away; the stream goes on.
        var intruder = Publishers.publish(
                endpoint.serverUrl() + "/live_" + "x".repeat(43), pattern, logs.resolve("intruder.log"));
        assertThat(intruder.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(intruder.exitValue()).isNotZero();
        long before = segmentsOf(organiser, event.id());
        Eventually.until(
                "more segments after the refusal",
                Duration.ofSeconds(8),
                () -> segmentsOf(organiser, event.id()) > before);
        assertThat(first.isAlive()).isTrue();
        assertThat(first.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue())
                .as(Files.readString(logs.resolve("first.log")))
                .isZero();

        // The same key again, a few seconds later: a new publish on the same event.
        Thread.sleep(2000);
        var second = Publishers.publish(endpoint.publishUrl(), pattern, logs.resolve("second.log"));
        assertThat(second.waitFor(25, TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue())
                .as(Files.readString(logs.resolve("second.log")))
                .isZero();
        Eventually.until(
                "the second publish is over",
                Duration.ofSeconds(15),
                () -> organiser.streams().health(event.id()).state() == StreamState.DISCONNECTED);

        assertThat(organiser.streams().health(event.id()).reconnects()).isEqualTo(1);
        var base = URI.create(endpoint.previewUrl());
        for (var rendition : List.of("source", "160p30")) {
            var playlist = get(base.resolve(rendition + "/dvr.m3u8").toString());
            assertThat(playlist).contains("#EXT-X-MEDIA-SEQUENCE:0");
            assertThat(playlist.split("#EXT-X-DISCONTINUITY\n", -1))
                    .as(rendition + ": one break")
                    .hasSize(2);
            var numbers = segments(playlist).stream()
                    .mapToLong(s -> Long.parseLong(s.replaceAll("\\D", "")))
                    .toArray();
            assertThat(numbers)
                    .as(rendition + ": the media sequence never restarts")
                    .containsExactly(LongStream.range(0, numbers.length).toArray());
            assertThat(numbers.length).isGreaterThanOrEqualTo(9);
            // The segments after the break play: each starts on a keyframe.
            var afterBreak = playlist.substring(playlist.indexOf("#EXT-X-DISCONTINUITY\n"));
            var firstAfter = segments(afterBreak).getFirst();
            var frame = Publishers.run(
                    "ffprobe",
                    "-v",
                    "error",
                    "-select_streams",
                    "v:0",
                    "-read_intervals",
                    "%+#1",
                    "-show_entries",
                    "frame=key_frame",
                    "-of",
                    "csv=p=0",
                    base.resolve(rendition + "/" + firstAfter).toString());
            assertThat(frame).first().asString().startsWith("1");
        }
    }

    @Test
    void aSecondPublishOnTheSameKeyReplacesTheFirst() throws Exception {
        var organiser = Organisers.signedIn(server.baseUri(), "Backup Encoder Ben");
        var event = eventOnSale(organiser, "Failover");
        var endpoint = organiser.streams().endpoint(event.id());
        var pattern = Publishers.pattern(640, 360, 6000, 12);
        var main = Publishers.publish(endpoint.publishUrl(), pattern, logs.resolve("main.log"));
        Eventually.until("live", Duration.ofSeconds(10), () -> segmentsOf(organiser, event.id()) >= 1);

        var backup = Publishers.publish(endpoint.publishUrl(), pattern, logs.resolve("backup.log"));
        assertThat(main.waitFor(10, TimeUnit.SECONDS))
                .as("the first publisher is let go")
                .isTrue();
        assertThat(main.exitValue()).isNotZero();
        assertThat(backup.isAlive()).isTrue();
        var health = organiser.streams().health(event.id());
        assertThat(health.state()).isEqualTo(StreamState.LIVE);
        assertThat(health.reconnects()).isEqualTo(1);
        long segments = segmentsOf(organiser, event.id());
        Eventually.until(
                "the backup is packaged",
                Duration.ofSeconds(10),
                () -> segmentsOf(organiser, event.id()) > segments + 1);
        assertThat(backup.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(backup.exitValue())
                .as(Files.readString(logs.resolve("backup.log")))
                .isZero();
    }

    @Test
    void killingOneStreamsPackagerLeavesTheOtherAloneAndItRecovers() throws Exception {
        var organiser = Organisers.signedIn(server.baseUri(), "Two Stages");
        var a = eventOnSale(organiser, "Stage A");
        var b = eventOnSale(organiser, "Stage B");
        var pattern = Publishers.pattern(640, 360, 6000, 20);
        var publishA =
                Publishers.publish(organiser.streams().endpoint(a.id()).publishUrl(), pattern, logs.resolve("a.log"));
        var publishB =
                Publishers.publish(organiser.streams().endpoint(b.id()).publishUrl(), pattern, logs.resolve("b.log"));
        var ingest = server.server().ingest();
        Eventually.until(
                "both packaging",
                Duration.ofSeconds(15),
                () -> segmentsOf(organiser, a.id()) >= 2 && segmentsOf(organiser, b.id()) >= 2);
        long killed = ingest.packagerPid(a.id()).orElseThrow();
        long other = ingest.packagerPid(b.id()).orElseThrow();
        assertThat(ProcessHandle.of(killed).orElseThrow().destroyForcibly()).isTrue();

        Eventually.until(
                "a new packager for A",
                Duration.ofSeconds(10),
                () -> ingest.packagerPid(a.id()).isPresent()
                        && ingest.packagerPid(a.id()).getAsLong() != killed);
        long segmentsAtRestart = segmentsOf(organiser, a.id());
        Eventually.until(
                "A packages again",
                Duration.ofSeconds(10),
                () -> segmentsOf(organiser, a.id()) > segmentsAtRestart + 1);
        assertThat(ingest.packagerPid(b.id())).hasValue(other);
        assertThat(publishA.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(publishB.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(publishA.exitValue()).as("the publisher never noticed").isZero();
        assertThat(publishB.exitValue()).isZero();
        assertThat(organiser.health().isOk()).isTrue();

        var previewA = URI.create(organiser.streams().endpoint(a.id()).previewUrl());
        var previewB = URI.create(organiser.streams().endpoint(b.id()).previewUrl());
        Eventually.until(
                "both finished",
                Duration.ofSeconds(15),
                () -> get(previewB.resolve("source/dvr.m3u8").toString()).contains("seg-9.ts"));
        var playlistA = get(previewA.resolve("source/dvr.m3u8").toString());
        var playlistB = get(previewB.resolve("source/dvr.m3u8").toString());
        assertThat(playlistA).as("A marks its break").contains("#EXT-X-DISCONTINUITY\n");
        assertThat(playlistB).as("B never broke").doesNotContain("#EXT-X-DISCONTINUITY\n");
        assertThat(LiveIngestIT.durations(playlistB).subList(0, 9))
                .allSatisfy(d -> assertThat(d).isBetween(1.9, 2.2));
    }

    @Test
    void aReplacedKeyDisconnectsThePublisherAndStopsWorking() throws Exception {
        var organiser = Organisers.signedIn(server.baseUri(), "Careful Carla");
        var event = eventOnSale(organiser, "Leaked key");
        var old = organiser.streams().endpoint(event.id());
        var pattern = Publishers.pattern(640, 360, 6000, 20);
        var publisher = Publishers.publish(old.publishUrl(), pattern, logs.resolve("old.log"));
        Eventually.until(
                "live",
                Duration.ofSeconds(10),
                () -> organiser.streams().health(event.id()).state() == StreamState.LIVE);

        var renewed = organiser.streams().rotateKey(event.id());
        assertThat(renewed.streamKey()).isNotEqualTo(old.streamKey());
        assertThat(publisher.waitFor(10, TimeUnit.SECONDS))
                .as("the old publisher is cut off")
                .isTrue();
        assertThat(publisher.exitValue()).isNotZero();

        var again = Publishers.publish(old.publishUrl(), pattern, logs.resolve("again.log"));
        assertThat(again.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(again.exitValue()).as("the old key is refused").isNotZero();
    }

    @Test
    void otherCodecsAndEndedEventsAreRefusedWithAReason() throws Exception {
        var organiser = Organisers.signedIn(server.baseUri(), "Retro Rick");
        var event = eventOnSale(organiser, "MP3 night");
        var endpoint = organiser.streams().endpoint(event.id());
        var mp3 = new ProcessBuilder(List.of(
                        "ffmpeg",
                        "-hide_banner",
                        "-nostdin",
                        "-loglevel",
                        "warning",
                        "-re",
                        "-f",
                        "lavfi",
                        "-i",
                        "testsrc2=size=320x240:rate=30",
                        "-f",
                        "lavfi",
                        "-i",
                        "sine=frequency=440:sample_rate=44100",
                        "-t",
                        "10",
                        "-c:v",
                        "libx264",
                        "-preset",
                        "ultrafast",
                        "-g",
                        "60",
                        "-c:a",
                        "libmp3lame",
                        "-b:a",
                        "128k",
                        "-f",
                        "flv",
                        endpoint.publishUrl()))
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve("mp3.log").toFile())
                .start();
        assertThat(mp3.waitFor(15, TimeUnit.SECONDS)).isTrue();
        assertThat(mp3.exitValue()).as("refused before the end").isNotZero();
        var health = organiser.streams().health(event.id());
        assertThat(health.hasAlert("codec-refused")).isTrue();
        assertThat(health.alerts().stream()
                        .filter(a -> a.code().equals("codec-refused"))
                        .findFirst()
                        .orElseThrow()
                        .message())
                .contains("MP3")
                .contains("send AAC instead");

        organiser.events().end(event.id());
        var late = Publishers.publish(
                endpoint.publishUrl(), Publishers.pattern(640, 360, 6000, 10), logs.resolve("late.log"));
        assertThat(late.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(late.exitValue()).as("an ended event does not go live again").isNotZero();
    }

    @Test
    void aRungThisMachineCannotTranscodeInRealTimeIsDroppedWithAWarning(@TempDir Path data) throws Exception {
        // A packager program that reads its input at half speed whenever it has to transcode: a machine without
        // the CPU for the ladder, made certain.
        var slow = data.resolve("slow-ffmpeg");
        Files.writeString(
                slow,
                "#!/bin/sh\ncase \"$*\" in *libx264*) exec ffmpeg -readrate 0.5 \"$@\";; esac\nexec ffmpeg \"$@\"\n");
        assertThat(slow.toFile().setExecutable(true)).isTrue();
        try (var own = io.stagedoor.server.StagedoorServer.start(io.stagedoor.server.testing.TestServers.config(
                data.resolve("server"), "--ingest.ffmpeg=" + slow, "--ingest.ladder=160p30:250k"))) {
            var organiser = Organisers.signedIn(own.baseUri(), "Underpowered Uma");
            var event = eventOnSale(organiser, "Too much to transcode");
            var publisher = Publishers.publish(
                    organiser.streams().endpoint(event.id()).publishUrl(),
                    Publishers.pattern(640, 360, 6000, 20),
                    logs.resolve("slow.log"));
            try {
                Eventually.until(
                        "the rung is dropped",
                        Duration.ofSeconds(25),
                        () -> organiser.streams().health(event.id()).hasAlert("transcoder-slow"));
                var health = organiser.streams().health(event.id());
                var alert = health.alerts().stream()
                        .filter(a -> a.code().equals("transcoder-slow"))
                        .findFirst()
                        .orElseThrow();
                assertThat(alert.severity()).isEqualTo("warning");
                assertThat(alert.message()).contains("160p30").contains("behind real time");
                assertThat(health.renditions()).extracting(r -> r.name()).containsExactly("source");
                long segments = segmentsOf(organiser, event.id());
                Eventually.until(
                        "the source carries on",
                        Duration.ofSeconds(10),
                        () -> segmentsOf(organiser, event.id()) > segments + 1);
            } finally {
                publisher.destroy();
                publisher.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static long segmentsOf(io.stagedoor.client.StagedoorClient organiser, java.util.UUID eventId) {
        return organiser.streams().health(eventId).renditions().stream()
                .filter(r -> r.name().equals("source"))
                .mapToLong(r -> r.segments())
                .findFirst()
                .orElse(0);
    }
}
