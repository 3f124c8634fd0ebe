package io.stagedoor.encoder.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagedoor.encoder.Preset;
import io.stagedoor.encoder.source.AudioInput;
import io.stagedoor.encoder.source.CameraInfo;
import io.stagedoor.encoder.source.Platform;
import io.stagedoor.encoder.source.VideoSource;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How each source is opened on each platform. Only the Linux recipes are exercised against real devices here (the
 * test pattern, files, Xvfb's screen); the macOS and Windows ones are checked as FFmpeg documents them.
 */
class InputRecipesTest {

    private static final List<CameraInfo> ONE_CAMERA = List.of(new CameraInfo(0, "Webcam", "/dev/video0"));

    @Test
    void theTestPatternCarriesTheWallClockToTheMillisecond() {
        var graph = LavfiTestPattern.filterGraph(
                Preset.P1080_30.settings(), "/fonts/Sans.ttf", LocalTime.of(17, 30, 5, 250_000_000));
        assertThat(graph)
                .startsWith("testsrc2=size=1920x1080:rate=30,drawtext=fontfile='/fonts/Sans.ttf'")
                .contains(":text='%{pts\\:hms24hh\\:63005.250}'")
                .endsWith("[out0];sine=frequency=1000:sample_rate=48000,aformat=channel_layouts=stereo[out1]");
        assertThat(LavfiTestPattern.escapeFilterPath("C:\\Windows\\Fonts\\arial.ttf"))
                .isEqualTo("C\\:/Windows/Fonts/arial.ttf");
    }

    @Test
    void camerasOpenByTheirDevicePerPlatform() {
        var settings = Preset.P720_30.settings();
        var linux =
                InputRecipes.video(new VideoSource.Camera(0), settings, Platform.LINUX, false, () -> ONE_CAMERA, null);
        assertThat(linux.format()).isEqualTo("video4linux2");
        assertThat(linux.input()).isEqualTo("/dev/video0");
        assertThat(linux.options()).containsEntry("framerate", "30");
        assertThat(linux.paced()).isFalse();
        var mac =
                InputRecipes.video(new VideoSource.Camera(0), settings, Platform.MACOS, false, () -> ONE_CAMERA, null);
        assertThat(mac.format()).isEqualTo("avfoundation");
        assertThat(mac.options()).containsEntry("pixel_format", "uyvy422");
        assertThatThrownBy(() -> InputRecipes.video(
                        new VideoSource.Camera(3), settings, Platform.LINUX, false, () -> ONE_CAMERA, null))
                .hasMessage("There is no camera 3; the cameras are 0 to 0. List them with --list-cameras.");
        assertThatThrownBy(() ->
                        InputRecipes.video(new VideoSource.Camera(0), settings, Platform.LINUX, false, List::of, null))
                .hasMessage("There is no camera on this machine (camera 0 was asked for).");
    }

    @Test
    void theScreenIsX11GdiOrAvfoundation() {
        var screen = new VideoSource.Screen("");
        var linux = InputRecipes.screen(screen, 30, Platform.LINUX, ":99");
        assertThat(linux.format()).isEqualTo("x11grab");
        assertThat(linux.input()).isEqualTo(":99");
        assertThat(InputRecipes.screen(new VideoSource.Screen(":1.0"), 30, Platform.LINUX, ":99")
                        .input())
                .isEqualTo(":1.0");
        assertThatThrownBy(() -> InputRecipes.screen(screen, 30, Platform.LINUX, null))
                .hasMessageContaining("DISPLAY is not set");
        assertThat(InputRecipes.screen(screen, 30, Platform.WINDOWS, null).input())
                .isEqualTo("desktop");
        assertThat(InputRecipes.screen(screen, 30, Platform.MACOS, null).input())
                .isEqualTo("Capture screen 0:none");
    }

    @Test
    void filesLoopAtTheirOwnPaceAndAudioDevicesPerPlatform() {
        assertThatThrownBy(() -> InputRecipes.video(
                        new VideoSource.MediaFile(java.nio.file.Path.of("/nowhere/x.mp4")),
                        Preset.P720_30.settings(),
                        Platform.LINUX,
                        true,
                        List::of,
                        null))
                .hasMessage("Cannot read the media file /nowhere/x.mp4: check the path.");
        assertThat(InputRecipes.audio(new AudioInput.Device(null), Platform.LINUX)
                        .input())
                .isEqualTo("default");
        assertThat(InputRecipes.audio(new AudioInput.Device("Mic"), Platform.WINDOWS)
                        .input())
                .isEqualTo("audio=Mic");
        assertThat(InputRecipes.audio(new AudioInput.Device(null), Platform.MACOS)
                        .input())
                .isEqualTo("none:default");
        assertThatThrownBy(() -> InputRecipes.audio(new AudioInput.Device(null), Platform.WINDOWS))
                .hasMessageContaining("must be named");
    }
}
