package io.stagedoor.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stagedoor.encoder.meter.BitrateState;
import io.stagedoor.encoder.rtmp.RtmpUrl;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test pattern at 1080p30 and 6 Mbps for 30 s, live, to a real nginx-rtmp; Debian's ffprobe judges what nginx
 * recorded. (The project's own ingest will be a second receiver for this test once it exists.)
 */
class BroadcastToNginxIT {

    @TempDir
    Path dir;

    @Test
    void thirtySecondsAt1080p30ArriveAsPromisedAndTheMeterAgreesWithTheReceiver() throws Exception {
        try (var nginx = NginxRtmp.start(dir, "good-key")) {
            var stats = new CopyOnWriteArrayList<BroadcastStats>();
            var settings = BroadcastSettings.of(Preset.P1080_30.settings())
                    .withDestination(RtmpUrl.parse(nginx.url("good-key")));
            BroadcastStats last;
            try (var broadcast = Broadcast.start(settings, new BroadcastListener() {
                @Override
                public void stats(BroadcastStats s) {
                    stats.add(s);
                }
            })) {
                assertThat(broadcast.state()).isEqualTo(BroadcastState.LIVE);
                Thread.sleep(31_000);
                last = broadcast.stats();
            }
            var loadNote = "load average "
                    + java.nio.file.Files.readString(Path.of("/proc/loadavg")).strip();

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

            // The meter counts what went into the socket, RTMP framing included; the receiver counts media payload.
            var reading = last.bitrate();
            assertThat(reading).isNotNull();
            double meterMbps = average(reading.historyKbps()
                            .subList(1, reading.historyKbps().size()))
                    / 1000;
            double receivedMbps = mbps(packets, 0, end);
            assertThat(meterMbps).as("meter vs receiver").isCloseTo(receivedMbps, within(receivedMbps * 0.05));
            double lastTenReceived = mbps(packets, end - 10, end);
            assertThat(reading.lastTenSecondsKbps() / 1000)
                    .as("meter's last 10 s vs the receiver's")
                    .isCloseTo(lastTenReceived, within(lastTenReceived * 0.05));

            assertThat(last.droppedNetwork().video()).isZero();
            assertThat(last.droppedEncoder()).as("encoder drops (%s)", loadNote).isLessThan(30);
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

    private static double average(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    static Duration seconds(double s) {
        return Duration.ofMillis((long) (s * 1000));
    }
}
