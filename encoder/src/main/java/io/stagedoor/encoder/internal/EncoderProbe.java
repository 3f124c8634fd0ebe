package io.stagedoor.encoder.internal;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import io.stagedoor.encoder.AudioSettings;
import io.stagedoor.encoder.EncoderSettings;
import io.stagedoor.encoder.VideoSettings;
import io.stagedoor.encoder.codec.VideoEncoder;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import org.bytedeco.javacv.Frame;

/** Asks FFmpeg whether an encoder exists and whether it really encodes on this machine. */
public final class EncoderProbe {

    private EncoderProbe() {}

    /** Whether this FFmpeg build contains an encoder of that name (not whether the hardware is there). */
    public static boolean offered(String ffmpegName) {
        return avcodec_find_encoder_by_name(ffmpegName) != null;
    }

    /** Encodes a few small frames with the encoder; empty on success, else FFmpeg's complaint. */
    public static Optional<String> failure(VideoEncoder encoder) {
        var settings = new EncoderSettings(
                new VideoSettings(320, 180, 30, 1000, Duration.ofSeconds(1)), AudioSettings.AAC_48K_STEREO);
        var recorder = H264AacRecorders.create(OutputStream.nullOutputStream(), "flv", settings, encoder);
        int width = 320;
        int height = 180;
        var picture = ByteBuffer.allocateDirect(width * height * 3 / 2);
        try {
            recorder.startUnsafe();
            for (int i = 0; i < 5; i++) {
                recorder.recordImage(width, height, Frame.DEPTH_UBYTE, 1, width, AV_PIX_FMT_YUV420P, picture);
            }
            recorder.flush();
            return Optional.empty();
        } catch (Exception e) {
            return Optional.of(String.valueOf(e.getMessage()));
        } finally {
            try {
                recorder.releaseUnsafe();
            } catch (Exception e) {
                // The probe's answer stands; a failure to free it changes nothing.
            }
        }
    }
}
