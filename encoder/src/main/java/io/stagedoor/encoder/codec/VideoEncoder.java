package io.stagedoor.encoder.codec;

import io.stagedoor.encoder.VideoSettings;
import io.stagedoor.encoder.source.Platform;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The H.264 encoders the broadcast can use, each with the FFmpeg options that give constant bitrate, High profile and
 * a keyframe exactly every {@link VideoSettings#gopFrames()} frames. x264 is the reference and the fallback; the
 * others are used only when FFmpeg offers them and a probe encode on this machine succeeds.
 */
public enum VideoEncoder {
    X264("libx264", "x264 (software)"),
    NVENC("h264_nvenc", "NVIDIA NVENC"),
    QSV("h264_qsv", "Intel Quick Sync"),
    VAAPI("h264_vaapi", "VA-API"),
    VIDEOTOOLBOX("h264_videotoolbox", "Apple VideoToolbox"),
    AMF("h264_amf", "AMD AMF");

    /** x264's speed preset: the fastest that still looks good at live bitrates on a laptop. */
    public static final String X264_PRESET = "veryfast";

    private final String ffmpegName;
    private final String displayName;

    VideoEncoder(String ffmpegName, String displayName) {
        this.ffmpegName = ffmpegName;
        this.displayName = displayName;
    }

    /** FFmpeg's encoder name, e.g. {@code h264_nvenc}. */
    public String ffmpegName() {
        return ffmpegName;
    }

    public String displayName() {
        return displayName;
    }

    public boolean hardware() {
        return this != X264;
    }

    /** The picture format the encoder takes from system memory. */
    public String pixelFormat() {
        return this == QSV || this == VAAPI ? "nv12" : "yuv420p";
    }

    /** The hardware encoders worth trying on a platform, best first. */
    public static List<VideoEncoder> hardwareCandidates(Platform platform) {
        return switch (platform) {
            case LINUX -> List.of(NVENC, QSV, VAAPI);
            case WINDOWS -> List.of(NVENC, QSV, AMF);
            case MACOS -> List.of(VIDEOTOOLBOX);
        };
    }

    /**
     * The encoder's private options (FFmpeg's {@code -x264-params}, {@code -rc} and the like); the bitrate, GOP size
     * and profile on the codec context are set for every encoder.
     */
    public Map<String, String> options(VideoSettings video) {
        var options = new LinkedHashMap<String, String>();
        options.put("maxrate", video.maxrateKbps() + "k");
        options.put("bufsize", video.bufsizeKbps() + "k");
        switch (this) {
            case X264 -> {
                options.put("profile", "high");
                options.put("preset", X264_PRESET);
                options.put("x264-params", x264Params(video));
            }
            case NVENC -> {
                options.put("profile", "high");
                options.put("preset", "p4");
                options.put("rc", "cbr");
                options.put("no-scenecut", "1");
                options.put("forced-idr", "1");
                options.put("strict_gop", "1");
            }
            case QSV -> {
                options.put("profile", "high");
                options.put("preset", "veryfast");
                options.put("look_ahead", "0");
                options.put("idr_interval", "0");
            }
            case VAAPI -> {
                options.put("profile", "high");
                options.put("rc_mode", "CBR");
                options.put("idr_interval", "0");
            }
            case VIDEOTOOLBOX -> {
                options.put("profile", "high");
                options.put("realtime", "1");
                options.put("constant_bit_rate", "1");
            }
            case AMF -> {
                options.put("profile", "high");
                options.put("usage", "lowlatency");
                options.put("rc", "cbr");
                options.put("filler_data", "1");
            }
        }
        return options;
    }

    /**
     * HRD signalling makes x264 pad to a true constant bitrate; a fixed GOP without scene-cut keyframes keeps every
     * keyframe on the segment grid.
     */
    public static String x264Params(VideoSettings video) {
        return "nal-hrd=cbr:force-cfr=1:scenecut=0:open-gop=0:keyint=" + video.gopFrames();
    }
}
