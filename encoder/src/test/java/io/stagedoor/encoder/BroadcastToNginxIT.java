package io.stagedoor.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stagedoor.encoder.meter.BitrateState;
import io.stagedoor.encoder.rtmp.RtmpUrl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test pattern at 1080p30 and 6 Mbps for 30 s, live, to a real nginx-rtmp; Debian's ffprobe judges what nginx
 * recorded. The same broadcast into the server's own ingest is {@code io.stagedoor.app.broadcast.BroadcastToOwnIngestIT}.
 */
class BroadcastToNginxIT {

    @TempDir
    Path dir;

    @Test
    void thirtySecondsAt1080p30ArriveAsPromisedAndTheMeterAgreesWithTheReceiver() throws Exception {
        try (var nginx = NginxRtmp.start(dir, "good-key");
                var receiver = new TcpProxy(nginx.port())) {
            var stats = new CopyOnWriteArrayList<BroadcastStats>();
            // What the receiving end had got when each stats report was made, in bytes.
            var received = new CopyOnWriteArrayList<Long>();
            var settings = BroadcastSettings.of(Preset.P1080_30.settings())
                    .withDestination(RtmpUrl.parse("rtmp://127.0.0.1:" + receiver.port() + "/live/good-key"));
            BroadcastStats last;
            long receivedAtLast;
            try (var broadcast = Broadcast.start(settings, new BroadcastListener() {
                @Override
                public void stats(BroadcastStats s) {
                    received.add(receiver.upstreamBytes());
                    stats.add(s);
                }
            })) {
                assertThat(broadcast.state()).isEqualTo(BroadcastState.LIVE);
                Thread.sleep(31_000);
                last = broadcast.stats();
                receivedAtLast = receiver.upstreamBytes();
            }
            var loadNote = "load average "
                    + Files.readString(Path.of("/proc/loadavg")).strip() + "\n"
                    + String.join("\n", stats.stream().map(BroadcastStats::line).toList());

            var recordings = nginx.recordings();
            assertThat(recordings).hasSize(1);
            var file = recordings.getFirst();
            assertThat(Ffprobe.stream(file, "v:0"))
                    .containsEntry("codec_name", "h264")
                    .containsEntry("profile", "High")
                    .containsEntry("width", "1920")
                    .containsEntry("height", "1080")
                    .containsEntry("r_frame_rate", "30/1");
            assertThat(Ffprobe.stream(file, "a:0"))
                    .containsEntry("codec_name", "aac")
                    .containsEntry("sample_rate", "48000")
                    .containsEntry("channels", "2");

            var keyframes = Ffprobe.keyframeTimes(file);
            assertThat(keyframes).hasSizeGreaterThanOrEqualTo(15);
            for (int i = 1; i < keyframes.size(); i++) {
                assertThat(keyframes.get(i) - keyframes.get(i - 1))
                        .as("keyframe interval before keyframe %d", i)
                        .isCloseTo(2.0, within(0.0011));
            }

            var packets = Ffprobe.packets(file);
            double end =
                    packets.stream().mapToDouble(Ffprobe.Packet::seconds).max().orElseThrow();
            assertThat(end).as("seconds received").isGreaterThan(29.5);
            var windows = new ArrayList<Double>();
            for (double from = 0; from + 10 <= end; from += 1) {
                windows.add(mbps(packets, from, from + 10));
            }
            assertThat(windows)
                    .as("received Mbps in every 10 s window (%s)", loadNote)
                    .isNotEmpty()
                    .allSatisfy(mbps -> assertThat(mbps).isBetween(6.0, 6.6));

            // The receiver is the TCP proxy nginx sits behind: it counts the bytes that arrived, by the same wall
            // clock as the meter, which counts the bytes our socket accepted.
            for (int i = 11; i < stats.size(); i++) {
                double receivedKbps = (received.get(i) - received.get(i - 10)) * 8 / 10.0 / 1000;
                double meterKbps = stats.get(i).bitrate().lastTenSecondsKbps();
                assertThat(meterKbps)
                        .as("meter vs receiver over 10 s at report %d (%s)", i, loadNote)
                        .isCloseTo(receivedKbps, within(receivedKbps * 0.05));
            }
            assertThat(last.bitrate().totalBytes())
                    .as("the meter's total against the receiver's, at the same instant")
                    .isCloseTo(receivedAtLast, within(receivedAtLast / 20));

            // No picture is missing from the stream: a late encoder repeats pictures, it never leaves gaps.
            long videoPackets =
                    packets.stream().filter(p -> p.type().equals("video")).count();
            assertThat(videoPackets).isCloseTo(Math.round(end * 30), within(3L));
            assertThat(last.droppedNetwork().video()).isZero();
            assertThat(last.belowRecommendedOverride()).isFalse();
            assertThat(last.videoEncoder()).startsWith("x264 (software)");
            assertThat(stats).as("one stats report per second").hasSizeBetween(28, 33);
            assertThat(stats.subList(3, stats.size()))
                    .allSatisfy(s -> assertThat(s.bitrate().state()).isEqualTo(BitrateState.OK));
        }
    }

    static double mbps(List<Ffprobe.Packet> packets, double from, double to) {
        long bytes = 0;
        for (var p : packets) {
            if (p.seconds() >= from && p.seconds() < to) {
                bytes += p.size();
            }
        }
        return bytes * 8 / (to - from) / 1e6;
    }

    static Duration seconds(double s) {
        return Duration.ofMillis((long) (s * 1000));
    }
}
