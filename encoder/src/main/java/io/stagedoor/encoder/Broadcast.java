package io.stagedoor.encoder;

import io.stagedoor.encoder.codec.EncoderChoice;
import io.stagedoor.encoder.codec.EncoderSelection;
import io.stagedoor.encoder.flv.KeyframeGate;
import io.stagedoor.encoder.flv.StreamHeaders;
import io.stagedoor.encoder.internal.EncoderProbe;
import io.stagedoor.encoder.internal.MediaPipeline;
import io.stagedoor.encoder.meter.BitrateMeter;
import io.stagedoor.encoder.publish.DroppedFrames;
import io.stagedoor.encoder.publish.SendQueue;
import io.stagedoor.encoder.publish.StreamPublisher;
import io.stagedoor.encoder.record.FileRecording;
import io.stagedoor.encoder.record.RecordingStatus;
import io.stagedoor.encoder.rtmp.RtmpUrl;
import io.stagedoor.encoder.source.AudioLevels;
import io.stagedoor.encoder.source.Platform;
import io.stagedoor.encoder.source.VideoSource;
import io.stagedoor.media.flv.FlvTag;
import io.stagedoor.media.flv.FlvTagReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A broadcast: capture → (preview, meters) → encode → publish and/or record, each stage on its own thread with its
 * own counters. The composition root of the encoder: it builds the stages in start order and closes them in reverse.
 *
 * <p>It begins as a preview: {@link #preview} captures the source and delivers preview pictures and audio levels to
 * the listeners without encoding anything or connecting anywhere. {@link #goLive} opens the encoder under the running
 * capture and publishes; {@link #startRecording} records to a file, live or not. The encoder runs while at least one
 * of the two wants it, and each output starts at a keyframe with the stream's headers, so a recording started in the
 * middle of a stream is a file of its own. {@link #endLive} and {@link #stopRecording} go back to what remains, down
 * to the preview; {@link #close} ends everything.
 *
 * <pre>{@code
 * try (var broadcast = Broadcast.preview(settings, listener)) {
 *     broadcast.previewSize(480, 270);
 *     broadcast.switchVideoSource(new VideoSource.Camera(0));
 *     broadcast.goLive(RtmpUrl.parse("rtmp://host/live/key"));
 *     broadcast.startRecording(Path.of("show.mp4"));
 *     ...
 *     broadcast.endLive();
 * }
 * }</pre>
 *
 * <p>The control methods ({@code goLive}, {@code endLive}, {@code startRecording}, {@code stopRecording}, {@code
 * close}) block while they connect, open or drain, and run one at a time; call them off any UI thread.
 */
public final class Broadcast implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Broadcast.class);

    private final BroadcastSettings settings;
    private final List<BroadcastListener> listeners = new CopyOnWriteArrayList<>();
    private final Clock clock = Clock.systemUTC();
    private final Instant startedAt = clock.instant();
    private final EncoderChoice encoderChoice;
    private final MediaPipeline pipeline;
    private @Nullable Thread statsThread;
    private final Object stateLock = new Object();
    /** Taken by the control methods, so outputs come and go one at a time. */
    private final Object control = new Object();
    /** Taken for every tag the muxer writes, and to attach or detach an output between two tags. */
    private final Object routing = new Object();

    private BroadcastState state = BroadcastState.STARTING;
    private volatile boolean closing;
    private volatile @Nullable LiveOutput live;
    private volatile @Nullable RecordingOutput recording;
    private final StreamHeaders headers = new StreamHeaders();
    private long lastFrames;
    private long lastFramesNanos = System.nanoTime();
    private double encodeFps;

    private Broadcast(BroadcastSettings settings, List<BroadcastListener> initial, EncoderChoice choice) {
        this.settings = settings;
        this.listeners.addAll(initial);
        this.encoderChoice = choice;
        this.pipeline = new MediaPipeline(settings.encoder(), choice.encoder(), settings.audio(), new PipelineEvents());
    }

    /**
     * Starts capturing {@code settings.video()} and returns in {@link BroadcastState#PREVIEW}: preview pictures and
     * audio levels flow to the listeners; nothing is encoded and no connection is opened. The settings' destination
     * and recording are not used; see {@link #goLive} and {@link #startRecording}.
     *
     * @throws EncoderException when the source cannot be set up; no thread is left behind
     */
    public static Broadcast preview(BroadcastSettings settings, BroadcastListener... listeners) {
        var broadcast = open(settings, listeners);
        broadcast.changeState(BroadcastState.PREVIEW, "previewing");
        return broadcast;
    }

    /**
     * Starts a broadcast to the settings' destination and/or recording, and returns once it is live (or recording): the
     * ingest accepted the stream key, the encoder is open and the source is being captured.
     *
     * @throws EncoderException (an {@code IngestUnreachableException} or {@code StreamKeyRefusedException} for the
     *     connection) when it cannot start; whatever was started is closed again, no thread is left behind
     */
    public static Broadcast start(BroadcastSettings settings, BroadcastListener... listeners) {
        settings.validate();
        var broadcast = open(settings, listeners);
        try {
            // Both outputs before the encoder opens, so both begin at its first keyframe; a failure is cleaned up
            // by closeStages below.
            var destination = settings.destination();
            var streaming = destination == null ? null : broadcast.connectLive(destination);
            var file = settings.recording();
            if (file != null) {
                broadcast.openRecording(file);
            }
            broadcast.ensureEncoding();
            if (streaming != null) {
                streaming.publisher.start();
            }
            broadcast.changeState(destination != null ? BroadcastState.LIVE : BroadcastState.RECORDING, "started");
            return broadcast;
        } catch (RuntimeException e) {
            broadcast.closeStages();
            throw e;
        }
    }

    private static Broadcast open(BroadcastSettings settings, BroadcastListener... listeners) {
        NativeLibraries.configure();
        var choice = EncoderSelection.choose(
                settings.encoderPreference(), Platform.current(), EncoderProbe::offered, EncoderProbe::failure);
        log.info("Video encoder: {}", choice.summary());
        var broadcast = new Broadcast(settings, List.of(listeners), choice);
        try {
            broadcast.pipeline.start(settings.video());
            var stats = Thread.ofPlatform().name("broadcast-stats").daemon().unstarted(broadcast::statsLoop);
            broadcast.statsThread = stats;
            stats.start();
            return broadcast;
        } catch (RuntimeException e) {
            broadcast.closeStages();
            throw e;
        }
    }

    /**
     * Publishes to {@code destination} from the running capture: connects, opens the encoder if a recording has not
     * already, and sends from the next keyframe on. Returns once the ingest accepted the stream key.
     *
     * @throws EncoderException (an {@code IngestUnreachableException} or {@code StreamKeyRefusedException} for the
     *     connection) when it cannot; the preview and any recording go on as before
     */
    public void goLive(RtmpUrl destination) {
        synchronized (control) {
            ensureOpen();
            if (live != null) {
                throw new EncoderException("The broadcast is live already.");
            }
            settings.validateStream();
            var output = connectLive(destination);
            try {
                ensureEncoding();
            } catch (RuntimeException e) {
                synchronized (routing) {
                    live = null;
                }
                output.publisher.close();
                throw e;
            }
            output.publisher.start();
            changeState(BroadcastState.LIVE, "live");
        }
    }

    /**
     * Ends publishing (what is queued is sent for up to 2 s) and goes back to recording or to the preview; the capture
     * goes on. Does nothing when not live.
     */
    public void endLive() {
        synchronized (control) {
            var output = live;
            if (output == null || closing) {
                return;
            }
            if (recording == null) {
                pipeline.stopEncoding();
            }
            synchronized (routing) {
                live = null;
            }
            output.close();
            changeState(recording != null ? BroadcastState.RECORDING : BroadcastState.PREVIEW, "live ended");
        }
    }

    /**
     * Records to {@code file} (.mp4, .mkv or .flv) from the next keyframe on, without interrupting a stream; when not
     * live, opens the encoder for the file alone.
     *
     * @throws EncoderException when the file cannot be created or the encoder opened, or a recording is under way
     * @throws IllegalArgumentException when the extension is not one of the formats
     */
    public void startRecording(Path file) {
        synchronized (control) {
            ensureOpen();
            if (recording != null) {
                throw new EncoderException("A recording is under way already.");
            }
            var output = openRecording(file);
            try {
                ensureEncoding();
            } catch (RuntimeException e) {
                synchronized (routing) {
                    recording = null;
                }
                output.file.close();
                throw e;
            }
            if (live == null) {
                changeState(BroadcastState.RECORDING, "recording");
            }
        }
    }

    /** Finishes the recording's file (blocks while it is written out); a stream goes on. Does nothing if none. */
    public void stopRecording() {
        synchronized (control) {
            var output = recording;
            if (output == null || closing) {
                return;
            }
            if (live == null) {
                pipeline.stopEncoding();
            }
            synchronized (routing) {
                recording = null;
            }
            output.file.close();
            if (live == null) {
                changeState(BroadcastState.PREVIEW, "recording stopped");
            }
        }
    }

    /**
     * The size the listeners show preview pictures at, in pixels: pictures come as large as fits, with the source's
     * aspect ratio. Until told, 640 wide.
     */
    public void previewSize(int width, int height) {
        if (width < 2 || height < 2) {
            throw new IllegalArgumentException("A preview of " + width + "×" + height + " pixels");
        }
        pipeline.previewSize(width, height);
    }

    /**
     * Connects and attaches the stream to the muxer's output, with the headers kept so far; the caller opens the
     * encoder if needed and then starts the publisher.
     */
    private LiveOutput connectLive(RtmpUrl destination) {
        var meter = BitrateMeter.systemClock(Preset.RECOMMENDED_MINIMUM_KBPS);
        var queue = new SendQueue(settings.dropPolicy());
        var publisher = new StreamPublisher(
                destination,
                settings.rtmp(),
                settings.reconnect(),
                settings.stallTimeout(),
                queue,
                meter,
                clock,
                new PublisherEvents());
        publisher.connect();
        var output = new LiveOutput(publisher, queue, meter);
        synchronized (routing) {
            headers.inOrder().forEach(publisher::header);
            live = output;
        }
        return output;
    }

    /** Creates the file and attaches it to the muxer's output, with the headers kept so far. */
    private RecordingOutput openRecording(Path file) {
        var started = new FileRecording(file);
        started.start();
        var output = new RecordingOutput(started, clock.instant());
        synchronized (routing) {
            headers.inOrder().forEach(header -> started.accept(header.withTimestamp(0)));
            recording = output;
        }
        return output;
    }

    /** Opens the encoder unless it runs; its headers, written at once, reach the outputs attached by now. */
    private void ensureEncoding() {
        if (pipeline.encoding()) {
            return;
        }
        synchronized (routing) {
            headers.clear();
        }
        pipeline.startEncoding(new FlvTagReader(this::route));
    }

    /**
     * Where each tag from the muxer goes: headers are kept (for outputs attached later) and passed on; media goes to
     * each output from its first keyframe on, with timestamps counted from there.
     */
    private void route(FlvTag tag) {
        synchronized (routing) {
            var target = live;
            var file = recording;
            if (tag.isScript() || tag.isSequenceHeader()) {
                headers.keep(tag);
                if (target != null) {
                    target.publisher.header(tag);
                }
                if (file != null) {
                    file.file.accept(tag.withTimestamp(0));
                }
                return;
            }
            if (target != null) {
                var passed = target.gate.pass(tag);
                if (passed != null) {
                    target.queue.offer(passed);
                }
            }
            if (file != null) {
                var passed = file.gate.pass(tag);
                if (passed != null) {
                    file.file.accept(passed);
                }
            }
        }
    }

    /** Shows another source from its first picture on; the current one stays until then, or if the new one fails. */
    public void switchVideoSource(VideoSource source) {
        ensureOpen();
        pipeline.switchTo(source);
    }

    /** Drops the connection and connects again at once, or cuts short the wait for the next attempt. */
    public void reconnectNow() {
        var target = live;
        if (target != null) {
            target.publisher.reconnectNow();
        }
    }

    public void addListener(BroadcastListener listener) {
        listeners.add(listener);
    }

    public void removeListener(BroadcastListener listener) {
        listeners.remove(listener);
    }

    public BroadcastState state() {
        synchronized (stateLock) {
            return state;
        }
    }

    public EncoderChoice encoderChoice() {
        return encoderChoice;
    }

    public BroadcastStats stats() {
        var target = live;
        var file = recording;
        var now = clock.instant();
        return new BroadcastStats(
                now,
                state(),
                Duration.between(startedAt, now),
                pipeline.activeSource(),
                pipeline.problem(),
                encoderChoice.summary(),
                encodeFps,
                pipeline.framesEncoded(),
                pipeline.captureRepeats(),
                pipeline.encoderDrops(),
                target == null ? DroppedFrames.NONE : target.queue.dropped(),
                pipeline.encoderLagMillis(),
                target == null ? 0 : target.queue.depthMillis(),
                target == null ? null : target.meter.reading(),
                settings.encoder().video().bitrateKbps(),
                settings.belowRecommended() && settings.allowBelowRecommended() && target != null,
                target == null ? null : target.publisher.status(),
                file == null ? null : file.file.failure(),
                file == null ? null : file.status(now));
    }

    /** Stops capturing, drains the encoder, sends what is queued (briefly), ends the recording and the connection. */
    @Override
    public void close() {
        synchronized (control) {
            if (closing) {
                return;
            }
            closeStages();
        }
        if (state() != BroadcastState.FAILED) {
            changeState(BroadcastState.STOPPED, "stopped");
        }
    }

    private void closeStages() {
        closing = true;
        var stats = statsThread;
        if (stats != null) {
            stats.interrupt();
            join(stats);
        }
        pipeline.close();
        var target = live;
        if (target != null) {
            target.close();
        }
        var file = recording;
        if (file != null) {
            file.file.close();
        }
    }

    private void ensureOpen() {
        if (closing) {
            throw new EncoderException("The broadcast is not running.");
        }
    }

    private void statsLoop() {
        try {
            while (!closing) {
                Thread.sleep(1000);
                var target = live;
                if (target != null) {
                    target.publisher.checkStalled();
                }
                long now = System.nanoTime();
                long frames = pipeline.framesEncoded();
                encodeFps = (frames - lastFrames) * 1e9 / Math.max(1, now - lastFramesNanos);
                lastFrames = frames;
                lastFramesNanos = now;
                var snapshot = stats();
                tell(listener -> listener.stats(snapshot));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void changeState(BroadcastState to, String reason) {
        BroadcastState from;
        synchronized (stateLock) {
            from = state;
            if (from == to || from == BroadcastState.FAILED || from == BroadcastState.STOPPED) {
                return;
            }
            state = to;
        }
        log.info("Broadcast {} → {}: {}", from, to, reason);
        tell(listener -> listener.stateChanged(from, to, reason));
    }

    /** Calls every listener; one that throws is logged and does not stop the stage that called. */
    private void tell(Consumer<BroadcastListener> call) {
        for (var listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                log.error("A broadcast listener failed", e);
            }
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class PublisherEvents implements StreamPublisher.Listener {
        @Override
        public void connectionLost(String reason) {
            if (!closing && live != null) {
                changeState(BroadcastState.RECONNECTING, "connection lost: " + reason);
            }
        }

        @Override
        public void attemptFailed(String reason) {
            log.debug("Reconnection attempt failed: {}", reason);
        }

        @Override
        public void reconnected() {
            if (!closing && live != null) {
                changeState(BroadcastState.LIVE, "reconnected");
            }
        }
    }

    /** The stream to an ingest, while live. */
    private static final class LiveOutput {
        final StreamPublisher publisher;
        final SendQueue queue;
        final BitrateMeter meter;
        final KeyframeGate gate = new KeyframeGate();

        LiveOutput(StreamPublisher publisher, SendQueue queue, BitrateMeter meter) {
            this.publisher = publisher;
            this.queue = queue;
            this.meter = meter;
        }

        /** Sends what is queued for up to 2 s, then closes the connection. */
        void close() {
            long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (queue.size() > 0 && publisher.status().connected() && System.nanoTime() < deadline) {
                sleep(20);
            }
            publisher.close();
        }
    }

    /** A recording under way. */
    private static final class RecordingOutput {
        final FileRecording file;
        final Instant since;
        final KeyframeGate gate = new KeyframeGate();

        RecordingOutput(FileRecording file, Instant since) {
            this.file = file;
            this.since = since;
        }

        RecordingStatus status(Instant now) {
            long bytes;
            try {
                bytes = Files.size(file.file());
            } catch (IOException e) {
                bytes = 0;
            }
            return new RecordingStatus(file.file(), Duration.between(since, now), bytes, file.failure());
        }
    }

    private final class PipelineEvents implements MediaPipeline.Hooks {
        @Override
        public boolean wantsPreview() {
            for (var listener : listeners) {
                if (listener.wantsPreview()) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void preview(PreviewFrame frame) {
            tell(listener -> {
                if (listener.wantsPreview()) {
                    listener.preview(frame);
                }
            });
        }

        @Override
        public void levels(AudioLevels levels) {
            tell(listener -> listener.audioLevels(levels));
        }

        @Override
        public void sourceStalled(String description) {
            sourceProblem(description + " sent no picture for 3 s; showing the slate");
        }

        @Override
        public void failed(String reason) {
            changeState(BroadcastState.FAILED, reason);
        }

        @Override
        public void sourceProblem(String message) {
            log.warn("Source: {}", message);
            tell(listener -> listener.sourceProblem(message));
        }

        @Override
        public void sourceActive(String description) {}
    }
}
