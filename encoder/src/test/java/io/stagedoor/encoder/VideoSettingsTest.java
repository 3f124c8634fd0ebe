package io.stagedoor.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class VideoSettingsTest {

    @ParameterizedTest
    @CsvSource({"30, 2000, 60", "60, 2000, 120", "25, 2000, 50", "30, 1000, 30", "24, 4000, 96", "50, 500, 25"})
    void gopIsFrameRateTimesKeyframeInterval(int fps, long intervalMillis, int gop) {
        var video = new VideoSettings(1920, 1080, fps, 6_000, Duration.ofMillis(intervalMillis));
        assertThat(video.gopFrames()).isEqualTo(gop);
    }

    @Test
    void constantBitrateMeansMaxrateEqualsBitrateWithHalfASecondOfBuffer() {
        var video = new VideoSettings(1920, 1080, 30, 6_000, Duration.ofSeconds(2));
        assertThat(video.maxrateKbps()).isEqualTo(6_000);
        assertThat(video.bufsizeKbps()).isEqualTo(3_000);

        var faster = new VideoSettings(1920, 1080, 60, 8_000, Duration.ofSeconds(2));
        assertThat(faster.maxrateKbps()).isEqualTo(8_000);
        assertThat(faster.bufsizeKbps()).isEqualTo(4_000);
    }

    @Test
    void aKeyframeIntervalMustBeAWholeNumberOfFrames() {
        assertThatThrownBy(() -> new VideoSettings(1280, 720, 30, 6_000, Duration.ofMillis(1_010)))
                .hasMessageContaining("not a whole number of frames at 30 fps");
    }

    @Test
    void impossibleSettingsAreRefusedWithTheirLimits() {
        assertThatThrownBy(() -> new VideoSettings(1281, 720, 30, 6_000, Duration.ofSeconds(2)))
                .hasMessage("width must be even, from 16 to 7680, was 1281");
        assertThatThrownBy(() -> new VideoSettings(1280, 720, 0, 6_000, Duration.ofSeconds(2)))
                .hasMessage("frameRate must be from 1 to 120, was 0");
        assertThatThrownBy(() -> new VideoSettings(1280, 720, 30, 50, Duration.ofSeconds(2)))
                .hasMessage("bitrateKbps must be from 100 to 100000, was 50");
        assertThatThrownBy(() -> new VideoSettings(1280, 720, 30, 6_000, Duration.ofSeconds(11)))
                .hasMessageContaining("keyframeInterval must be from 0.25 s to 10 s");
        assertThatThrownBy(() -> new AudioSettings(22_050, 2, 160)).hasMessageContaining("44100 or 48000");
        assertThatThrownBy(() -> new AudioSettings(48_000, 6, 160)).hasMessageContaining("1 or 2");
    }

    @ParameterizedTest
    @EnumSource(Preset.class)
    void everyPresetKeepsTheRecommendedFloorAndTwoSecondKeyframes(Preset preset) {
        var settings = preset.settings();
        assertThat(settings.video().bitrateKbps()).isGreaterThanOrEqualTo(Preset.RECOMMENDED_MINIMUM_KBPS);
        assertThat(settings.video().keyframeInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.audio()).isEqualTo(new AudioSettings(48_000, 2, 160));
        assertThat(Preset.byId(preset.id())).contains(preset);
    }

    @Test
    void theDefaultIs1080p30At6Mbps() {
        var video = EncoderSettings.defaults().video();
        assertThat(video.resolution()).isEqualTo("1920x1080");
        assertThat(video.frameRate()).isEqualTo(30);
        assertThat(video.bitrateKbps()).isEqualTo(6_000);
        assertThat(Preset.byId("1080P60")).contains(Preset.P1080_60);
        assertThat(Preset.byId("4k")).isEmpty();
    }
}
