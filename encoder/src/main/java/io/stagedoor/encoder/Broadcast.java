package io.stagedoor.encoder;

import io.stagedoor.encoder.codec.EncoderChoice;
import io.stagedoor.encoder.codec.EncoderSelection;
import io.stagedoor.encoder.flv.FlvTag;
import io.stagedoor.encoder.flv.FlvTagReader;
import io.stagedoor.encoder.internal.EncoderProbe;
import io.stagedoor.encoder.internal.MediaPipeline;
import io.stagedoor.encoder.meter.BitrateMeter;
import io.stagedoor.encoder.publish.DroppedFrames;
import io.stagedoor.encoder.publish.SendQueue;
import io.stagedoor.encoder.publish.StreamPublisher;
import io.stagedoor.encoder.record.FileRecording;
import io.stagedoor.encoder.source.AudioLevels;
import io.stagedoor.encoder.source.Platform;
import io.stagedoor.encoder.source.VideoSource;
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
 * A live broadcast: capture → encode → publish (and/or record), each stage on its own thread with its own counters.
 * The composition root of the encoder: it builds the stages in start order and closes them in reverse.
 *
 * <pre>{@code
 * try (var broadcast = Broadcast.start(settings, listener)) {
 *     broadcast.switchVideoSource(new VideoSource.Camera(0));
 *     ...
 * }
 * }</pre>
 */
public final class Broadcast implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Broadcast.class);

    private final BroadcastSettings settings;
    private final List<BroadcastListener> listeners = new CopyOnWriteArrayList<>();
    private final Clock clock = Clock.systemUTC();
    private final Instant startedAt = clock.instant();
    private final EncoderChoice encoderChoice;
    private final @Nullable BitrateMeter meter;
    private final @Nullable SendQueue queue;
    private @Nullable StreamPublisher publisher;
    private @Nullable FileRecording recording;
    private @Nullable MediaPipeline pipeline;
    private @Nullable Thread statsThread;
    private final Object stateLock = new Object();
    private BroadcastState state = BroadcastState.STARTING;
    private volatile boolean closing;
    private long lastFrames;
    private long lastFramesNanos = System.nanoTime();
    private double encodeFps;

    private Broadcast(BroadcastSettings settings, List<BroadcastListener> initial, EncoderChoice choice) {
        this.settings = settings;
        this.listeners.addAll(initial);
        this.encoderChoice = choice;
        boolean streaming = settings.destination() != null;
        this.meter = streaming ? BitrateMeter.systemClock(Preset.RECOMMENDED_MINIMUM_KBPS) : null;
        this.queue = streaming ? new SendQueue(settings.dropPolicy()) : null;
    }

    /**
     * Starts a broadcast and returns once it is live (or recording): the ingest accepted the stream key, the encoder
     * is open and the source is being captured.
     *
     * @throws EncoderException (an {@code IngestUnreachableException} or {@code StreamKeyRefusedException} for the
     *     connection) when it cannot start; whatever was started is closed again, no thread is left behind
     */
    public static Broadcast start(BroadcastSettings settings, BroadcastListener... listeners) {
        settings.validate();
        NativeLibraries.configure();
        var choice = EncoderSelection.choose(
                settings.encoderPreference(), Platform.current(), EncoderProbe::offered, EncoderProbe::failure);
        log.info("Video encoder: {}", choice.summary());
        var broadcast = new Broadcast(settings, List.of(listeners), choice);
        try {
            broadcast.startStages();
            return broadcast;
        } catch (RuntimeException e) {
            broadcast.closeStages();
            throw e;
        }
    }

    private void startStages() {
        var destination = settings.destination();
        if (destination != null) {
            var started = new StreamPublisher(
                    destination,
                    settings.rtmp(),
                    settings.reconnect(),
                    settings.stallTimeout(),
                    queue(),
                    meter(),
                    clock,
                    new PublisherEvents());
            started.connect();
            publisher = started;
        }
        var file = settings.recording();
        if (file != null) {
            var started = new FileRecording(file);
            started.start();
            recording = started;
        }
        var media = new MediaPipeline(
                settings.encoder(),
                encoderChoice.encoder(),
                new FlvTagReader(this::route),
                settings.audio(),
                new PipelineEvents());
        pipeline = media;
        media.start(settings.video());
        if (publisher != null) {
            publisher.start();
        }
        var stats = Thread.ofPlatform().name("broadcast-stats").daemon().unstarted(this::statsLoop);
        statsThread = stats;
        stats.start();
        changeState(destination != null ? BroadcastState.LIVE : BroadcastState.RECORDING, "started");
    }

    /** Where each tag from the muxer goes: headers are kept for every new connection, media is queued. */
    private void route(FlvTag tag) {
        var target = publisher;
        if (target != null) {
            if (tag.isScript() || tag.isSequenceHeader()) {
                target.header(tag);
            } else {
                queue().offer(tag);
            }
        }
        var file = recording;
        if (file != null) {
            file.accept(tag);
        }
    }

    /** Shows another source from its first picture on; the current one stays until then, or if the new one fails. */
    public void switchVideoSource(VideoSource source) {
        var media = pipeline;
        if (media == null || closing) {
            throw new EncoderException("The broadcast is not running.");
        }
        media.switchTo(source);
    }

    /** Drops the connection and connects again at once, or cuts short the wait for the next attempt. */
    public void reconnectNow() {
        var target = publisher;
        if (target != null) {
            target.reconnectNow();
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
        var media = pipeline;
        var target = publisher;
        var sendQueue = queue;
        var file = recording;
        var now = clock.instant();
        return new BroadcastStats(
                now,
                state(),
                Duration.between(startedAt, now),
                media == null ? settings.video().description() : media.activeSource(),
                media == null ? null : media.problem(),
                encoderChoice.summary(),
                encodeFps,
                media == null ? 0 : media.framesEncoded(),
                media == null ? 0 : media.captureRepeats(),
                media == null ? 0 : media.encoderDrops(),
                sendQueue == null ? DroppedFrames.NONE : sendQueue.dropped(),
                media == null ? 0 : media.encoderLagMillis(),
                sendQueue == null ? 0 : sendQueue.depthMillis(),
                meter == null ? null : meter.reading(),
                settings.encoder().video().bitrateKbps(),
                settings.belowRecommended() && settings.allowBelowRecommended() && settings.destination() != null,
                target == null ? null : target.status(),
                file == null ? null : file.failure());
    }

    /** Stops capturing, drains the encoder, sends what is queued (briefly), ends the recording and the connection. */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closeStages();
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
        var media = pipeline;
        if (media != null) {
            media.close();
        }
        var target = publisher;
        var sendQueue = queue;
        if (target != null && sendQueue != null) {
            long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (sendQueue.size() > 0 && target.status().connected() && System.nanoTime() < deadline) {
                sleep(20);
            }
            target.close();
        }
        var file = recording;
        if (file != null) {
            file.close();
        }
    }

    private void statsLoop() {
        try {
            while (!closing) {
                Thread.sleep(1000);
                var target = publisher;
                if (target != null) {
                    target.checkStalled();
                }
                var media = pipeline;
                if (media != null) {
                    long now = System.nanoTime();
                    long frames = media.framesEncoded();
                    encodeFps = (frames - lastFrames) * 1e9 / Math.max(1, now - lastFramesNanos);
                    lastFrames = frames;
                    lastFramesNanos = now;
                }
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

    private SendQueue queue() {
        var q = queue;
        if (q == null) {
            throw new IllegalStateException("not streaming");
        }
        return q;
    }

    private BitrateMeter meter() {
        var m = meter;
        if (m == null) {
            throw new IllegalStateException("not streaming");
        }
        return m;
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
            if (!closing) {
                changeState(BroadcastState.RECONNECTING, "connection lost: " + reason);
            }
        }

        @Override
        public void attemptFailed(String reason) {
            log.debug("Reconnection attempt failed: {}", reason);
        }

        @Override
        public void reconnected() {
            changeState(BroadcastState.LIVE, "reconnected");
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
