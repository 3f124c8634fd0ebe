package io.stagedoor.encoder.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.encoder.Preset;
import io.stagedoor.encoder.source.Platform;
import java.util.ArrayList;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The choice between hardware encoders and x264. There is no GPU here, so the probe encode is a hand-written fake
 * that succeeds for the encoders a test names; the real probe runs in every broadcast (and picks x264 here).
 */
class EncoderSelectionTest {

    private static EncoderSelection.Probe succeedsFor(Set<VideoEncoder> working, ArrayList<VideoEncoder> probed) {
        return encoder -> {
            probed.add(encoder);
            return working.contains(encoder) ? Optional.empty() : Optional.of("no device");
        };
    }

    @Test
    void theFirstHardwareEncoderThatProbesWellWins() {
        var probed = new ArrayList<VideoEncoder>();
        var choice = EncoderSelection.choose(
                EncoderPreference.AUTO, Platform.LINUX, name -> true, succeedsFor(Set.of(VideoEncoder.QSV), probed));
        assertThat(choice.encoder()).isEqualTo(VideoEncoder.QSV);
        assertThat(probed).containsExactly(VideoEncoder.NVENC, VideoEncoder.QSV);
        assertThat(choice.summary()).isEqualTo("Intel Quick Sync; h264_nvenc: probe failed: no device");
    }

    @Test
    void withoutWorkingHardwareItIsX264AndTheReasonsAreKept() {
        var probed = new ArrayList<VideoEncoder>();
        var choice = EncoderSelection.choose(
                EncoderPreference.AUTO,
                Platform.WINDOWS,
                name -> !name.equals("h264_amf"),
                succeedsFor(Set.of(), probed));
        assertThat(choice.encoder()).isEqualTo(VideoEncoder.X264);
        assertThat(probed).containsExactly(VideoEncoder.NVENC, VideoEncoder.QSV);
        assertThat(choice.rejected())
                .containsExactly(
                        "h264_nvenc: probe failed: no device",
                        "h264_qsv: probe failed: no device",
                        "h264_amf: not offered by FFmpeg");
    }

    @Test
    void softwareMeansNoProbeAtAll() {
        var probed = new ArrayList<VideoEncoder>();
        var choice = EncoderSelection.choose(
                EncoderPreference.SOFTWARE,
                Platform.MACOS,
                name -> true,
                succeedsFor(Set.of(VideoEncoder.values()), probed));
        assertThat(choice.encoder()).isEqualTo(VideoEncoder.X264);
        assertThat(probed).isEmpty();
    }

    @Test
    void everyEncoderIsAskedForConstantBitrateAtHighProfile() {
        var video = Preset.P1080_30.settings().video();
        for (var encoder : VideoEncoder.values()) {
            var options = encoder.options(video);
            assertThat(options).as(encoder.name()).containsEntry("profile", "high");
            assertThat(options).containsEntry("maxrate", "6000k").containsEntry("bufsize", "3000k");
        }
        assertThat(VideoEncoder.X264.options(video))
                .containsEntry("preset", "veryfast")
                .containsEntry("x264-params", "nal-hrd=cbr:force-cfr=1:scenecut=0:open-gop=0:keyint=60");
        assertThat(VideoEncoder.NVENC.options(video)).containsEntry("rc", "cbr").containsEntry("forced-idr", "1");
        assertThat(VideoEncoder.VIDEOTOOLBOX.options(video)).containsEntry("constant_bit_rate", "1");
        assertThat(VideoEncoder.hardwareCandidates(Platform.MACOS)).containsExactly(VideoEncoder.VIDEOTOOLBOX);
    }
}
