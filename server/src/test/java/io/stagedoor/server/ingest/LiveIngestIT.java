package io.stagedoor.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.api.events.Event;
import io.stagedoor.api.events.EventStatus;
import io.stagedoor.api.live.StreamEndpoint;
import io.stagedoor.api.live.StreamHealth;
import io.stagedoor.api.live.StreamState;
import io.stagedoor.client.StagedoorClient;
import io.stagedoor.server.testing.Organisers;
import io.stagedoor.server.testing.Publishers;
import io.stagedoor.server.testing.ServerExtension;
import io.stagedoor.server.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's ffmpeg publishes to the server's own RTMP ingest; ffprobe and plain HTTP judge the HLS that comes out,
 * and the health API is checked against what was sent.
 */
class LiveIngestIT {

    @RegisterExtension
    static final ServerExtension server = new ServerExtension(
            TestDatabase.H2, "--ingest.ladder=360p30:700k,160p30:250k", "--ingest.end-after-minutes=5");

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path logs;

    @Test
    void aPublishedStreamBecomesAdaptiveHlsAndItsHealthIsMeasured() throws Exception {
        var organiser = Organisers.signedIn(server.baseUri(), "Stage Manager");
        var event = Organisers.eventOnSale(organiser, "Opening night");
        var endpoint = organiser.streams().endpoint(event.id());
        assertThat(endpoint.serverUrl()).matches("rtmp://127\\.0\\.0\\.1:\\d+/live");
        assertThat(endpoint.streamKey()).startsWith("live_").hasSizeGreaterThanOrEqualTo(40);

        var updates = new CopyOnWriteArrayList<StreamHealth>();
        try (var subscription = organiser.streams().watchHealth(event.id(), updates::add, problem -> {})) {
            var publisher = Publishers.publish(
                    endpoint.publishUrl(), Publishers.pattern(1920, 1080, 6000, 24), logs.resolve("pub.log"));
            // Measure while it runs: after the 10 s window has filled.
            var samples = new ArrayList<StreamHealth>();
            Eventually.until("14 health samples while live", Duration.ofSeconds(40), () -> {
                Thread.sleep(750);
                var health = organiser.streams().health(event.id());
                if (health.state() == StreamState.LIVE && health.bitrate10s() > 0) {
                    samples.add(health);
                }
                return samples.size() >= 14 || !publisher.isAlive();
            });
            var settled = samples.get(samples.size() - 1);
            assertThat(settled.width()).isEqualTo(1920);
            assertThat(settled.height()).isEqualTo(1080);
            assertThat(settled.videoCodec()).startsWith("H.264 High");
            assertThat(settled.audioCodec()).startsWith("AAC-LC 48000 Hz 2 ch");
            assertThat(settled.audioPresent()).isTrue();
            assertThat(settled.frameRate()).isCloseTo(30.0, org.assertj.core.data.Offset.offset(0.5));
            assertThat(settled.keyframeIntervalSeconds()).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.05));
            assertThat(settled.bitrate10s()).isBetween(5_800_000L, 6_900_000L);
            assertThat(settled.publisherSoftware()).isNotBlank();
            assertThat(settled.alerts()).as("alerts at 6 Mbps").isEmpty();
            assertThat(settled.renditions()).extracting(r -> r.name()).containsExactly("source", "360p30", "160p30");
            assertThat(organiser.events().get(event.id()).status())
                    .as("a publish before Start show is a rehearsal")
                    .isEqualTo(EventStatus.ON_SALE);
            assertThat(settled.show().rehearsal()).isTrue();

            assertThat(publisher.waitFor(40, TimeUnit.SECONDS)).isTrue();
            assertThat(publisher.exitValue())
                    .as(java.nio.file.Files.readString(logs.resolve("pub.log")))
                    .isZero();
            Eventually.until(
                    "the publisher is seen gone",
                    Duration.ofSeconds(15),
                    () -> organiser.streams().health(event.id()).state() == StreamState.DISCONNECTED);
            assertThat(organiser.streams().health(event.id()).hasAlert("publisher-disconnected"))
                    .isTrue();
            assertThat(organiser.streams().health(event.id()).lastStop())
                    .as("ffmpeg says it stops at the end of its input")
                    .isEqualTo(io.stagedoor.api.live.StreamStop.PUBLISHER_STOPPED);
        }
        assertThat(updates).as("health pushed over server-sent events").hasSizeGreaterThanOrEqualTo(5);
        assertThat(updates).anyMatch(h -> h.state() == StreamState.LIVE && h.bitrate10s() > 5_000_000);

        // The master playlist, as ffprobe reads it: every rendition, H.264 and AAC.
        var master = get(endpoint.previewUrl());
        assertThat(master)
                .contains("#EXT-X-STREAM-INF")
                .contains("RESOLUTION=1920x1080")
                .contains("RESOLUTION=640x360")
                .contains("source/live.m3u8")
                .contains("360p30/live.m3u8")
                .contains("160p30/live.m3u8");
        var probed = Publishers.run(
                "ffprobe",
                "-v",
                "error",
                "-show_entries",
                "stream=codec_name,width,height",
                "-of",
                "csv=p=0",
                endpoint.previewUrl());
        assertThat(probed)
                .contains("h264,1920,1080", "h264,640,360", "h264,284,160")
                .contains("aac");

        // Every rendition: segments near 2 s, each starting on a keyframe, with their wall-clock time.
        var base = URI.create(endpoint.previewUrl());
        for (var rendition : List.of("source", "360p30", "160p30")) {
            var playlistUri = base.resolve(rendition + "/dvr.m3u8");
            var playlist = get(playlistUri.toString());
            assertThat(playlist).contains("#EXT-X-PROGRAM-DATE-TIME:").contains("#EXT-X-MEDIA-SEQUENCE:0");
            var durations = durations(playlist);
            assertThat(durations).hasSizeGreaterThanOrEqualTo(9);
            assertThat(durations.subList(0, durations.size() - 1))
                    .as(rendition + " segment durations")
                    .allSatisfy(d -> assertThat(d).isBetween(1.9, 2.2));
            for (var segment : segments(playlist)) {
                var segmentUri = playlistUri.resolve(segment).toString();
                var firstFrame = Publishers.run(
                        "ffprobe",
                        "-v",
                        "error",
                        "-select_streams",
                        "v:0",
                        "-read_intervals",
                        "%+#1",
                        "-show_entries",
                        "frame=key_frame,pict_type",
                        "-of",
                        "csv=p=0",
                        segmentUri);
                assertThat(firstFrame)
                        .as(rendition + " " + segment + " starts on a keyframe")
                        .first()
                        .asString()
                        .matches("1,I,?");
            }
            // One keyframe per segment: the rungs' keyframes sit on the segment grid, not one frame beside it.
            var middle = playlistUri.resolve(segments(playlist).get(3)).toString();
            var keyframes = Publishers.run(
                            "ffprobe",
                            "-v",
                            "error",
                            "-select_streams",
                            "v:0",
                            "-show_entries",
                            "packet=flags",
                            "-of",
                            "csv=p=0",
                            middle)
                    .stream()
                    .filter(flags -> flags.startsWith("K"))
                    .count();
            assertThat(keyframes).as(rendition + " keyframes in " + middle).isEqualTo(1);
            var codecs = Publishers.run(
                    "ffprobe",
                    "-v",
                    "error",
                    "-show_entries",
                    "stream=codec_name,profile",
                    "-of",
                    "csv=p=0",
                    playlistUri.resolve(segments(playlist).getFirst()).toString());
            assertThat(codecs).anyMatch(line -> line.startsWith("h264,")).anyMatch(line -> line.startsWith("aac,LC"));
        }
    }

    @Test
    void belowTheRecommendedBitrateTheAlertFires() throws Exception {
        var organiser = Organisers.signedIn(server.baseUri(), "Thrifty Streamer");
        var event = Organisers.eventOnSale(organiser, "Low-bandwidth gig");
        var endpoint = organiser.streams().endpoint(event.id());
        var publisher = Publishers.publish(
                endpoint.publishUrl(), Publishers.pattern(1280, 720, 3000, 20), logs.resolve("low.log"));
        try {
            Eventually.until(
                    "the below-recommended alert",
                    Duration.ofSeconds(25),
                    () -> organiser.streams().health(event.id()).hasAlert("below-recommended-bitrate"));
            var health = organiser.streams().health(event.id());
            assertThat(health.bitrate10s()).isBetween(2_700_000L, 3_600_000L);
            var alert = health.alerts().stream()
                    .filter(a -> a.code().equals("below-recommended-bitrate"))
                    .findFirst()
                    .orElseThrow();
            assertThat(alert.message()).contains("below the recommended 6 Mbps");
        } finally {
            publisher.destroy();
            publisher.waitFor(10, TimeUnit.SECONDS);
        }
    }

    static String get(String uri) throws Exception {
        var response = HTTP.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as("GET " + uri + ": " + response.body())
                .isEqualTo(200);
        return response.body();
    }

    static List<Double> durations(String playlist) {
        var list = new ArrayList<Double>();
        var m = Pattern.compile("#EXTINF:([0-9.]+),").matcher(playlist);
        while (m.find()) {
            list.add(Double.parseDouble(m.group(1)));
        }
        return list;
    }

    static List<String> segments(String playlist) {
        return playlist.lines().filter(line -> line.endsWith(".ts")).toList();
    }

    static StreamEndpoint endpointOf(StagedoorClient organiser, Event event) {
        return organiser.streams().endpoint(event.id());
    }
}
