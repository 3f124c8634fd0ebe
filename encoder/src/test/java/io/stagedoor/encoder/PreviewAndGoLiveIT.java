package io.stagedoor.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.encoder.rtmp.RtmpUrl;
import io.stagedoor.encoder.source.AudioLevels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The preview without encoding or connecting, then live to a real nginx-rtmp from the same running capture, and back
 * to the preview; Debian's ffprobe judges what nginx recorded.
 */
class PreviewAndGoLiveIT {

    @TempDir
    Path dir;

    @Test
    void previewNeedsNoEncoderNorConnectionAndGoingLiveKeepsTheCaptureRunning() throws Exception {
        try (var nginx = NginxRtmp.start(dir, "key");
                var proxy = new TcpProxy(nginx.port())) {
            var frames = new PreviewLog();
            var levels = new AtomicLong();
            var states = new CopyOnWriteArrayList<BroadcastState>();
            var settings = BroadcastSettings.of(Preset.P720_30.settings());
            try (var broadcast = Broadcast.preview(settings, new BroadcastListener() {
                @Override
                public boolean wantsPreview() {
                    return true;
                }

                @Override
                public void preview(PreviewFrame frame) {
                    frames.add(frame);
                }

                @Override
                public void audioLevels(AudioLevels l) {
                    levels.incrementAndGet();
                }

                @Override
                public void stateChanged(BroadcastState from, BroadcastState to, String reason) {
                    states.add(to);
                }
            })) {
                assertThat(broadcast.state()).isEqualTo(BroadcastState.PREVIEW);
                broadcast.previewSize(480, 300);
                Thread.sleep(4_000);
                var load = loadAverage();
                var preview = broadcast.stats();
                assertThat(preview.framesEncoded())
                        .as("nothing encoded in the preview")
                        .isZero();
                assertThat(preview.connection()).isNull();
                assertThat(proxy.accepted()).as("no connection opened").isZero();
                assertThat(frames.count())
                        .as("pictures at 30 fps for 4 s (%s)", load)
                        .isGreaterThan(90);
                assertThat(frames.last().width()).isEqualTo(480);
                assertThat(frames.last().height())
                        .as("the source's 16:9 in 480 × 300")
                        .isEqualTo(270);
                assertThat(frames.distinctChecksums())
                        .as("the test pattern moves")
                        .isGreaterThan(10);
                assertThat(levels.get()).as("levels ten times a second").isGreaterThan(30);

                long framesBefore = frames.count();
                frames.resetGap();
                broadcast.goLive(RtmpUrl.parse("rtmp://127.0.0.1:" + proxy.port() + "/live/key"));
                assertThat(broadcast.state()).isEqualTo(BroadcastState.LIVE);
                assertThat(proxy.accepted()).isEqualTo(1);
                Thread.sleep(6_000);
                var live = broadcast.stats();
                assertThat(live.framesEncoded())
                        .as("encoding since going live (%s)", loadAverage())
                        .isGreaterThan(150);
                assertThat(live.connection().connected()).isTrue();
                // While the encoder catches up (on a loaded machine) the preview gets ten pictures a second, not 30.
                assertThat(frames.count() - framesBefore)
                        .as("the preview went on (%s)", loadAverage())
                        .isGreaterThan(90);
                assertThat(frames.longestGapMillis())
                        .as("no visible gap in the preview while going live (%s)", loadAverage())
                        .isLessThan(400);

                broadcast.endLive();
                assertThat(broadcast.state()).isEqualTo(BroadcastState.PREVIEW);
                long encodedAtEnd = broadcast.stats().framesEncoded();
                long framesAtEnd = frames.count();
                Thread.sleep(2_000);
                assertThat(frames.count() - framesAtEnd)
                        .as("the preview goes on after the end")
                        .isGreaterThan(40);
                assertThat(broadcast.stats().framesEncoded())
                        .as("no encoding after the end")
                        .isEqualTo(encodedAtEnd);
                assertThat(broadcast.stats().connection()).isNull();
            }
            assertThat(states)
                    .containsExactly(
                            BroadcastState.PREVIEW,
                            BroadcastState.LIVE,
                            BroadcastState.PREVIEW,
                            BroadcastState.STOPPED);

            var recordings = nginx.recordings();
            assertThat(recordings).hasSize(1);
            var file = recordings.getFirst();
            assertThat(Ffprobe.stream(file, "v:0"))
                    .containsEntry("codec_name", "h264")
                    .containsEntry("width", "1280");
            assertThat(Ffprobe.stream(file, "a:0")).containsEntry("codec_name", "aac");
            var firstVideo = Ffprobe.firstVideoPacket(file);
            assertThat(firstVideo.keyframe())
                    .as("the stream starts at a keyframe")
                    .isTrue();
            assertThat(firstVideo.seconds()).as("and at timestamp 0").isLessThan(0.1);
            assertThat(Ffprobe.durationSeconds(file)).isBetween(5.0, 7.5);
        }
    }

    static String loadAverage() {
        try {
            return "load average " + Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "load average unknown";
        }
    }

    /** What preview pictures arrived, when, and a checksum of some of their pixels. Called on the encode thread. */
    static final class PreviewLog {
        private final java.util.Set<Long> checksums = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private final AtomicLong count = new AtomicLong();
        private volatile PreviewFrame last;
        private volatile long lastNanos;
        private volatile long longestGapNanos;

        void add(PreviewFrame frame) {
            long now = System.nanoTime();
            if (lastNanos != 0) {
                longestGapNanos = Math.max(longestGapNanos, now - lastNanos);
            }
            lastNanos = now;
            long sum = 0;
            var pixels = frame.pixels();
            for (int i = 0; i < pixels.capacity(); i += 97) {
                sum = sum * 31 + pixels.get(i);
            }
            checksums.add(sum);
            last = frame;
            count.incrementAndGet();
        }

        long count() {
            return count.get();
        }

        PreviewFrame last() {
            return last;
        }

        int distinctChecksums() {
            return checksums.size();
        }

        void resetGap() {
            longestGapNanos = 0;
        }

        long longestGapMillis() {
            return Duration.ofNanos(longestGapNanos).toMillis();
        }
    }
}
