package io.stagedoor.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.encoder.source.VideoSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Screen capture on Linux, from a real X server (Xvfb) started by the test. Its screen is black, unlike the slate, so
 * the recording shows whether the screen itself was captured. (gdigrab on Windows and avfoundation on macOS are not
 * exercised here.)
 */
class ScreenCaptureIT {

    @TempDir
    Path dir;

    @Test
    void theScreenIsRecorded() throws Exception {
        try (var display = Xvfb.start(dir)) {
            var file = dir.resolve("screen.mp4");
            var settings = BroadcastSettings.of(Preset.P720_30.settings())
                    .withVideo(new VideoSource.Screen(display.name()))
                    .withRecording(file);
            BroadcastStats stats;
            try (var broadcast = Broadcast.start(settings)) {
                Thread.sleep(4_000);
                stats = broadcast.stats();
            }
            assertThat(stats.videoSource()).isEqualTo("screen " + display.name());
            assertThat(stats.sourceProblem()).isNull();
            assertThat(Ffprobe.stream(file, "v:0"))
                    .containsEntry("width", "1280")
                    .containsEntry("height", "720");
            assertThat(Ffprobe.decodableVideoFrames(file)).isGreaterThan(60);
            var process = new ProcessBuilder(
                            "ffmpeg",
                            "-v",
                            "error",
                            "-ss",
                            "3",
                            "-i",
                            file.toString(),
                            "-frames:v",
                            "1",
                            "-vf",
                            "scale=1:1:flags=area",
                            "-f",
                            "rawvideo",
                            "-pix_fmt",
                            "rgb24",
                            "-")
                    .start();
            byte[] rgb = process.getInputStream().readAllBytes();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(rgb).hasSize(3);
            assertThat(rgb[0] & 0xFF)
                    .as("red of Xvfb's black screen, not the slate's 0x2a")
                    .isLessThan(12);
            assertThat(rgb[2] & 0xFF).isLessThan(12);
        }
    }

    /** Xvfb on a free display number. */
    record Xvfb(Process process, String name) implements AutoCloseable {

        static Xvfb start(Path dir) throws Exception {
            if (!Files.isExecutable(Path.of("/usr/bin/Xvfb"))) {
                throw new AssertionError(
                        "Screen capture is tested on Xvfb: install Debian's xvfb (./stagedoor test does).");
            }
            for (int number = 90; number < 140; number++) {
                if (Files.exists(Path.of("/tmp/.X11-unix/X" + number))
                        || Files.exists(Path.of("/tmp/.X" + number + "-lock"))) {
                    continue;
                }
                var process = new ProcessBuilder(
                                "Xvfb", ":" + number, "-screen", "0", "1280x720x24", "-nolisten", "tcp")
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("xvfb-" + number + ".log").toFile())
                        .start();
                var socket = Path.of("/tmp/.X11-unix/X" + number);
                for (int i = 0; i < 100 && process.isAlive() && !Files.exists(socket); i++) {
                    Thread.sleep(50);
                }
                if (process.isAlive() && Files.exists(socket)) {
                    return new Xvfb(process, ":" + number);
                }
                process.destroyForcibly();
            }
            throw new IOException("No free X display between :90 and :139");
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
