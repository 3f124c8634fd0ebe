package io.stagedoor.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real encode through JavaCV's FFmpeg, judged by Debian's ffprobe. */
class TestPatternEncodeIT {

    @TempDir
    Path dir;

    @Test
    void fiveSecondsOfTestPatternBecomeH264HighAndAacInFlv() throws Exception {
        var file = dir.resolve("pattern.flv");

        var result = new FileEncode(EncoderSettings.defaults()).testPattern(Duration.ofSeconds(5), file);

        assertThat(result.videoFrames()).isEqualTo(150);
        assertThat(result.bytes()).isEqualTo(Files.size(file));
        assertThat(Ffprobe.stream(file, "v:0"))
                .containsEntry("codec_name", "h264")
                .containsEntry("profile", "High")
                .containsEntry("width", "1920")
                .containsEntry("height", "1080")
                .containsEntry("pix_fmt", "yuv420p")
                .containsEntry("r_frame_rate", "30/1");
        assertThat(Ffprobe.stream(file, "a:0"))
                .containsEntry("codec_name", "aac")
                .containsEntry("profile", "LC")
                .containsEntry("sample_rate", "48000")
                .containsEntry("channels", "2");
        assertThat(Ffprobe.durationSeconds(file)).isCloseTo(5.0, within(0.1));
        // Keyframes every 2.000 s; the first one sits at the B-frame reorder delay, not at zero.
        var keyframes = Ffprobe.keyframeTimes(file);
        assertThat(keyframes).hasSize(3);
        assertThat(keyframes.get(0)).isLessThan(0.1);
        assertThat(keyframes.get(1) - keyframes.get(0)).isCloseTo(2.0, within(0.001));
        assertThat(keyframes.get(2) - keyframes.get(1)).isCloseTo(2.0, within(0.001));

        double videoMbps = Ffprobe.videoBytes(file) * 8 / 5.0 / 1e6;
        assertThat(videoMbps).as("video bitrate in Mbps").isBetween(5.4, 6.6);
    }

    @Test
    void x264ReceivedEveryOptionWeSet() throws Exception {
        var file = dir.resolve("options.flv");
        new FileEncode(Preset.P720_30.settings()).testPattern(Duration.ofSeconds(1), file);

        // x264 writes the options it actually used into an SEI message; FFmpeg ignores misspelled ones silently.
        var bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        var matcher = Pattern.compile("x264 - core \\d+.*?options: ([^\\x00]+)").matcher(bytes);
        assertThat(matcher.find()).as("x264 SEI present").isTrue();
        assertThat(matcher.group(1))
                .contains("nal_hrd=cbr")
                .contains(" keyint=60 ")
                .contains("scenecut=0")
                .contains("bitrate=6000")
                .contains("vbv_maxrate=6000")
                .contains("vbv_bufsize=3000")
                .contains("open_gop=0");
    }
}
