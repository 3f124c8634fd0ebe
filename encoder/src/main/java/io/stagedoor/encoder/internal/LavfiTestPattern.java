package io.stagedoor.encoder.internal;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import io.stagedoor.encoder.EncoderSettings;
import java.util.Locale;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;

/**
 * A synthetic source from FFmpeg's lavfi: a moving test picture and a 1 kHz tone, produced as fast as they are read.
 */
public final class LavfiTestPattern {

    private LavfiTestPattern() {}

    /** The filter graph, with the picture as {@code out0} and the tone as {@code out1}. */
    static String filterGraph(EncoderSettings settings) {
        var video = settings.video();
        var audio = settings.audio();
        return String.format(
                Locale.ROOT,
                "testsrc2=size=%dx%d:rate=%d[out0];sine=frequency=1000:sample_rate=%d,aformat=channel_layouts=%s[out1]",
                video.width(),
                video.height(),
                video.frameRate(),
                audio.sampleRate(),
                audio.channels() == 2 ? "stereo" : "mono");
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
