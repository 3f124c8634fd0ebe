package io.stagedoor.encoder.internal;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import io.stagedoor.encoder.EncoderSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;
import org.jspecify.annotations.Nullable;

/**
 * A synthetic source from FFmpeg's lavfi: a moving test picture and a 1 kHz tone, produced as fast as they are read.
 * Live, it carries the local time of day to the millisecond, so glass-to-glass latency can be read off a screen.
 */
public final class LavfiTestPattern {

    /** Fonts drawtext can use, by platform; FFmpeg's build has FreeType but no fontconfig to find one itself. */
    static final List<String> FONT_CANDIDATES = List.of(
            "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
            "/usr/share/fonts/TTF/DejaVuSans.ttf",
            "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
            "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
            "/System/Library/Fonts/Supplemental/Arial.ttf",
            "/Library/Fonts/Arial.ttf",
            "C:/Windows/Fonts/arial.ttf");

    private LavfiTestPattern() {}

    /** The filter graph, with the picture as {@code out0} and the tone as {@code out1}. */
    static String filterGraph(EncoderSettings settings) {
        return filterGraph(settings, null, null);
    }

    /**
     * The graph with the wall clock burned in: drawtext shows each frame's timestamp plus {@code startOfDay}, so a
     * frame paced to its timestamp shows the local time at which it was captured.
     */
    static String filterGraph(EncoderSettings settings, @Nullable String fontFile, @Nullable LocalTime start) {
        var video = settings.video();
        var audio = settings.audio();
        var clock = "";
        if (fontFile != null && start != null) {
            double offsetSeconds = start.toNanoOfDay() / 1e9;
            clock = String.format(
                    Locale.ROOT,
                    ",drawtext=fontfile='%s':text='%%{pts\\:hms24hh\\:%.3f}':fontsize=%d:fontcolor=white"
                            + ":box=1:boxcolor=black@0.6:boxborderw=%d:x=(w-tw)/2:y=h-th-%d",
                    escapeFilterPath(fontFile),
                    offsetSeconds,
                    video.height() / 12,
                    video.height() / 60,
                    video.height() / 18);
        }
        return String.format(
                Locale.ROOT,
                "testsrc2=size=%dx%d:rate=%d%s[out0];sine=frequency=1000:sample_rate=%d,aformat=channel_layouts=%s[out1]",
                video.width(),
                video.height(),
                video.frameRate(),
                clock,
                audio.sampleRate(),
                audio.channels() == 2 ? "stereo" : "mono");
    }

    /** The first font found on this machine, if any. */
    static Optional<String> findFont() {
        return FONT_CANDIDATES.stream()
                .filter(f -> Files.isReadable(Path.of(f)))
                .findFirst();
    }

    /** Inside a quoted filter option, {@code \} and {@code '} need escaping, and {@code :} separates options. */
    static String escapeFilterPath(String path) {
        return path.replace("\\", "/").replace("'", "'\\''").replace(":", "\\:");
    }

    /**
     * A started grabber that delivers YUV 4:2:0 pictures, the encoder's own format, so no conversion is spent per
     * frame.
     */
    public static FFmpegFrameGrabber start(EncoderSettings settings) throws FrameGrabber.Exception {
        var grabber = new FFmpegFrameGrabber(filterGraph(settings));
        grabber.setFormat("lavfi");
        grabber.setPixelFormat(AV_PIX_FMT_YUV420P);
        grabber.start();
        return grabber;
    }
}
