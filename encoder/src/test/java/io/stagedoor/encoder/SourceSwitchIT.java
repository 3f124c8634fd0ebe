package io.stagedoor.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagedoor.encoder.source.VideoSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Switching sources while recording, and a source that breaks mid-stream: what the recording shows at each moment is
 * read back with Debian's ffmpeg (the average colour of one frame).
 */
class SourceSwitchIT {

    @TempDir
    Path dir;

    @Test
    void switchesWhileLiveAndShowsTheSlateWhenASourceBreaks() throws Exception {
        var red = redFile();
        // Four seconds of noisy green, emptied while on air: a source that fails mid-stream. The noise makes the
        // file far larger than FFmpeg's read buffer, so the emptied file is really read again.
        var green = dir.resolve("green.flv");
        ffmpeg(
                "-f",
                "lavfi",
                "-i",
                "color=c=green:s=320x180:r=30:d=4,noise=alls=60:allf=t",
                "-c:v",
                "libx264",
                "-qp",
                "30",
                "-pix_fmt",
                "yuv420p",
                "-f",
                "flv",
                green.toString());
        var problems = new CopyOnWriteArrayList<String>();
        var file = dir.resolve("switching.mkv");
        var settings = BroadcastSettings.of(Preset.P720_30.settings()).withRecording(file);
        try (var broadcast = Broadcast.start(settings, new BroadcastListener() {
            @Override
            public void sourceProblem(String message) {
                problems.add(message);
            }
        })) {
            Thread.sleep(2_000); // 0-2 s: test pattern
            broadcast.switchVideoSource(new VideoSource.MediaFile(red));
            Thread.sleep(3_000); // ~2-5 s: red, looping
            assertThat(broadcast.stats().videoSource()).isEqualTo("file red.mp4");

            assertThatThrownBy(() -> broadcast.switchVideoSource(new VideoSource.MediaFile(dir.resolve("gone.mp4"))))
                    .isInstanceOf(EncoderException.class)
                    .hasMessageContaining("Cannot read the media file");
            var notMedia = Files.writeString(dir.resolve("notes.mp4"), "not a video");
            broadcast.switchVideoSource(new VideoSource.MediaFile(notMedia));
            Thread.sleep(1_000); // still red: a source that cannot be opened never goes on air
            assertThat(problems)
                    .anySatisfy(p -> assertThat(p).contains("notes.mp4").contains("staying on file red.mp4"));

            broadcast.switchVideoSource(new VideoSource.MediaFile(green));
            Thread.sleep(1_500); // ~6-7.5 s green
            assertThat(broadcast.stats().videoSource()).isEqualTo("file green.flv");
            Files.write(green, new byte[0]);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
            while (!broadcast.stats().videoSource().equals("slate") && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            Thread.sleep(1_000); // a second of slate
            assertThat(broadcast.stats().videoSource()).isEqualTo("slate");
            assertThat(broadcast.stats().sourceProblem()).contains("showing the slate");
        }
        assertThat(averageColour(file, 1.0)).as("test pattern").isNotEqualTo(Colour.RED);
        assertThat(averageColour(file, 3.5)).isEqualTo(Colour.RED);
        assertThat(averageColour(file, 5.5)).isEqualTo(Colour.RED);
        var last = Ffprobe.durationSeconds(file);
        assertThat(averageColour(file, last - 0.5)).as("slate").isEqualTo(Colour.DARK_GREY);
        assertThat(colours(file, 5.0, last - 0.5)).contains(Colour.GREEN);
    }

    enum Colour {
        RED,
        GREEN,
        DARK_GREY,
        OTHER
    }

    private static List<Colour> colours(Path file, double from, double to) throws Exception {
        var found = new java.util.ArrayList<Colour>();
        for (double t = from; t < to; t += 0.25) {
            found.add(averageColour(file, t));
        }
        return found;
    }

    /** The frame at {@code seconds}, averaged down to one pixel. */
    private static Colour averageColour(Path file, double seconds) throws Exception {
        var process = new ProcessBuilder(
                        "ffmpeg",
                        "-v",
                        "error",
                        "-ss",
                        String.valueOf(seconds),
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
        assertThat(rgb).as("one pixel at %.2f s", seconds).hasSize(3);
        int r = rgb[0] & 0xFF;
        int g = rgb[1] & 0xFF;
        int b = rgb[2] & 0xFF;
        if (r > 200 && g < 60 && b < 60) {
            return Colour.RED;
        }
        if (g > 90 && r < 60 && b < 60) {
            return Colour.GREEN;
        }
        if (Math.abs(r - 0x2a) < 20 && Math.abs(g - 0x2d) < 20 && Math.abs(b - 0x34) < 25) {
            return Colour.DARK_GREY;
        }
        return Colour.OTHER;
    }

    private static void ffmpeg(String... args) throws Exception {
        var command = new java.util.ArrayList<>(List.of("ffmpeg", "-v", "error", "-y"));
        command.addAll(List.of(args));
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    @Test
    void switchesInThePreviewWithoutEncoding() throws Exception {
        var red = redFile();
        var latest = new java.util.concurrent.atomic.AtomicReference<PreviewFrame>();
        try (var broadcast =
                Broadcast.preview(BroadcastSettings.of(Preset.P720_30.settings()), new BroadcastListener() {
                    @Override
                    public boolean wantsPreview() {
                        return true;
                    }

                    @Override
                    public void preview(PreviewFrame frame) {
                        latest.set(frame);
                    }
                })) {
            Thread.sleep(1_000);
            broadcast.switchVideoSource(new VideoSource.MediaFile(red));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!broadcast.stats().videoSource().equals("file red.mp4") && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            Thread.sleep(500);
            assertThat(broadcast.stats().videoSource()).isEqualTo("file red.mp4");
            var frame = latest.get();
            int argb = frame.pixels().get(frame.height() / 2 * frame.width() + frame.width() / 2);
            assertThat((argb >> 16) & 0xFF).as("red in the preview's middle").isGreaterThan(200);
            assertThat((argb >> 8) & 0xFF).isLessThan(60);
            assertThat(broadcast.stats().framesEncoded()).isZero();
        }
    }

    /** Two seconds of red at 640×360 with a tone, in an MP4. */
    private Path redFile() throws Exception {
        var red = dir.resolve("red.mp4");
        ffmpeg(
                "-f",
                "lavfi",
                "-i",
                "color=c=red:s=640x360:r=30:d=2",
                "-f",
                "lavfi",
                "-i",
                "sine=frequency=440:sample_rate=48000:d=2",
                "-c:v",
                "libx264",
                "-pix_fmt",
                "yuv420p",
                "-c:a",
                "aac",
                "-shortest",
                red.toString());
        return red;
    }
}
