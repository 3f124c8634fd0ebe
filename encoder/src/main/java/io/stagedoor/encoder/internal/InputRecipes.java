package io.stagedoor.encoder.internal;

import io.stagedoor.encoder.EncoderException;
import io.stagedoor.encoder.EncoderSettings;
import io.stagedoor.encoder.source.AudioInput;
import io.stagedoor.encoder.source.CameraInfo;
import io.stagedoor.encoder.source.Platform;
import io.stagedoor.encoder.source.VideoSource;
import java.nio.file.Files;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** Turns what the user chose into how FFmpeg opens it, per platform. Pure, except for finding files and fonts. */
final class InputRecipes {

    private InputRecipes() {}

    static InputRecipe video(
            VideoSource source,
            EncoderSettings settings,
            Platform platform,
            boolean withAudio,
            Supplier<List<CameraInfo>> cameras,
            @Nullable String environmentDisplay) {
        var video = settings.video();
        return switch (source) {
            case VideoSource.TestPattern t ->
                new InputRecipe(
                        "lavfi",
                        LavfiTestPattern.filterGraph(
                                settings, LavfiTestPattern.findFont().orElse(null), LocalTime.now()),
                        Map.of(),
                        true,
                        false,
                        withAudio);
            case VideoSource.Camera c -> {
                var all = cameras.get();
                if (c.index() >= all.size()) {
                    throw new EncoderException(
                            all.isEmpty()
                                    ? "There is no camera on this machine (camera " + c.index() + " was asked for)."
                                    : "There is no camera " + c.index() + "; the cameras are 0 to " + (all.size() - 1)
                                            + ". List them with --list-cameras.");
                }
                var options = new LinkedHashMap<String, String>();
                options.put("framerate", Integer.toString(video.frameRate()));
                if (platform == Platform.MACOS) {
                    options.put("pixel_format", "uyvy422");
                }
                yield new InputRecipe(
                        platform.cameraFormat(), all.get(c.index()).input(), options, false, false, false);
            }
            case VideoSource.Screen s -> screen(s, video.frameRate(), platform, environmentDisplay);
            case VideoSource.MediaFile f -> {
                if (!Files.isReadable(f.path())) {
                    throw new EncoderException("Cannot read the media file " + f.path() + ": check the path.");
                }
                yield new InputRecipe("", f.path().toString(), Map.of(), true, true, withAudio);
            }
        };
    }

    static InputRecipe screen(
            VideoSource.Screen screen, int frameRate, Platform platform, @Nullable String environmentDisplay) {
        var options = new LinkedHashMap<String, String>();
        options.put("framerate", Integer.toString(frameRate));
        return switch (platform) {
            case LINUX -> {
                var display = !screen.display().isEmpty() ? screen.display() : environmentDisplay;
                if (display == null || display.isBlank()) {
                    throw new EncoderException(
                            "Screen capture needs an X11 display: DISPLAY is not set. Run it in a desktop session, or"
                                    + " name one as screen::0.0.");
                }
                options.put("draw_mouse", "1");
                yield new InputRecipe("x11grab", display, options, false, false, false);
            }
            case WINDOWS -> {
                options.put("draw_mouse", "1");
                yield new InputRecipe("gdigrab", "desktop", options, false, false, false);
            }
            case MACOS -> {
                options.put("capture_cursor", "1");
                options.put("pixel_format", "uyvy422");
                yield new InputRecipe("avfoundation", "Capture screen 0:none", options, false, false, false);
            }
        };
    }

    static InputRecipe audio(AudioInput.Device device, Platform platform) {
        var name = device.name();
        return switch (platform) {
            case LINUX -> new InputRecipe("pulse", name == null ? "default" : name, Map.of(), false, false, true);
            case MACOS ->
                new InputRecipe(
                        "avfoundation", "none:" + (name == null ? "default" : name), Map.of(), false, false, true);
            case WINDOWS -> {
                if (name == null) {
                    throw new EncoderException(
                            "On Windows an audio input must be named; list them with --list-audio-inputs.");
                }
                yield new InputRecipe("dshow", "audio=" + name, Map.of(), false, false, true);
            }
        };
    }
}
