package io.stagedoor.encoder.internal;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PROFILE_H264_HIGH;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import io.stagedoor.encoder.EncoderSettings;
import org.bytedeco.javacv.FFmpegFrameRecorder;

/** Builds FFmpeg recorders that encode x264 High profile in strict CBR plus AAC-LC, from our immutable settings. */
public final class H264AacRecorders {

    /** x264's speed preset: the fastest that still looks good at live bitrates on a laptop. */
    static final String X264_PRESET = "veryfast";

    private H264AacRecorders() {}

    /**
     * A recorder not yet started.
     *
     * @param target a file path or URL
     * @param format FFmpeg's muxer name, e.g. {@code flv}; never guessed from the target
     */
    public static FFmpegFrameRecorder create(String target, String format, EncoderSettings settings) {
        var video = settings.video();
        var audio = settings.audio();
        var recorder = new FFmpegFrameRecorder(target, video.width(), video.height(), audio.channels());
        recorder.setFormat(format);
        if (format.equals("flv")) {
            // JavaCV hands audio packets to the muxer with their duration still in 1/sample-rate units, so FLV's
            // header would claim one second too many. Without the field, players take the length from timestamps,
            // which are right; live RTMP output has no use for it anyway.
            recorder.setOption("flvflags", "no_duration_filesize");
        }

        recorder.setVideoCodecName("libx264");
        recorder.setVideoCodec(AV_CODEC_ID_H264);
        recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
        recorder.setFrameRate(video.frameRate());
        recorder.setGopSize(video.gopFrames());
        recorder.setVideoBitrate(video.bitrateKbps() * 1000);
        // JavaCV defaults the context to Constrained Baseline; both the context and x264's own option say High.
        recorder.setVideoProfile(AV_PROFILE_H264_HIGH);
        recorder.setVideoOption("profile", "high");
        recorder.setVideoOption("preset", X264_PRESET);
        recorder.setVideoOption("maxrate", video.maxrateKbps() + "k");
        recorder.setVideoOption("bufsize", video.bufsizeKbps() + "k");
        recorder.setVideoOption("x264-params", x264Params(settings));

        recorder.setAudioCodecName("aac");
        recorder.setAudioCodec(AV_CODEC_ID_AAC);
        recorder.setAudioOption("profile", "aac_low");
        recorder.setSampleRate(audio.sampleRate());
        recorder.setAudioChannels(audio.channels());
        recorder.setAudioBitrate(audio.bitrateKbps() * 1000);
        return recorder;
    }

    /**
     * HRD signalling makes x264 pad to a true constant bitrate; a fixed GOP without scene-cut keyframes keeps every
     * keyframe on the segment grid.
     */
    static String x264Params(EncoderSettings settings) {
        int gop = settings.video().gopFrames();
        return "nal-hrd=cbr:force-cfr=1:scenecut=0:open-gop=0:keyint=" + gop;
    }
}
