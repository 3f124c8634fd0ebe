package io.stagedoor.encoder.source;

import java.nio.file.Path;
import java.util.Locale;

/** What the broadcast shows. Immutable; the encoder opens and closes the device or file itself. */
public sealed interface VideoSource {

    /** How the source is named in messages and stats. */
    String description();

    /** A moving picture with a 1 kHz tone and the local time of day burned in, to the millisecond. */
    record TestPattern() implements VideoSource {
        @Override
        public String description() {
            return "test pattern";
        }
    }

    /** A camera by its position in {@link Cameras#list()}. */
    record Camera(int index) implements VideoSource {
        public Camera {
            if (index < 0) {
                throw new IllegalArgumentException("camera index must be 0 or more, was " + index);
            }
        }

        @Override
        public String description() {
            return "camera " + index;
        }
    }

    /**
     * The screen: on Linux an X11 display ({@code display} like {@code :0.0}, or empty for {@code $DISPLAY}); on
     * macOS and Windows the main screen.
     */
    record Screen(String display) implements VideoSource {
        @Override
        public String description() {
            return display.isEmpty() ? "screen" : "screen " + display;
        }
    }

    /** A media file, played in a loop with its own sound. */
    record MediaFile(Path path) implements VideoSource {
        @Override
        public String description() {
            return "file " + path.getFileName();
        }
    }

    /**
     * Reads what users type: {@code testpattern}, {@code camera:N}, {@code screen}, {@code screen::1.0} or {@code
     * file:PATH}.
     */
    static VideoSource parse(String text) {
        var lower = text.toLowerCase(Locale.ROOT);
        if (lower.equals("testpattern")) {
            return new TestPattern();
        }
        if (lower.equals("screen")) {
            return new Screen("");
        }
        if (lower.startsWith("screen:")) {
            return new Screen(text.substring("screen:".length()));
        }
        if (lower.startsWith("camera:")) {
            try {
                return new Camera(Integer.parseInt(text.substring("camera:".length())));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "a camera is chosen by number, as in camera:0; was \"" + text + "\"");
            }
        }
        if (lower.startsWith("file:") && text.length() > "file:".length()) {
            return new MediaFile(Path.of(text.substring("file:".length())));
        }
        throw new IllegalArgumentException(
                "unknown source \"" + text + "\"; choose testpattern, camera:N, screen or file:PATH");
    }
}
