package io.stagedoor.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stagedoor.encoder.meter.BitrateState;
import io.stagedoor.encoder.rtmp.RtmpUrl;
import io.stagedoor.encoder.source.AudioLevels;
import io.stagedoor.encoder.source.VideoSource;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the studio drives and shows: reconnect now, the below-recommended override, preview frames, audio levels. */
class LiveControlsIT {

    @TempDir
    Path dir;

    @Test
    void reconnectNowReplacesTheConnectionAtOnce() throws Exception {
        try (var nginx = NginxRtmp.start(dir, "key")) {
            var settings =
                    BroadcastSettings.of(Preset.P720_30.settings()).withDestination(RtmpUrl.parse(nginx.url("key")));
            try (var broadcast = Broadcast.start(settings)) {
                Thread.sleep(3_000);
                long asked = System.nanoTime();
                broadcast.reconnectNow();
                long deadline = asked + TimeUnit.SECONDS.toNanos(5);
                while (System.nanoTime() < deadline
                        && (broadcast.stats().connection().outages() == 0
                                || broadcast.state() != BroadcastState.LIVE)) {
                    Thread.sleep(20);
                }
                var tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - asked);
                assertThat(broadcast.state()).isEqualTo(BroadcastState.LIVE);
                assertThat(broadcast.stats().connection().outages()).isEqualTo(1);
                assertThat(tookMillis).as("no backoff wait").isLessThan(1_500);
                Thread.sleep(3_000);
            }
            assertThat(nginx.recordings()).hasSize(2);
            assertThat(Ffprobe.keyframeTimes(nginx.recordings().get(1)).getFirst())
                    .isLessThan(0.1);
        }
    }

    @Test
    void streamingBelowTheRecommendedRateByOverrideIsRecordedAndWarnedAbout() throws Exception {
        try (var nginx = NginxRtmp.start(dir, "key")) {
            var low = Preset.P720_30.settings();
            var video = low.video();
            var settings = BroadcastSettings.of(new EncoderSettings(
                            new VideoSettings(video.width(), video.height(), 30, 3_000, video.keyframeInterval()),
                            low.audio()))
                    .withDestination(RtmpUrl.parse(nginx.url("key")))
                    .withAllowBelowRecommended(true);
            try (var broadcast = Broadcast.start(settings)) {
                Thread.sleep(7_500);
                var stats = broadcast.stats();
                assertThat(stats.belowRecommendedOverride()).isTrue();
                assertThat(stats.configuredKbps()).isEqualTo(3_000);
                assertThat(stats.line()).contains("below 3000 kbps by override");
                assertThat(stats.bitrate().state()).isEqualTo(BitrateState.LOW_WARNING);
                assertThat(stats.bitrate().lastTenSecondsKbps()).isBetween(2_900.0, 3_600.0);
            }
        }
    }

    @Test
    void previewFramesAndAudioLevelsReachTheListeners() throws Exception {
        var red = dir.resolve("red.mp4");
        var ffmpeg = new ProcessBuilder(
                        "ffmpeg",
                        "-v",
                        "error",
                        "-y",
                        "-f",
                        "lavfi",
                        "-i",
                        "color=c=red:s=320x180:r=30:d=2",
                        "-c:v",
                        "libx264",
                        "-pix_fmt",
                        "yuv420p",
                        red.toString())
                .inheritIO()
                .start();
        assertThat(ffmpeg.waitFor(60, TimeUnit.SECONDS)).isTrue();
        var previews = new CopyOnWriteArrayList<int[]>();
        var levels = new CopyOnWriteArrayList<AudioLevels>();
        var settings = BroadcastSettings.of(Preset.P720_30.settings()).withRecording(dir.resolve("out.mkv"));
        var clumsy = new BroadcastListener() {
            @Override
            public void audioLevels(AudioLevels l) {
                throw new IllegalStateException("a listener's bug must not stop the broadcast");
            }

            @Override
            public boolean wantsPreview() {
                return true;
            }

            @Override
            public void preview(PreviewFrame frame) {
                throw new IllegalStateException("a listener's bug must not stop the broadcast");
            }
        };
        try (var broadcast = Broadcast.start(settings, clumsy, new BroadcastListener() {
            @Override
            public boolean wantsPreview() {
                return true;
            }

            @Override
            public void preview(PreviewFrame frame) {
                var pixels = frame.pixels();
                int centre = pixels.get(frame.width() * (frame.height() / 2) + frame.width() / 2);
                previews.add(new int[] {
                    frame.width(),
                    frame.height(),
                    pixels.capacity(),
                    frame.bufferIndex(),
                    centre,
                    pixels.isDirect() ? 1 : 0
                });
            }

            @Override
            public void audioLevels(AudioLevels l) {
                levels.add(l);
            }
        })) {
            Thread.sleep(2_000);
            // The test pattern's tone is a mono sine at an eighth of full scale (−18.06 dBFS), spread over two
            // channels at −3 dB each: −21.07 dBFS peak and, a sine's RMS being 3.01 dB lower, −24.08 dBFS RMS.
            var tone = levels.get(levels.size() - 1);
            assertThat(tone.peakDbfs()).hasSize(2);
            assertThat(tone.peakDbfs()[0]).isCloseTo(-21.07, within(0.3));
            assertThat(tone.peakDbfs()[1]).isCloseTo(-21.07, within(0.3));
            assertThat(tone.rmsDbfs()[1]).isCloseTo(-24.08, within(0.3));
            assertThat(levels.size()).as("about ten a second").isBetween(12, 25);

            broadcast.switchVideoSource(new VideoSource.MediaFile(red));
            Thread.sleep(1_500);
        }
        assertThat(previews.size())
                .as("the source's thirty a second, for 3.5 s")
                .isBetween(75, 115);
        var lastFrame = previews.get(previews.size() - 1);
        assertThat(lastFrame[0]).isEqualTo(640);
        assertThat(lastFrame[1]).isEqualTo(360);
        assertThat(lastFrame[2]).isEqualTo(640 * 360);
        assertThat(lastFrame[5]).as("a direct buffer").isEqualTo(1);
        int argb = lastFrame[4];
        assertThat(argb >>> 24).as("opaque").isEqualTo(0xFF);
        assertThat((argb >> 16) & 0xFF).as("red").isGreaterThan(200);
        assertThat((argb >> 8) & 0xFF).as("green").isLessThan(60);
        assertThat(argb & 0xFF).as("blue").isLessThan(60);
        assertThat(previews.stream().map(p -> p[3]).distinct().toList())
                .as("two buffers alternate")
                .containsExactlyInAnyOrder(0, 1);
        assertThat(List.of(previews.get(0)[3], previews.get(1)[3])).doesNotHaveDuplicates();
    }
}
