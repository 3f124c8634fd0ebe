package io.stagedoor.app.broadcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stagedoor.api.live.StreamHealth;
import io.stagedoor.api.live.StreamState;
import io.stagedoor.encoder.Broadcast;
import io.stagedoor.encoder.BroadcastListener;
import io.stagedoor.encoder.BroadcastSettings;
import io.stagedoor.encoder.BroadcastState;
import io.stagedoor.encoder.BroadcastStats;
import io.stagedoor.encoder.Preset;
import io.stagedoor.encoder.preflight.UploadTest;
import io.stagedoor.encoder.rtmp.RtmpUrl;
import io.stagedoor.server.testing.Organisers;
import io.stagedoor.server.testing.ServerExtension;
import io.stagedoor.server.testing.TestDatabase;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The studio's broadcasting engine against the server's own ingest: the test pattern at 1080p30 and 6 Mbps for 30 s,
 * the upload pre-flight first. Debian's ffprobe judges the recording the server kept; the server's ingest meter is
 * the receiver the encoder's meter is compared with.
 */
class BroadcastToOwnIngestIT {

    @RegisterExtension
    static final ServerExtension server = new ServerExtension(TestDatabase.H2, "--ingest.ladder=");

    @Test
    void thirtySecondsAt1080p30ReachTheServerAsPromisedAndBothMetersAgree() throws Exception {
        var organiser = Organisers.signedIn(server.baseUri(), "Studio Sam");
        var event = TestEvents.onSale(organiser, "Studio test");
        var endpoint = organiser.streams().endpoint(event.id());
        // On air before the first picture: the replay is the show, and a stream before "Start show" is not part of it.
        organiser.events().startShow(event.id());

        // The pre-flight upload test, against the server's own bandwidth-test endpoint.
        var upload = new UploadTest(java.net.http.HttpClient.newHttpClient())
                .run(server.baseUri(), organiser.token(), Duration.ofSeconds(3));
        assertThat(upload.mbps()).as("loopback upload").isGreaterThan(50);

        var stats = new CopyOnWriteArrayList<BroadcastStats>();
        var received = new CopyOnWriteArrayList<StreamHealth>();
        var settings =
                BroadcastSettings.of(Preset.P1080_30.settings()).withDestination(RtmpUrl.parse(endpoint.publishUrl()));
        try (var broadcast = Broadcast.start(settings, new BroadcastListener() {
            @Override
            public void stats(BroadcastStats s) {
                stats.add(s);
                // What the receiving end had measured when this report was made.
                received.add(organiser.streams().health(event.id()));
            }
        })) {
            assertThat(broadcast.state()).isEqualTo(BroadcastState.LIVE);
            Thread.sleep(31_000);
        }
        var health = organiser.streams().health(event.id());
        assertThat(health.width()).isEqualTo(1920);
        assertThat(health.height()).isEqualTo(1080);
        assertThat(health.videoCodec()).startsWith("H.264 High");
        assertThat(health.audioCodec()).startsWith("AAC-LC 48000 Hz 2 ch");

        // The encoder's meter counts what its socket accepted; the ingest counts what arrived. Over 10 s they agree.
        for (int i = 12; i < stats.size(); i++) {
            double meterKbps = stats.get(i).bitrate().lastTenSecondsKbps();
            double receiverKbps = received.get(i).bitrate10s() / 1000.0;
            assertThat(received.get(i).state()).isEqualTo(StreamState.LIVE);
            assertThat(receiverKbps).as("receiver at report %d", i).isCloseTo(meterKbps, within(meterKbps * 0.05));
        }

        // End the show: its recording becomes the replay, which ffprobe reads from start to end.
        organiser.events().end(event.id());
        var replay = URI.create(endpoint.previewUrl()).resolve("replay.m3u8").toString();
        var streams = Ffprobe.lines(
                "-show_entries",
                "stream=codec_type,codec_name,profile,width,height,r_frame_rate,sample_rate",
                "-of",
                "csv=p=0",
                replay);
        assertThat(streams).anyMatch(line -> line.startsWith("h264,High,video,1920,1080,30/1"));
        assertThat(streams).anyMatch(line -> line.startsWith("aac,LC,audio,48000"));

        var packets = new ArrayList<double[]>(); // {seconds, bytes, keyframe}
        for (var line :
                Ffprobe.lines("-show_entries", "packet=codec_type,pts_time,size,flags", "-of", "csv=p=0", replay)) {
            var parts = line.split(",");
            if (parts.length >= 4 && !parts[1].equals("N/A")) {
                packets.add(new double[] {
                    Double.parseDouble(parts[1]),
                    Double.parseDouble(parts[2]),
                    parts[0].equals("video") && parts[3].startsWith("K") ? 1 : 0
                });
            }
        }
        double start = packets.stream().mapToDouble(p -> p[0]).min().orElseThrow();
        double end = packets.stream().mapToDouble(p -> p[0]).max().orElseThrow();
        assertThat(end - start).as("seconds received").isGreaterThan(28);
        var keyframes = packets.stream()
                .filter(p -> p[2] == 1)
                .mapToDouble(p -> p[0])
                .sorted()
                .toArray();
        for (int i = 1; i < keyframes.length; i++) {
            assertThat(keyframes[i] - keyframes[i - 1])
                    .as("keyframe interval %d", i)
                    .isCloseTo(2.0, within(0.002));
        }
        for (double from = start; from + 10 <= end; from += 1) {
            double f = from;
            double bytes = packets.stream()
                    .filter(p -> p[0] >= f && p[0] < f + 10)
                    .mapToDouble(p -> p[1])
                    .sum();
            assertThat(bytes * 8 / 10 / 1e6)
                    .as("received Mbps from %.0f s", from - start)
                    .isBetween(6.0, 6.6);
        }
    }
}
