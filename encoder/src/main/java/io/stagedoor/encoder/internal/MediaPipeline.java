package io.stagedoor.encoder.internal;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import io.stagedoor.encoder.EncoderException;
import io.stagedoor.encoder.EncoderSettings;
import io.stagedoor.encoder.codec.VideoEncoder;
import io.stagedoor.encoder.source.AudioInput;
import io.stagedoor.encoder.source.Cameras;
import io.stagedoor.encoder.source.Platform;
import io.stagedoor.encoder.source.VideoSource;
import java.io.OutputStream;
import java.util.Locale;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The capture and encode stages of a broadcast: the active video source (switchable at any time), the audio input,
 * the slate shown when a source fails, the preview and the meters, and, while an output wants it, the encoder writing
 * FLV into an output stream.
 */
public final class MediaPipeline implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MediaPipeline.class);

    /** Encode-stage hooks plus what the capture stage reports. Called on the pipeline's threads. */
    public interface Hooks extends LiveEncoder.Hooks {
        void sourceProblem(String message);

        void sourceActive(String description);
    }

    private final EncoderSettings settings;
    private final AudioInput audioInput;
    private final Hooks hooks;
    private final AudioFifo audio;
    private final LiveEncoder encoder;
    private final Object lock = new Object();
    private @Nullable Capture active;
    private @Nullable Capture pending;
    private @Nullable Capture audioCapture;
    private volatile String activeDescription = "none";
    private volatile @Nullable String problem;

    public MediaPipeline(EncoderSettings settings, VideoEncoder videoEncoder, AudioInput audioInput, Hooks hooks) {
        this.settings = settings;
        this.audioInput = audioInput;
        this.hooks = hooks;
        this.audio = new AudioFifo(settings.audio().channels(), settings.audio().sampleRate() * 2);
        this.encoder = new LiveEncoder(settings, videoEncoder, slate(settings), audio, hooks);
    }

    /**
     * Starts capturing and the clock that feeds the preview and the meters; nothing is encoded yet.
     *
     * @throws EncoderException when the source cannot be set up
     */
    public void start(VideoSource video) {
        var first = capture(video);
        if (audioInput instanceof AudioInput.Device device) {
            var recipe = InputRecipes.audio(device, Platform.current());
            audioCapture = new Capture(
                    device.description(), new GrabberSource(recipe, settings.audio(), false), new Capture.Listener() {
                        @Override
                        public void firstPicture(Capture capture) {}

                        @Override
                        public void failed(Capture capture, String reason) {
                            problem = reason;
                            hooks.sourceProblem(reason);
                        }
                    });
            audioCapture.audioOut(audio);
        }
        encoder.start();
        synchronized (lock) {
            pending = first;
        }
        first.start();
        if (audioCapture != null) {
            audioCapture.start();
        }
    }

    /**
     * Switches the picture (and, if the audio follows the video source, the sound) to another source once it shows its
     * first picture; until then the current one stays on air. A source that cannot be opened is reported and the
     * current one stays.
     *
     * @throws EncoderException when the source cannot even be described to FFmpeg (no such camera, no display)
     */
    public void switchTo(VideoSource video) {
        var next = capture(video);
        Capture replaced;
        synchronized (lock) {
            replaced = pending;
            pending = next;
        }
        if (replaced != null) {
            replaced.close();
        }
        next.start();
    }

    /**
     * Encodes from the next picture on into {@code flvOut}; the stream's headers reach it before this returns.
     *
     * @throws EncoderException when the encoder cannot be opened
     */
    public void startEncoding(OutputStream flvOut) {
        encoder.startEncoding(flvOut);
    }

    /** Drains the encoder into its output and closes it; capture, preview and meters go on. */
    public void stopEncoding() {
        encoder.stopEncoding();
    }

    public boolean encoding() {
        return encoder.encoding();
    }

    /** Preview pictures fit in {@code width × height} pixels from the next one on. */
    public void previewSize(int width, int height) {
        encoder.previewSize(width, height);
    }

    public String activeSource() {
        return activeDescription;
    }

    public @Nullable String problem() {
        return problem;
    }

    public long framesEncoded() {
        return encoder.framesEncoded();
    }

    public long encoderDrops() {
        return encoder.encoderDrops();
    }

    public long captureRepeats() {
        return encoder.captureRepeats();
    }

    public long encoderLagMillis() {
        return encoder.lagMillis();
    }

    /** Stops capturing, drains the encoder (if open) into its output and closes it. */
    @Override
    public void close() {
        Capture[] captures;
        synchronized (lock) {
            captures = new @Nullable Capture[] {pending, active, audioCapture};
            pending = null;
            active = null;
        }
        encoder.close();
        for (var capture : captures) {
            if (capture != null) {
                capture.close();
            }
        }
    }

    private Capture capture(VideoSource video) {
        boolean sound = audioInput instanceof AudioInput.FromVideoSource;
        var recipe =
                InputRecipes.video(video, settings, Platform.current(), sound, Cameras::list, System.getenv("DISPLAY"));
        return new Capture(video.description(), new GrabberSource(recipe, settings.audio(), true), new CaptureEvents());
    }

    private final class CaptureEvents implements Capture.Listener {
        @Override
        public void firstPicture(Capture capture) {
            Capture previous;
            synchronized (lock) {
                if (pending != capture) {
                    return;
                }
                previous = active;
                active = capture;
                pending = null;
            }
            if (audioInput instanceof AudioInput.FromVideoSource) {
                capture.audioOut(audio);
            }
            encoder.show(capture);
            activeDescription = capture.description();
            problem = null;
            log.info("On air: {}", capture.description());
            hooks.sourceActive(capture.description());
            if (previous != null) {
                previous.audioOut(null);
                Thread.ofPlatform().name("close " + previous.description()).start(previous::close);
            }
        }

        @Override
        public void failed(Capture capture, String reason) {
            boolean wasActive;
            synchronized (lock) {
                wasActive = active == capture;
                if (wasActive) {
                    active = null;
                } else if (pending == capture) {
                    pending = null;
                } else {
                    return;
                }
            }
            if (wasActive) {
                encoder.show(null);
                activeDescription = "slate";
                problem = reason + "; showing the slate";
            } else {
                problem = reason + "; staying on " + activeDescription;
            }
            hooks.sourceProblem(problem);
        }
    }

    /** A dark grey picture with a short message, made once by FFmpeg's lavfi. */
    static FrameSlot.Picture slate(EncoderSettings settings) {
        var video = settings.video();
        var text = LavfiTestPattern.findFont()
                .map(font -> String.format(
                        Locale.ROOT,
                        ",drawtext=fontfile='%s':text='Source unavailable':fontsize=%d:fontcolor=white:x=(w-tw)/2:y=(h-th)/2",
                        LavfiTestPattern.escapeFilterPath(font),
                        video.height() / 14))
                .orElse("");
        var grabber = new FFmpegFrameGrabber(
                String.format(Locale.ROOT, "color=c=0x2a2d34:s=%dx%d:r=1%s", video.width(), video.height(), text));
        grabber.setFormat("lavfi");
        grabber.setPixelFormat(AV_PIX_FMT_YUV420P);
        try {
            grabber.startUnsafe();
            var frame = grabber.grabImage();
            if (frame == null) {
                throw new EncoderException("FFmpeg made no slate picture");
            }
            var picture = new FrameSlot.Picture();
            picture.copyFrom(frame);
            picture.sequence = Long.MAX_VALUE;
            return picture;
        } catch (FFmpegFrameGrabber.Exception e) {
            throw new EncoderException("Cannot make the slate picture: " + e.getMessage(), e);
        } finally {
            try {
                grabber.releaseUnsafe();
            } catch (Exception e) {
                log.debug("Releasing the slate grabber failed: {}", e.toString());
            }
        }
    }
}
