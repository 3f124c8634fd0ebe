package io.stagedoor.encoder;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Ready-made settings that keep the stream at or above the recommended 6 Mbps for live ingest, with keyframes
 * every 2 s to match the server's default segment length.
 */
public enum Preset {
    /** The default: Full HD at 30 fps, 6 Mbps. */
    P1080_30("1080p30", new VideoSettings(1920, 1080, 30, 6_000, Duration.ofSeconds(2))),
    /** Full HD at 60 fps for sport and fast motion, 8 Mbps. */
    P1080_60("1080p60", new VideoSettings(1920, 1080, 60, 8_000, Duration.ofSeconds(2))),
    /** HD at 30 fps for machines that cannot encode 1080p in real time; still 6 Mbps. */
    P720_30("720p30", new VideoSettings(1280, 720, 30, 6_000, Duration.ofSeconds(2)));

    /** The recommended minimum video bitrate for live ingest. */
    public static final int RECOMMENDED_MINIMUM_KBPS = 6_000;

    private final String id;
    private final VideoSettings video;

    Preset(String id, VideoSettings video) {
        this.id = id;
        this.video = video;
    }

    /** The name users type, e.g. {@code 1080p30}. */
    public String id() {
        return id;
    }

    public EncoderSettings settings() {
        return new EncoderSettings(video, AudioSettings.AAC_48K_STEREO);
    }

    public static Optional<Preset> byId(String id) {
        return Arrays.stream(values())
                .filter(p -> p.id.equals(id.toLowerCase(Locale.ROOT)))
                .findFirst();
    }
}
