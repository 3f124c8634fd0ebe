package io.stagedoor.encoder.source;

import java.util.Locale;

/** The desktop systems the encoder captures on, each with its own FFmpeg capture devices. */
public enum Platform {
    LINUX("video4linux2", "x11grab", "pulse"),
    MACOS("avfoundation", "avfoundation", "avfoundation"),
    WINDOWS("dshow", "gdigrab", "dshow");

    private final String cameraFormat;
    private final String screenFormat;
    private final String audioFormat;

    Platform(String cameraFormat, String screenFormat, String audioFormat) {
        this.cameraFormat = cameraFormat;
        this.screenFormat = screenFormat;
        this.audioFormat = audioFormat;
    }

    public static Platform current() {
        return of(System.getProperty("os.name", ""));
    }

    static Platform of(String osName) {
        var os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            return WINDOWS;
        }
        if (os.startsWith("mac")) {
            return MACOS;
        }
        return LINUX;
    }

    /** FFmpeg's input format for cameras. */
    public String cameraFormat() {
        return cameraFormat;
    }

    /** FFmpeg's input format for screen capture. */
    public String screenFormat() {
        return screenFormat;
    }

    /** FFmpeg's input format for audio inputs. */
    public String audioFormat() {
        return audioFormat;
    }
}
