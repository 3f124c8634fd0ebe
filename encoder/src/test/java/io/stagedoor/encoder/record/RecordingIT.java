package io.stagedoor.encoder.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stagedoor.encoder.Broadcast;
import io.stagedoor.encoder.BroadcastSettings;
import io.stagedoor.encoder.BroadcastState;
import io.stagedoor.encoder.Ffprobe;
import io.stagedoor.encoder.NginxRtmp;
import io.stagedoor.encoder.Preset;
import io.stagedoor.encoder.cli.CliCommand;
import io.stagedoor.encoder.rtmp.RtmpUrl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Recording with or without streaming, started and stopped in the middle, judged by Debian's ffprobe, including a
 * recorder killed without warning.
 */
class RecordingIT {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"killed.mp4", "killed.mkv"})
    void aKilledCommandLeavesAPlayableFile(String name) throws Exception {
        var file = dir.resolve(name);
        var command = CliCommand.of("--source", "testpattern", "--preset", "720p30", "--record", file.toString());
        var process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("cli.log").toFile())
                .start();
        try {
            // Past two keyframes (2 s apart), so at least two fragments or clusters are complete.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
            while (System.nanoTime() < deadline && process.isAlive() && playableSeconds(file) < 4.5) {
                Thread.sleep(250);
            }
            assertThat(process.isAlive())
                    .as(Files.readString(dir.resolve("cli.log")))
                    .isTrue();
        } finally {
            process.destroyForcibly(); // SIGKILL: no shutdown hook, no trailer
            process.waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(process.exitValue()).isEqualTo(137);

        assertThat(Ffprobe.stream(file, "v:0"))
                .containsEntry("codec_name", "h264")
                .containsEntry("width", "1280");
        assertThat(Ffprobe.stream(file, "a:0")).containsEntry("codec_name", "aac");
        assertThat(Ffprobe.decodableVideoFrames(file)).isGreaterThanOrEqualTo(120);
    }

    /** How far a growing file already decodes, or 0 while ffprobe cannot read it yet. */
    private static double playableSeconds(Path file) {
        try {
            return Files.size(file) > 100_000 ? Ffprobe.decodableVideoFrames(file) / 30.0 : 0;
        } catch (Exception | AssertionError e) {
            return 0;
        }
    }

    @Test
    void audioAndVideoKeepTheirTimingInAFragmentedMp4() throws Exception {
        var file = dir.resolve("clean.mp4");
        var settings = BroadcastSettings.of(Preset.P720_30.settings()).withRecording(file);
        try (var broadcast = Broadcast.start(settings)) {
            assertThat(broadcast.state()).isEqualTo(BroadcastState.RECORDING);
            Thread.sleep(5_000);
        }
        var video = Ffprobe.stream(file, "v:0");
        var audio = Ffprobe.stream(file, "a:0");
        double videoSeconds = Double.parseDouble(video.get("duration"));
        double audioSeconds = Double.parseDouble(audio.get("duration"));
        assertThat(videoSeconds).isBetween(4.5, 6.0);
        assertThat(audioSeconds).as("audio as long as video").isCloseTo(videoSeconds, within(0.2));
        assertThat(video).containsEntry("r_frame_rate", "30/1").containsEntry("profile", "High");
        // Every AAC packet lasts 1024 samples; JavaCV's encode path would have written 1024 "seconds".
        assertThat(Ffprobe.packetDurations(file, "a:0"))
                .isNotEmpty()
                .allSatisfy(d -> assertThat(d).isCloseTo(1024 / 48000.0, within(0.0001)));
        assertThat(Ffprobe.packetDurations(file, "v:0"))
                .allSatisfy(d -> assertThat(d).isCloseTo(1 / 30.0, within(0.0011)));
        var keyframes = Ffprobe.keyframeTimes(file);
        assertThat(keyframes).hasSizeGreaterThanOrEqualTo(2);
        assertThat(keyframes.get(1) - keyframes.get(0)).isCloseTo(2.0, within(0.0011));
    }

    @ParameterizedTest
    @ValueSource(strings = {"middle.mp4", "middle.mkv"})
    void aRecordingStartedAndStoppedWhileLiveIsAFileOfItsOwnAndTheStreamGoesOn(String name) throws Exception {
        var file = dir.resolve(name);
        try (var nginx = NginxRtmp.start(dir, "key")) {
            var settings =
                    BroadcastSettings.of(Preset.P720_30.settings()).withDestination(RtmpUrl.parse(nginx.url("key")));
            try (var broadcast = Broadcast.start(settings)) {
                Thread.sleep(3_000);
                broadcast.startRecording(file);
                assertThat(broadcast.state()).isEqualTo(BroadcastState.LIVE);
                Thread.sleep(5_000);
                var during = broadcast.stats();
                assertThat(during.recording().file()).isEqualTo(file);
                assertThat(during.recording().bytes()).as("the file grows").isGreaterThan(100_000);
                assertThat(during.recording().elapsed()).isGreaterThan(Duration.ofSeconds(4));
                broadcast.stopRecording();
                assertThat(broadcast.state()).isEqualTo(BroadcastState.LIVE);
                assertThat(broadcast.stats().recording()).isNull();
                long encoded = broadcast.stats().framesEncoded();
                Thread.sleep(2_000);
                assertThat(broadcast.stats().framesEncoded())
                        .as("the stream goes on")
                        .isGreaterThan(encoded + 40);
                assertThat(broadcast.stats().connection().connected()).isTrue();
            }
            // 5 s of recording less the wait for the next keyframe (at most one 2 s GOP).
            assertPlaysFromAKeyframe(file, 2.9, 5.5);
            var stream = nginx.recordings();
            assertThat(stream).hasSize(1);
            assertThat(Ffprobe.durationSeconds(stream.getFirst()))
                    .as("the stream went on through the recording, uninterrupted")
                    .isGreaterThan(9.0);
        }
    }

    @Test
    void recordingFromThePreviewEncodesForTheFileAloneAndStopsEncodingAfterwards() throws Exception {
        var file = dir.resolve("preview.mp4");
        try (var broadcast = Broadcast.preview(BroadcastSettings.of(Preset.P720_30.settings()))) {
            Thread.sleep(1_000);
            assertThat(broadcast.stats().framesEncoded()).isZero();
            broadcast.startRecording(file);
            assertThat(broadcast.state()).isEqualTo(BroadcastState.RECORDING);
            Thread.sleep(4_000);
            broadcast.stopRecording();
            assertThat(broadcast.state()).isEqualTo(BroadcastState.PREVIEW);
            long encoded = broadcast.stats().framesEncoded();
            assertThat(encoded).isGreaterThan(90);
            Thread.sleep(1_000);
            assertThat(broadcast.stats().framesEncoded())
                    .as("no encoding in the preview")
                    .isEqualTo(encoded);
        }
        assertPlaysFromAKeyframe(file, 3.5, 5.0);
    }

    private static void assertPlaysFromAKeyframe(Path file, double minSeconds, double maxSeconds) {
        assertThat(Ffprobe.stream(file, "v:0"))
                .containsEntry("codec_name", "h264")
                .containsEntry("profile", "High")
                .containsEntry("width", "1280");
        assertThat(Ffprobe.stream(file, "a:0")).containsEntry("codec_name", "aac");
        assertThat(Ffprobe.durationSeconds(file)).isBetween(minSeconds, maxSeconds);
        var firstVideo = Ffprobe.firstVideoPacket(file);
        assertThat(firstVideo.keyframe()).as("the file starts at a keyframe").isTrue();
        assertThat(firstVideo.seconds()).as("at its beginning").isLessThan(0.1);
        assertThat(Ffprobe.decodableVideoFrames(file)).isGreaterThanOrEqualTo((long) (minSeconds * 30));
    }
}
