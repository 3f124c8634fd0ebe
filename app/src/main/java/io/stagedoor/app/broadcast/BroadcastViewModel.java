package io.stagedoor.app.broadcast;

import io.stagedoor.api.events.Event;
import io.stagedoor.app.internal.Coalescer;
import io.stagedoor.client.ApiProblemException;
import io.stagedoor.client.ApiUnreachableException;
import io.stagedoor.client.StagedoorClient;
import io.stagedoor.encoder.BroadcastListener;
import io.stagedoor.encoder.BroadcastSettings;
import io.stagedoor.encoder.BroadcastState;
import io.stagedoor.encoder.BroadcastStats;
import io.stagedoor.encoder.EncoderException;
import io.stagedoor.encoder.Preset;
import io.stagedoor.encoder.PreviewFrame;
import io.stagedoor.encoder.meter.BitrateState;
import io.stagedoor.encoder.preflight.UploadTest;
import io.stagedoor.encoder.preflight.UploadTestResult;
import io.stagedoor.encoder.rtmp.IngestUnreachableException;
import io.stagedoor.encoder.rtmp.RtmpUrl;
import io.stagedoor.encoder.rtmp.StreamKeyRefusedException;
import io.stagedoor.encoder.source.AudioLevels;
import io.stagedoor.encoder.source.Cameras;
import io.stagedoor.encoder.source.VideoSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.image.Image;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broadcast studio's state and commands. Inputs (source, preset, output, recording) are plain properties the view
 * binds to; everything measured is read-only. Network and encoder calls run on the background executor; encoder
 * statistics (once a second), audio levels (ten a second) and preview frames (fifteen a second) are coalesced before
 * they reach a property, and every property changes on the UI executor only.
 */
public final class BroadcastViewModel implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BroadcastViewModel.class);
    /** Statistics reach the screen at most this often. */
    static final Duration STATS_INTERVAL = Duration.ofMillis(250);
    /** Audio levels reach the screen at most this often. */
    static final Duration LEVELS_INTERVAL = Duration.ofMillis(100);
    /** The bottom of the level meters. */
    static final double METER_FLOOR_DBFS = -60;

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private final @Nullable StagedoorClient client;
    private final ObservableValue<@Nullable Event> selectedEvent;
    private final Executor background;
    private final Executor ui;
    private final ResourceBundle texts;
    private final BroadcastEngine engine;
    private final Duration uploadTestDuration;
    private final Clock clock;

    private final ObservableList<SourceOption> sources = FXCollections.observableArrayList();
    private final ObjectProperty<@Nullable SourceOption> selectedSource = new SimpleObjectProperty<>();
    private final ObjectProperty<Preset> preset = new SimpleObjectProperty<>(Preset.P1080_30);
    private final ObjectProperty<OutputKind> output = new SimpleObjectProperty<>(OutputKind.EVENT_INGEST);
    private final StringProperty customUrl = new SimpleStringProperty("");
    private final StringProperty customKey = new SimpleStringProperty("");
    private final BooleanProperty recordingEnabled = new SimpleBooleanProperty(false);
    private final ObjectProperty<Path> recordingFile;

    private final ReadOnlyBooleanWrapper eventIngestAvailable = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper presetExplanation = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<BroadcastPhase> phase = new ReadOnlyObjectWrapper<>(BroadcastPhase.IDLE);
    private final ReadOnlyObjectWrapper<Confirmation> confirmation = new ReadOnlyObjectWrapper<>(Confirmation.NONE);
    private final ReadOnlyStringWrapper confirmationMessage = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper statusMessage = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper statusIsError = new ReadOnlyBooleanWrapper();

    private final ReadOnlyBooleanWrapper uploadTestRunning = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper uploadTestProgress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper uploadTestMessage = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<@Nullable UploadTestResult> uploadTestResult = new ReadOnlyObjectWrapper<>();

    private final ReadOnlyObjectWrapper<@Nullable BroadcastStats> stats = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<@Nullable BitrateState> meterState = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyDoubleWrapper bitrateMbps = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper bitrateText = new ReadOnlyStringWrapper("—");
    private final ReadOnlyObjectWrapper<List<Double>> bitrateHistoryKbps = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyStringWrapper fpsText = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper droppedText = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper elapsedText = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper encoderText = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper recordingText = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper reconnectBannerVisible = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper reconnectMessage = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper leftLevel = new ReadOnlyDoubleWrapper();
    private final ReadOnlyDoubleWrapper rightLevel = new ReadOnlyDoubleWrapper();
    private final PreviewImage preview;

    private final javafx.beans.value.ChangeListener<@Nullable Event> eventListener = (obs, old, now) -> eventChanged();
    private @Nullable Session session;
    private int uploadTestGeneration;
    private volatile boolean previewWanted;

    /** The screen as the shell builds it: the real encoder, a 10 s upload test. */
    public BroadcastViewModel(
            @Nullable StagedoorClient client,
            ObservableValue<@Nullable Event> selectedEvent,
            Executor background,
            Executor ui,
            ResourceBundle texts) {
        this(
                client,
                selectedEvent,
                background,
                ui,
                texts,
                BroadcastEngine.encoder(),
                UploadTest.DEFAULT_DURATION,
                Clock.systemDefaultZone());
    }

    public BroadcastViewModel(
            @Nullable StagedoorClient client,
            ObservableValue<@Nullable Event> selectedEvent,
            Executor background,
            Executor ui,
            ResourceBundle texts,
            BroadcastEngine engine,
            Duration uploadTestDuration,
            Clock clock) {
        this.client = client;
        this.selectedEvent = selectedEvent;
        this.background = background;
        this.ui = ui;
        this.texts = texts;
        this.engine = engine;
        this.uploadTestDuration = uploadTestDuration;
        this.clock = clock;
        this.preview = new PreviewImage(ui);
        this.recordingFile = new SimpleObjectProperty<>(defaultRecordingFile());

        sources.add(new SourceOption(new VideoSource.TestPattern(), text("source.testPattern")));
        sources.add(new SourceOption(new VideoSource.Screen(""), text("source.screen")));
        selectedSource.set(sources.getFirst());

        presetExplanation.bind(javafx.beans.binding.Bindings.createStringBinding(() -> explain(preset.get()), preset));
        selectedEvent.addListener(eventListener);
        eventChanged();
        selectedSource.addListener((obs, was, is) -> switchWhileLive(is));
    }

    // ---- inputs ----

    /** Test pattern, screen, the cameras found and files chosen; cameras appear after {@link #findCameras()}. */
    public ObservableList<SourceOption> sources() {
        return FXCollections.unmodifiableObservableList(sources);
    }

    public ObjectProperty<@Nullable SourceOption> selectedSourceProperty() {
        return selectedSource;
    }

    public ObjectProperty<Preset> presetProperty() {
        return preset;
    }

    public ObjectProperty<OutputKind> outputProperty() {
        return output;
    }

    public StringProperty customUrlProperty() {
        return customUrl;
    }

    public StringProperty customKeyProperty() {
        return customKey;
    }

    public BooleanProperty recordingEnabledProperty() {
        return recordingEnabled;
    }

    public ObjectProperty<Path> recordingFileProperty() {
        return recordingFile;
    }

    // ---- read-only state ----

    /** Whether the selected event's ingest can be used: signed in, and an event is selected. */
    public ReadOnlyBooleanProperty eventIngestAvailableProperty() {
        return eventIngestAvailable.getReadOnlyProperty();
    }

    /** Why the preset's numbers are what they are, for people. */
    public ReadOnlyStringProperty presetExplanationProperty() {
        return presetExplanation.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<BroadcastPhase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Confirmation> confirmationProperty() {
        return confirmation.getReadOnlyProperty();
    }

    /** The question to confirm, e.g. "Go live on Launch Night?". */
    public ReadOnlyStringProperty confirmationMessageProperty() {
        return confirmationMessage.getReadOnlyProperty();
    }

    /** One short sentence: what is happening or what went wrong (the detail is in the log). */
    public ReadOnlyStringProperty statusMessageProperty() {
        return statusMessage.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty statusIsErrorProperty() {
        return statusIsError.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty uploadTestRunningProperty() {
        return uploadTestRunning.getReadOnlyProperty();
    }

    /** From 0 to 1 while the upload test runs. */
    public ReadOnlyDoubleProperty uploadTestProgressProperty() {
        return uploadTestProgress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty uploadTestMessageProperty() {
        return uploadTestMessage.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<@Nullable UploadTestResult> uploadTestResultProperty() {
        return uploadTestResult.getReadOnlyProperty();
    }

    /** The encoder's latest statistics while broadcasting (coalesced), {@code null} otherwise. */
    public ReadOnlyObjectProperty<@Nullable BroadcastStats> statsProperty() {
        return stats.getReadOnlyProperty();
    }

    /** The bitrate meter's verdict; {@code null} when not streaming. */
    public ReadOnlyObjectProperty<@Nullable BitrateState> meterStateProperty() {
        return meterState.getReadOnlyProperty();
    }

    /** What left the machine over the last second, in Mbps. */
    public ReadOnlyDoubleProperty bitrateMbpsProperty() {
        return bitrateMbps.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty bitrateTextProperty() {
        return bitrateText.getReadOnlyProperty();
    }

    /** One value a second, oldest first, as the encoder's meter keeps them. */
    public ReadOnlyObjectProperty<List<Double>> bitrateHistoryKbpsProperty() {
        return bitrateHistoryKbps.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty fpsTextProperty() {
        return fpsText.getReadOnlyProperty();
    }

    /** Dropped frames by cause: capture, encoder, network. */
    public ReadOnlyStringProperty droppedTextProperty() {
        return droppedText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty elapsedTextProperty() {
        return elapsedText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty encoderTextProperty() {
        return encoderText.getReadOnlyProperty();
    }

    /** Where the recording goes, or why it stopped; empty when not recording. */
    public ReadOnlyStringProperty recordingTextProperty() {
        return recordingText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty reconnectBannerVisibleProperty() {
        return reconnectBannerVisible.getReadOnlyProperty();
    }

    /** The connection was lost, the next attempt's number and time. */
    public ReadOnlyStringProperty reconnectMessageProperty() {
        return reconnectMessage.getReadOnlyProperty();
    }

    /** The left channel's peak, from 0 (−60 dBFS or less) to 1 (0 dBFS). */
    public ReadOnlyDoubleProperty leftLevelProperty() {
        return leftLevel.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty rightLevelProperty() {
        return rightLevel.getReadOnlyProperty();
    }

    /** The encoder's picture, updated in place as frames come; {@code null} before the first one. */
    public ReadOnlyObjectProperty<@Nullable Image> previewImageProperty() {
        return preview.imageProperty();
    }

    /** Preview frames drawn so far (for tests and the benchmark). */
    public long previewFramesShown() {
        return preview.framesShown();
    }

    /** Preview frames skipped because the FX thread had not drawn the one before. */
    public long previewFramesDropped() {
        return preview.framesDropped();
    }

    // ---- commands ----

    /** Lists the cameras (in the background: it may take a second) and adds them to the sources. */
    public void findCameras() {
        background.execute(() -> {
            try {
                var found = Cameras.list();
                ui.execute(() -> {
                    sources.removeIf(option -> option.source() instanceof VideoSource.Camera);
                    for (var camera : found) {
                        sources.add(
                                2 + camera.index(),
                                new SourceOption(
                                        new VideoSource.Camera(camera.index()), text("source.camera", camera.name())));
                    }
                });
            } catch (RuntimeException e) {
                log.warn("Listing the cameras failed", e);
            }
        });
    }

    /** Adds a media file to the sources and selects it. */
    public void useFile(Path file) {
        var option = new SourceOption(new VideoSource.MediaFile(file), text("source.file", file.getFileName()));
        sources.add(option);
        selectedSource.set(option);
    }

    /** Uploads to the server for a few seconds and says whether the connection has room for the stream. */
    public void runUploadTest() {
        var target = client;
        if (target == null || uploadTestRunning.get()) {
            return;
        }
        var token = target.token();
        if (token == null) {
            return;
        }
        int generation = ++uploadTestGeneration;
        uploadTestRunning.set(true);
        uploadTestProgress.set(0);
        uploadTestResult.set(null);
        uploadTestMessage.set(text("upload.running"));
        long startNanos = System.nanoTime();
        long totalNanos = uploadTestDuration.toNanos();
        var finished = new java.util.concurrent.atomic.AtomicBoolean();
        background.execute(() -> {
            // Progress by the clock: the test itself reports only at its end.
            try {
                while (true) {
                    TimeUnit.MILLISECONDS.sleep(200);
                    double done = Math.min(0.99, (System.nanoTime() - startNanos) / (double) totalNanos);
                    ui.execute(() -> {
                        if (generation == uploadTestGeneration && uploadTestRunning.get()) {
                            uploadTestProgress.set(done);
                        }
                    });
                    if (done >= 0.99 || finished.get()) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        background.execute(() -> {
            try {
                var base = target.baseUri().toString();
                UploadTestResult result;
                try (var http = HttpClient.newHttpClient()) {
                    result = new UploadTest(http)
                            .run(URI.create(base.endsWith("/") ? base : base + "/"), token, uploadTestDuration);
                } finally {
                    finished.set(true);
                }
                ui.execute(() -> {
                    if (generation == uploadTestGeneration) {
                        uploadTestRunning.set(false);
                        uploadTestProgress.set(1);
                        uploadTestResult.set(result);
                        uploadTestMessage.set(text(
                                result.safe() ? "upload.safe" : "upload.tooSlow",
                                String.format(Locale.ROOT, "%.1f", result.mbps()),
                                String.format(Locale.ROOT, "%.0f", result.requiredMbps())));
                    }
                });
            } catch (RuntimeException e) {
                log.warn("The upload test failed", e);
                ui.execute(() -> {
                    if (generation == uploadTestGeneration) {
                        uploadTestRunning.set(false);
                        uploadTestProgress.set(0);
                        uploadTestMessage.set(text("upload.failed"));
                    }
                });
            }
        });
    }

    /** Asks to go live; {@link #confirm()} starts the broadcast. */
    public void requestGoLive() {
        if (phase.get() != BroadcastPhase.IDLE) {
            return;
        }
        var event = selectedEvent.getValue();
        confirmationMessage.set(
                output.get() == OutputKind.EVENT_INGEST && event != null
                        ? text("confirm.goLive.event", event.title())
                        : text("confirm.goLive.custom"));
        confirmation.set(Confirmation.GO_LIVE);
    }

    /** Asks to end the broadcast; {@link #confirm()} ends it. */
    public void requestEnd() {
        if (phase.get() != BroadcastPhase.LIVE && phase.get() != BroadcastPhase.RECONNECTING) {
            return;
        }
        confirmationMessage.set(text("confirm.end"));
        confirmation.set(Confirmation.END);
    }

    /** Does what was asked for. */
    public void confirm() {
        var asked = confirmation.get();
        confirmation.set(Confirmation.NONE);
        switch (asked) {
            case GO_LIVE -> startBroadcast();
            case END -> endBroadcast();
            case NONE -> {}
        }
    }

    public void cancelConfirmation() {
        confirmation.set(Confirmation.NONE);
    }

    /** While on air, a newly selected source goes on air at its first picture (a failing one is reported). */
    private void switchWhileLive(@Nullable SourceOption option) {
        var current = session;
        var running = current == null ? null : current.running;
        if (option == null || running == null) {
            return;
        }
        background.execute(() -> {
            try {
                running.switchVideoSource(option.source());
            } catch (RuntimeException e) {
                ui.execute(() -> fail(text("error.switch"), e));
            }
        });
    }

    /** Reconnects at once, or cuts short the wait for the next attempt. */
    public void reconnectNow() {
        var current = session;
        if (current != null && current.running != null) {
            var running = current.running;
            background.execute(running::reconnectNow);
            reconnectMessage.set(text("reconnect.now"));
        }
    }

    /** The screen is on view: preview frames are worth their CPU. */
    public void shown() {
        previewWanted = true;
    }

    /** The screen is off view: no preview scaling, the broadcast itself goes on. */
    public void hidden() {
        previewWanted = false;
    }

    /** Ends a broadcast still running (without asking) and stops every update. */
    @Override
    public void close() {
        selectedEvent.removeListener(eventListener);
        var current = session;
        session = null;
        preview.stopSession();
        if (current != null) {
            current.stop();
            var running = current.running;
            if (running != null) {
                background.execute(running::close);
            }
        }
        uploadTestGeneration++;
    }

    // ---- the broadcast ----

    private void startBroadcast() {
        if (phase.get() != BroadcastPhase.IDLE) {
            return;
        }
        var source = selectedSource.get();
        var chosenPreset = preset.get();
        var kind = output.get();
        var event = selectedEvent.getValue();
        var target = client;
        var url = customUrl.get() == null ? "" : customUrl.get().strip();
        var key = customKey.get() == null ? "" : customKey.get().strip();
        var file = recordingEnabled.get() ? recordingFile.get() : null;
        if (source == null) {
            fail(text("error.noSource"), null);
            return;
        }
        if (kind == OutputKind.EVENT_INGEST && (event == null || target == null)) {
            fail(text("error.noEvent"), null);
            return;
        }
        var settings = BroadcastSettings.of(chosenPreset.settings())
                .withVideo(source.source())
                .withRecording(file);
        var current = new Session(settings);
        session = current;
        phase.set(BroadcastPhase.STARTING);
        setStatus(text("status.starting"), false);
        preview.startSession();
        background.execute(() -> {
            try {
                RtmpUrl destination;
                if (kind == OutputKind.EVENT_INGEST) {
                    var endpoint = target.streams().endpoint(event.id());
                    destination = RtmpUrl.parse(endpoint.publishUrl());
                } else {
                    destination = RtmpUrl.parse(key.isEmpty() ? url : url.replaceAll("/+$", "") + "/" + key);
                }
                var running = engine.start(settings.withDestination(destination), current);
                ui.execute(() -> {
                    if (session != current) {
                        background.execute(running::close);
                        return;
                    }
                    current.running = running;
                    if (phase.get() == BroadcastPhase.STARTING) {
                        phase.set(BroadcastPhase.LIVE);
                    }
                    setStatus(text("status.live", destination.redacted()), false);
                    recordingText.set(file == null ? "" : text("recording.to", file));
                });
            } catch (RuntimeException e) {
                ui.execute(() -> {
                    if (session == current) {
                        session = null;
                        current.stop();
                        preview.stopSession();
                        phase.set(BroadcastPhase.IDLE);
                        fail(humanMessage(e), e);
                    }
                });
            }
        });
    }

    private void endBroadcast() {
        var current = session;
        if (current == null || current.running == null) {
            return;
        }
        var running = current.running;
        phase.set(BroadcastPhase.ENDING);
        setStatus(text("status.ending"), false);
        background.execute(() -> {
            try {
                running.close();
            } catch (RuntimeException e) {
                log.warn("Ending the broadcast failed", e);
            }
            ui.execute(() -> {
                if (session == current) {
                    session = null;
                    current.stop();
                    preview.stopSession();
                    clearMeters();
                    phase.set(BroadcastPhase.IDLE);
                    setStatus(text("status.ended"), false);
                }
            });
        });
    }

    /** The encoder's calls for one broadcast, coalesced onto the UI executor. */
    private final class Session implements BroadcastListener {
        final BroadcastSettings settings;
        final Coalescer<BroadcastStats> statsUpdates;
        final Coalescer<AudioLevels> levelUpdates;
        volatile BroadcastEngine.@Nullable Running running;

        Session(BroadcastSettings settings) {
            this.settings = settings;
            this.statsUpdates = new Coalescer<>(ui, STATS_INTERVAL, this::showStats);
            this.levelUpdates = new Coalescer<>(ui, LEVELS_INTERVAL, this::showLevels);
        }

        void stop() {
            statsUpdates.stop();
            levelUpdates.stop();
        }

        @Override
        public void stats(BroadcastStats update) {
            statsUpdates.offer(update);
        }

        @Override
        public void audioLevels(AudioLevels levels) {
            levelUpdates.offer(levels);
        }

        @Override
        public boolean wantsPreview() {
            return previewWanted;
        }

        @Override
        public void preview(PreviewFrame frame) {
            preview.offer(frame);
        }

        @Override
        public void sourceProblem(String message) {
            log.warn("Source problem: {}", message);
            ui.execute(() -> {
                if (session == this) {
                    setStatus(text("status.sourceProblem"), true);
                }
            });
        }

        @Override
        public void stateChanged(BroadcastState from, BroadcastState to, String reason) {
            ui.execute(() -> {
                if (session != this) {
                    return;
                }
                switch (to) {
                    case RECONNECTING -> {
                        phase.set(BroadcastPhase.RECONNECTING);
                        reconnectBannerVisible.set(true);
                        reconnectMessage.set(text("reconnect.lost"));
                    }
                    case LIVE, RECORDING -> {
                        if (phase.get() == BroadcastPhase.RECONNECTING) {
                            phase.set(BroadcastPhase.LIVE);
                        }
                        reconnectBannerVisible.set(false);
                    }
                    case FAILED -> {
                        log.error("The broadcast failed: {}", reason);
                        session = null;
                        stop();
                        preview.stopSession();
                        var failed = running;
                        if (failed != null) {
                            background.execute(failed::close);
                        }
                        clearMeters();
                        phase.set(BroadcastPhase.IDLE);
                        setStatus(text("error.failed"), true);
                    }
                    case STARTING, STOPPED -> {}
                }
            });
        }

        private void showStats(BroadcastStats update) {
            if (session != this) {
                return;
            }
            stats.set(update);
            var reading = update.bitrate();
            if (reading != null) {
                meterState.set(reading.state());
                bitrateMbps.set(reading.lastSecondKbps() / 1000);
                bitrateText.set(text(
                        "meter.bitrate",
                        String.format(Locale.ROOT, "%.2f", reading.lastSecondKbps() / 1000),
                        String.format(Locale.ROOT, "%.2f", reading.lastTenSecondsKbps() / 1000),
                        text("meter.state." + reading.state().name())));
                bitrateHistoryKbps.set(reading.historyKbps());
            }
            fpsText.set(text(
                    "stats.fps",
                    String.format(Locale.ROOT, "%.1f", update.encodeFps()),
                    settings.encoder().video().frameRate()));
            var network = update.droppedNetwork();
            droppedText.set(text(
                    "stats.dropped",
                    update.droppedCapture(),
                    update.droppedEncoder(),
                    network.video(),
                    network.audio()));
            elapsedText.set(io.stagedoor.app.internal.Durations.humanized(update.elapsed()));
            encoderText.set(update.videoEncoder());
            if (update.recordingProblem() != null) {
                log.warn("Recording stopped: {}", update.recordingProblem());
                recordingText.set(text("recording.stopped"));
            }
            var connection = update.connection();
            if (connection != null && !connection.connected()) {
                reconnectBannerVisible.set(true);
                var next = connection.nextAttemptAt();
                reconnectMessage.set(
                        next == null
                                ? text("reconnect.lost")
                                : text(
                                        "reconnect.next",
                                        connection.reconnectAttempts() + 1,
                                        CLOCK.format(LocalDateTime.ofInstant(next, zone()))));
            } else if (connection != null) {
                reconnectBannerVisible.set(false);
            }
        }

        private void showLevels(AudioLevels levels) {
            if (session != this) {
                return;
            }
            var peaks = levels.peakDbfs();
            leftLevel.set(meterFraction(peaks[0]));
            rightLevel.set(meterFraction(peaks.length > 1 ? peaks[1] : peaks[0]));
        }
    }

    // ---- helpers ----

    private ZoneId zone() {
        return clock.getZone();
    }

    static double meterFraction(double dbfs) {
        return Math.clamp((dbfs - METER_FLOOR_DBFS) / -METER_FLOOR_DBFS, 0, 1);
    }

    private void clearMeters() {
        stats.set(null);
        meterState.set(null);
        bitrateMbps.set(0);
        bitrateText.set("—");
        bitrateHistoryKbps.set(List.of());
        fpsText.set("—");
        droppedText.set("—");
        elapsedText.set("—");
        encoderText.set("—");
        recordingText.set("");
        reconnectBannerVisible.set(false);
        reconnectMessage.set("");
        leftLevel.set(0);
        rightLevel.set(0);
    }

    private void eventChanged() {
        boolean available = client != null && selectedEvent.getValue() != null;
        eventIngestAvailable.set(available);
        if (!available && phase.get() == BroadcastPhase.IDLE) {
            output.set(OutputKind.CUSTOM);
        }
    }

    private String explain(Preset chosen) {
        var video = chosen.settings().video();
        return text(
                "preset.explanation." + chosen.id(),
                video.resolution(),
                video.frameRate(),
                String.format(Locale.ROOT, "%.0f", video.bitrateKbps() / 1000.0),
                Preset.RECOMMENDED_MINIMUM_KBPS / 1000);
    }

    private Path defaultRecordingFile() {
        var home = Path.of(System.getProperty("user.home"));
        var videos = home.resolve("Videos");
        var folder = java.nio.file.Files.isDirectory(videos) ? videos : home;
        var stamp = DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm", Locale.ROOT)
                .format(LocalDateTime.ofInstant(clock.instant(), clock.getZone()));
        return folder.resolve("stagedoor-" + stamp + ".mp4");
    }

    private String humanMessage(RuntimeException e) {
        if (e instanceof StreamKeyRefusedException) {
            return text("error.keyRefused");
        }
        if (e instanceof IngestUnreachableException) {
            return text("error.ingestUnreachable");
        }
        if (e instanceof ApiUnreachableException) {
            return text("error.serverUnreachable");
        }
        if (e instanceof ApiProblemException problem) {
            return text("error.serverRefused", problem.getMessage());
        }
        if (e instanceof IllegalArgumentException) {
            return text("error.badUrl");
        }
        if (e instanceof EncoderException) {
            return text("error.encoder");
        }
        return text("error.failed");
    }

    private void fail(String message, @Nullable Throwable detail) {
        if (detail != null) {
            log.error("{}", message, detail);
        }
        setStatus(message, true);
    }

    private void setStatus(String message, boolean error) {
        statusMessage.set(message);
        statusIsError.set(error);
    }

    private String text(String key, Object... args) {
        var pattern = texts.getString(key);
        return args.length == 0 ? pattern : new MessageFormat(pattern, texts.getLocale()).format(args);
    }
}
