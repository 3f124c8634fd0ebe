package io.stagedoor.encoder.internal;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import io.stagedoor.encoder.EncoderException;
import io.stagedoor.encoder.EncoderSettings;
import io.stagedoor.encoder.PreviewFrame;
import io.stagedoor.encoder.codec.VideoEncoder;
import io.stagedoor.encoder.source.AudioLevels;
import java.io.OutputStream;
import java.nio.ShortBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The encode stage: on its own thread, clocked by the wall clock at the output frame rate, it takes the newest picture
 * of the active source (or the slate) and the sound due by then, hands a scaled copy of the picture to the preview and
 * the sound's levels to the meters, and, while an output wants it, encodes both into the muxer's output stream. Without
 * an output nothing is encoded: the clock, the preview and the meters go on, so the encoder can be opened and closed
 * under a running capture without a gap. A source that sends no picture in time repeats the last one (a capture drop).
 * When the encoder falls behind, it catches up by encoding the late ticks back to back (the pictures it missed count as
 * encoder drops), and past a whole GOP of delay it skips whole GOPs, so the stream stays in real time and its
 * keyframes on the grid.
 */
public final class LiveEncoder implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LiveEncoder.class);
    /** Sound is written this far behind the picture, so a source's delivery jitter never reads as a gap. */
    static final Duration AUDIO_DELAY = Duration.ofMillis(100);
    /** A source whose newest picture is older than this is taken for stalled, and the slate is shown. */
    static final Duration SOURCE_STALLED_AFTER = Duration.ofSeconds(3);
    /** While the encoder catches up, the preview gets a picture this often instead of every one. */
    static final Duration CATCHING_UP_PREVIEW_INTERVAL = Duration.ofMillis(100);
    /** The preview's width until a view asks for its own size. */
    static final int DEFAULT_PREVIEW_WIDTH = 640;

    /** Called on the encode thread. */
    public interface Hooks {
        boolean wantsPreview();

        void preview(PreviewFrame frame);

        void levels(AudioLevels levels);

        void sourceStalled(String description);

        void failed(String reason);
    }

    private final EncoderSettings settings;
    private final VideoEncoder encoder;
    private final FrameSlot.Picture slate;
    private final AudioFifo audio;
    private final Hooks hooks;
    private final Thread thread;
    private final PreviewScaler preview;
    /** Held by the encode thread while it encodes one tick, and by whoever opens or closes the encoder. */
    private final Object encoding = new Object();

    private @Nullable FFmpegFrameRecorder recorder;
    /** The tick the open encoder started at (its frame 0), or -1 until its first tick. */
    private long encodeOrigin = -1;

    private volatile @Nullable Capture active;
    private volatile boolean running;
    private volatile long framesEncoded;
    private volatile long encoderDrops;
    private volatile long captureRepeats;
    private volatile long lagMillis;
    private volatile long silenceInserted;
    private volatile long previewSize;
    private long lastSequence = -1;
    private long lastPreviewNanos = System.nanoTime();
    private boolean stallReported;

    LiveEncoder(EncoderSettings settings, VideoEncoder encoder, FrameSlot.Picture slate, AudioFifo audio, Hooks hooks) {
        this.settings = settings;
        this.encoder = encoder;
        this.slate = slate;
        this.audio = audio;
        this.hooks = hooks;
        this.preview = new PreviewScaler();
        previewSize(
                DEFAULT_PREVIEW_WIDTH,
                DEFAULT_PREVIEW_WIDTH
                        * settings.video().height()
                        / settings.video().width());
        this.thread = Thread.ofPlatform().name("encode").unstarted(this::run);
    }

    /** Starts the clock: pictures go to the preview and sound to the meters; nothing is encoded yet. */
    void start() {
        running = true;
        thread.start();
    }

    /**
     * Opens the encoder, which writes the stream's headers into {@code out} before this returns; from the next tick on
     * every picture and the sound are encoded into it, starting with a keyframe at timestamp 0.
     *
     * @throws EncoderException when FFmpeg cannot open the encoder, or one is open already
     */
    void startEncoding(OutputStream out) {
        var opened = H264AacRecorders.create(out, "flv", settings, encoder);
        try {
            opened.startUnsafe();
        } catch (Exception e) {
            throw new EncoderException("Cannot open the encoder: " + e.getMessage(), e);
        }
        synchronized (encoding) {
            if (recorder != null) {
                release(opened);
                throw new EncoderException("The encoder is open already.");
            }
            recorder = opened;
            encodeOrigin = -1;
        }
    }

    /** Whether pictures are being encoded. */
    boolean encoding() {
        synchronized (encoding) {
            return recorder != null;
        }
    }

    /**
     * Stops encoding after the current tick, drains the encoder (its last frames and trailer reach the output before
     * this returns) and closes it; the clock, the preview and the meters go on.
     */
    void stopEncoding() {
        FFmpegFrameRecorder closing;
        synchronized (encoding) {
            closing = recorder;
            recorder = null;
        }
        if (closing == null) {
            return;
        }
        try {
            // Nothing in the output waits on the network (the publisher has its own queue), so the JVM-wide lock
            // that stop() takes for its release is held only briefly.
            closing.stop();
        } catch (Exception e) {
            log.debug("Draining the encoder failed: {}", e.toString());
            release(closing);
        }
    }

    /**
     * The size of the preview pictures: the largest that fits in {@code width × height} with the source's aspect
     * ratio, rounded down to even numbers. Taken at the next picture; called from any thread.
     */
    void previewSize(int width, int height) {
        var video = settings.video();
        int w = Math.max(2, Math.min(width, height * video.width() / video.height()) / 2 * 2);
        int h = Math.max(2, w * video.height() / video.width() / 2 * 2);
        previewSize = ((long) w << 32) | h;
    }

    /** The capture whose pictures are encoded from now on; {@code null} shows the slate. */
    void show(@Nullable Capture capture) {
        active = capture;
        stallReported = false;
        lastSequence = -1;
    }

    long framesEncoded() {
        return framesEncoded;
    }

    long encoderDrops() {
        return encoderDrops;
    }

    long captureRepeats() {
        return captureRepeats;
    }

    /** How late the last frame was finished, after its due time. */
    long lagMillis() {
        return lagMillis;
    }

    long silenceInsertedSamples() {
        return silenceInserted;
    }

    private void run() {
        var video = settings.video();
        int sampleRate = settings.audio().sampleRate();
        int channels = settings.audio().channels();
        long frameNanos = 1_000_000_000L / video.frameRate();
        long origin = System.nanoTime();
        long tick = 0;
        long samplesTaken = 0;
        long delaySamples = AUDIO_DELAY.toMillis() * sampleRate / 1000;
        short[] audioBuffer = new short[channels * sampleRate];
        int levelsEvery = Math.max(1, video.frameRate() / 10);
        int gop = video.gopFrames();
        try {
            while (running) {
                long due = origin + tick * 1_000_000_000L / video.frameRate();
                long now = System.nanoTime();
                if (now < due) {
                    TimeUnit.NANOSECONDS.sleep(due - now);
                    continue;
                }
                long late = (now - due) / frameNanos;
                if (late >= gop) {
                    // x264 places keyframes by frame count, so only whole GOPs may be skipped: the keyframes stay
                    // on the segment grid. A shorter delay is caught up by encoding the late ticks back to back.
                    long skip = late / gop * gop;
                    encoderDrops += skip;
                    tick += skip;
                    due = origin + tick * 1_000_000_000L / video.frameRate();
                }
                var picture = pictureFor(now, late >= 1);

                long target = (tick + 1) * sampleRate / video.frameRate() - delaySamples;
                int need = (int) Math.min(sampleRate, target - samplesTaken);
                if (need > 0) {
                    int excess = audio.available() - need - sampleRate / 2;
                    if (excess > 0) {
                        audio.discard(excess);
                    }
                    int got = audio.read(audioBuffer, need);
                    if (got < need) {
                        Arrays.fill(audioBuffer, got * channels, need * channels, (short) 0);
                        silenceInserted += need - got;
                    }
                    samplesTaken += need;
                }
                synchronized (encoding) {
                    var open = recorder;
                    if (open != null) {
                        if (encodeOrigin < 0) {
                            encodeOrigin = tick;
                        }
                        open.setFrameNumber((int) (tick - encodeOrigin));
                        open.recordImage(
                                picture.width,
                                picture.height,
                                Frame.DEPTH_UBYTE,
                                picture.channels,
                                picture.stride,
                                AV_PIX_FMT_YUV420P,
                                picture.data);
                        framesEncoded++;
                        if (need > 0) {
                            open.recordSamples(sampleRate, channels, ShortBuffer.wrap(audioBuffer, 0, need * channels));
                        }
                    }
                }
                if (need > 0 && tick % levelsEvery == 0) {
                    hooks.levels(AudioLevels.measure(ShortBuffer.wrap(audioBuffer, 0, need * channels), channels));
                }
                long previewDue = lastPreviewNanos + CATCHING_UP_PREVIEW_INTERVAL.toNanos();
                if ((late == 0 || System.nanoTime() - previewDue >= 0) && hooks.wantsPreview()) {
                    long size = previewSize;
                    hooks.preview(preview.scale(picture, (int) (size >>> 32), (int) size));
                    lastPreviewNanos = System.nanoTime();
                }
                tick++;
                lagMillis = TimeUnit.NANOSECONDS.toMillis(Math.max(0, System.nanoTime() - due));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (running) {
                log.error("The encoder failed", e);
                running = false;
                hooks.failed("the encoder failed: " + e.getMessage());
            }
        }
    }

    /** @param catchingUp the encoder is behind, so a repeated picture is its fault, not the source's */
    private FrameSlot.Picture pictureFor(long now, boolean catchingUp) {
        var capture = active;
        if (capture == null) {
            return slate;
        }
        var slot = capture.slot();
        var picture = slot.take();
        if (picture == null) {
            return slate;
        }
        if (now - slot.lastPutNanos() > SOURCE_STALLED_AFTER.toNanos()) {
            if (!stallReported) {
                stallReported = true;
                hooks.sourceStalled(capture.description());
            }
            return slate;
        }
        if (picture.sequence == lastSequence) {
            if (catchingUp) {
                encoderDrops++;
            } else {
                captureRepeats++;
            }
        }
        lastSequence = picture.sequence;
        return picture;
    }

    /** Stops the clock, drains the encoder if it is open (the last frames and the trailer go out) and closes it. */
    @Override
    public void close() {
        running = false;
        if (thread.isAlive()) {
            thread.interrupt();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        stopEncoding();
        preview.close();
    }

    private static void release(FFmpegFrameRecorder recorder) {
        try {
            recorder.releaseUnsafe();
        } catch (Exception again) {
            log.debug("Closing the encoder failed: {}", again.toString());
        }
    }
}
