package io.stagedoor.encoder.internal;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;

import io.stagedoor.encoder.AudioSettings;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link FrameSource} on JavaCV's FFmpeg grabber. Pictures come as YUV 4:2:0 and sound as interleaved signed 16-bit
 * at the broadcast's rate and channels, so nothing is converted again downstream. Opens and closes with the
 * {@code …Unsafe} calls: the safe ones share one JVM-wide lock, and a device that waits would block every other
 * grabber and recorder.
 */
final class GrabberSource implements FrameSource {

    private static final Logger log = LoggerFactory.getLogger(GrabberSource.class);

    private final InputRecipe recipe;
    private final FFmpegFrameGrabber grabber;
    private final boolean video;

    GrabberSource(InputRecipe recipe, AudioSettings audio, boolean video) {
        this.recipe = recipe;
        this.video = video;
        this.grabber = new FFmpegFrameGrabber(recipe.input());
        if (!recipe.format().isEmpty()) {
            grabber.setFormat(recipe.format());
        }
        recipe.options().forEach(grabber::setOption);
        grabber.setPixelFormat(AV_PIX_FMT_YUV420P);
        grabber.setSampleFormat(AV_SAMPLE_FMT_S16);
        grabber.setSampleRate(audio.sampleRate());
        grabber.setAudioChannels(audio.channels());
    }

    @Override
    public void open() throws Exception {
        grabber.startUnsafe();
    }

    @Override
    public @Nullable Frame grab() throws Exception {
        return grabber.grabFrame(recipe.audio(), video, true, false, false);
    }

    @Override
    public boolean rewind() throws Exception {
        grabber.setTimestamp(0L);
        return true;
    }

    @Override
    public boolean paced() {
        return recipe.paced();
    }

    @Override
    public boolean loops() {
        return recipe.loop();
    }

    @Override
    public void close() {
        try {
            grabber.releaseUnsafe();
        } catch (Exception e) {
            log.debug("Releasing {} failed: {}", recipe.input(), e.toString());
        }
    }

    @Override
    public String toString() {
        return (recipe.format().isEmpty() ? "" : recipe.format() + ":") + recipe.input();
    }
}
