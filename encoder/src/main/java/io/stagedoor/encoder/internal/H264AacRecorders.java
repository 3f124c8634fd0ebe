package io.stagedoor.encoder.internal;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PROFILE_H264_HIGH;
import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt;

import io.stagedoor.encoder.EncoderSettings;
import io.stagedoor.encoder.codec.VideoEncoder;
import java.io.OutputStream;
import org.bytedeco.javacv.FFmpegFrameRecorder;

/** Builds FFmpeg recorders that encode H.264 High in strict CBR plus AAC-LC, from our immutable settings. */
public final class H264AacRecorders {

    private H264AacRecorders() {}

    /**
     * An x264 recorder to a file, not yet started.
     *
     * @param target a file path
     * @param format FFmpeg's muxer name, e.g. {@code flv}; never guessed from the target
     */
    public static FFmpegFrameRecorder create(String target, String format, EncoderSettings settings) {
        var video = settings.video();
        return configure(
                new FFmpegFrameRecorder(
                        target, video.width(), video.height(), settings.audio().channels()),
                format,
                settings,
                VideoEncoder.X264);
    }

    /** A recorder writing its muxer's output to {@code out}, not yet started. */
    public static FFmpegFrameRecorder create(
            OutputStream out, String format, EncoderSettings settings, VideoEncoder encoder) {
        var video = settings.video();
        return configure(
                new FFmpegFrameRecorder(
                        out, video.width(), video.height(), settings.audio().channels()),
                format,
                settings,
                encoder);
    }

    private static FFmpegFrameRecorder configure(
            FFmpegFrameRecorder recorder, String format, EncoderSettings settings, VideoEncoder encoder) {
        var video = settings.video();
        var audio = settings.audio();
        recorder.setFormat(format);
        if (format.equals("flv")) {
            // JavaCV hands audio packets to the muxer with their duration still in 1/sample-rate units, so FLV's
            // header would claim one second too many. Without the field, players take the length from timestamps,
            // which are right; live RTMP output has no use for it anyway.
            recorder.setOption("flvflags", "no_duration_filesize");
        }

        recorder.setVideoCodecName(encoder.ffmpegName());
        recorder.setVideoCodec(AV_CODEC_ID_H264);
        recorder.setPixelFormat(av_get_pix_fmt(encoder.pixelFormat()));
        recorder.setFrameRate(video.frameRate());
        recorder.setGopSize(video.gopFrames());
        recorder.setVideoBitrate(video.bitrateKbps() * 1000);
        // JavaCV defaults the context to Constrained Baseline; both the context and the encoder's option say High.
        recorder.setVideoProfile(AV_PROFILE_H264_HIGH);
        encoder.options(video).forEach(recorder::setVideoOption);

        recorder.setAudioCodecName("aac");
        recorder.setAudioCodec(AV_CODEC_ID_AAC);
        recorder.setAudioOption("profile", "aac_low");
        recorder.setSampleRate(audio.sampleRate());
        recorder.setAudioChannels(audio.channels());
        recorder.setAudioBitrate(audio.bitrateKbps() * 1000);
        return recorder;
    }

    static String x264Params(EncoderSettings settings) {
        return VideoEncoder.x264Params(settings.video());
    }
}
