package io.stagedoor.app.broadcast;

import io.stagedoor.api.events.Event;
import io.stagedoor.api.events.EventStatus;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
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
 * The broadcast studio's state and commands. Inputs (source, preset, output, recording file) are plain properties the
 * view binds to; everything measured is read-only. While the screen is on view (or live, or recording) the selected
 * source is captured for the preview and the meters, without encoding; going live and recording start from that
 * capture, and the recording can be started and stopped at any time. Network and encoder calls run on the background
 * executor; encoder statistics (once a second), audio levels (ten a second) and preview frames (the source's frame
 * rate) are coalesced before they reach a property, and every property changes on the UI executor only. The show on
 * the server (rehearsal, on air, ended) is {@link #show()}'s; its commands are confirmed here like going live, and a
 * broadcast to its event stops when the show ends.
 */
public final class BroadcastViewModel implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BroadcastViewModel.class);
    /** Statistics reach the screen at most this often. */
    static final Duration STATS_INTERVAL = Duration.ofMillis(250);
    /** Audio levels reach the screen at most this often. */
    static final Duration LEVELS_INTERVAL = Duration.ofMillis(100);
    /** The preview's size reaches the encoder at most this often, the newest winning. */
    static final Duration PREVIEW_SIZE_INTERVAL = Duration.ofMillis(200);
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
    private final ObjectProperty<Path> recordingFile;
    private final ReadOnlyBooleanWrapper recording = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper recordingBusy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<@Nullable Path> recordingFolder = new ReadOnlyObjectWrapper<>();

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
    /** The event the screen sends to: the selected one while idle, the one the broadcast went to while it runs. */
    private final ReadOnlyObjectWrapper<@Nullable Event> showEvent;

    private final ShowControl show;

    private final javafx.beans.value.ChangeListener<@Nullable Event> eventListener = (obs, old, now) -> eventChanged();
    private @Nullable Session session;
    private int uploadTestGeneration;
    private volatile boolean previewWanted;
    /** The preview's size on screen in pixels, as the view last said; 0 before it did. */
    private volatile long previewSize;

    private final Coalescer<Long> previewSizeUpdates;

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
        this.recordingFile = new SimpleObjectProperty<>(defaultRecordingFile(null));
        this.previewSizeUpdates = new Coalescer<>(ui, PREVIEW_SIZE_INTERVAL, this::sendPreviewSize);
        this.showEvent = new ReadOnlyObjectWrapper<>(selectedEvent.getValue());
        this.show = new ShowControl(client, showEvent.getReadOnlyProperty(), output, background, ui, texts);

        sources.add(new SourceOption(new VideoSource.TestPattern(), text("source.testPattern")));
        sources.add(new SourceOption(new VideoSource.Screen(""), text("source.screen")));
        selectedSource.set(sources.getFirst());

        presetExplanation.bind(javafx.beans.binding.Bindings.createStringBinding(() -> explain(preset.get()), preset));
        selectedEvent.addListener(eventListener);
        eventChanged();
        selectedSource.addListener((obs, was, is) -> switchSource(is));
        preset.addListener((obs, was, is) -> presetChanged());
        phase.addListener((obs, was, is) -> {
            if (is == BroadcastPhase.IDLE) {
                showEvent.set(selectedEvent.getValue());
            }
        });
        show.statusProperty().addListener((obs, was, is) -> showChanged(is));
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

    /** The file the next recording goes to; after each recording a new name in the same folder. */
    public ObjectProperty<Path> recordingFileProperty() {
        return recordingFile;
    }

    // ---- read-only state ----

    /** The show on the server that a broadcast to the event's ingest belongs to, and its commands. */
    public ShowControl show() {
        return show;
    }

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

    /** Where the recording goes, for how long and how large so far, where the last one went, or why it stopped. */
    public ReadOnlyStringProperty recordingTextProperty() {
        return recordingText.getReadOnlyProperty();
    }

    /** A recording is under way. */
    public ReadOnlyBooleanProperty recordingProperty() {
        return recording.getReadOnlyProperty();
    }

    /** A recording is being started or finished. */
    public ReadOnlyBooleanProperty recordingBusyProperty() {
        return recordingBusy.getReadOnlyProperty();
    }

    /** The folder of the current or last recording, for "Open folder"; {@code null} before the first one. */
    public ReadOnlyObjectProperty<@Nullable Path> recordingFolderProperty() {
        return recordingFolder.getReadOnlyProperty();
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
        var event = showEvent.get();
        if (output.get() == OutputKind.EVENT_INGEST && event != null) {
            var refusal = show.publishRefusal();
            if (refusal.isPresent()) {
                fail(refusal.get(), null);
                return;
            }
            ask(Confirmation.GO_LIVE, show.goLiveQuestion());
        } else {
            ask(Confirmation.GO_LIVE, text("confirm.goLive.custom"));
        }
    }

    /** Asks to end the broadcast; {@link #confirm()} ends it. */
    public void requestEnd() {
        if (phase.get() != BroadcastPhase.LIVE && phase.get() != BroadcastPhase.RECONNECTING) {
            return;
        }
        ask(Confirmation.END, text("confirm.end"));
    }

    /** Asks to start the show (the event is on sale); {@link #confirm()} puts it on air for every ticket holder. */
    public void requestStartShow() {
        if (show.startableProperty().get() && !show.busyProperty().get()) {
            ask(Confirmation.START_SHOW, show.startQuestion());
        }
    }

    /** Asks to end the show (on sale or on air); {@link #confirm()} ends it, and a broadcast to it. */
    public void requestEndShow() {
        if (show.endableProperty().get() && !show.busyProperty().get()) {
            ask(Confirmation.END_SHOW, show.endQuestion());
        }
    }

    /** Asks to reopen the ended show; {@link #confirm()} puts it back on air, or on sale if it never was. */
    public void requestReopenShow() {
        if (show.reopenableProperty().get() && !show.busyProperty().get()) {
            ask(Confirmation.REOPEN_SHOW, show.reopenQuestion());
        }
    }

    private void ask(Confirmation question, String message) {
        confirmationMessage.set(message);
        confirmation.set(question);
    }

    /** Does what was asked for. */
    public void confirm() {
        var asked = confirmation.get();
        confirmation.set(Confirmation.NONE);
        switch (asked) {
            case GO_LIVE -> startBroadcast();
            case END -> endBroadcast("status.ended");
            case START_SHOW -> show.startShow();
            case END_SHOW -> show.endShow();
            case REOPEN_SHOW -> show.reopen();
            case NONE -> {}
        }
    }

    public void cancelConfirmation() {
        confirmation.set(Confirmation.NONE);
    }

    /** A newly selected source goes to the preview, and on air, at its first picture (a failing one is reported). */
    private void switchSource(@Nullable SourceOption option) {
        var current = session;
        if (option == null) {
            return;
        }
        if (current == null) {
            openPreview(false);
            return;
        }
        current.whenOpen(running -> running.switchVideoSource(option.source()), e -> fail(text("error.switch"), e));
    }

    /** Another preset means another capture size and rate: the preview starts again (not while encoding). */
    private void presetChanged() {
        if (session != null && phase.get() == BroadcastPhase.IDLE && !recording.get() && !recordingBusy.get()) {
            closeSession();
            openPreview(false);
        }
    }

    /** Reconnects at once, or cuts short the wait for the next attempt. */
    public void reconnectNow() {
        var current = session;
        if (current != null && (phase.get() == BroadcastPhase.LIVE || phase.get() == BroadcastPhase.RECONNECTING)) {
            current.whenOpen(BroadcastEngine.Running::reconnectNow, e -> log.warn("Reconnecting failed", e));
            reconnectMessage.set(text("reconnect.now"));
        }
    }

    /** The screen is on view: the selected source is captured for the preview and the meters. */
    public void shown() {
        previewWanted = true;
        openPreview(false);
        show.shown();
    }

    /**
     * The screen is off view: no preview scaling; a capture that only fed the preview stops, a broadcast or a recording
     * goes on.
     */
    public void hidden() {
        previewWanted = false;
        show.hidden();
        if (phase.get() == BroadcastPhase.IDLE && !recording.get() && !recordingBusy.get()) {
            closeSession();
        }
    }

    /**
     * The preview's size on screen, in pixels (layout size times the screen's scale); the encoder scales its pictures
     * to fit it. Called on every resize; the newest size reaches the encoder at most every {@link
     * #PREVIEW_SIZE_INTERVAL}.
     */
    public void previewArea(double width, double height) {
        int w = (int) Math.round(width);
        int h = (int) Math.round(height);
        if (w >= 2 && h >= 2) {
            previewSizeUpdates.offer(((long) w << 32) | h);
        }
    }

    private void sendPreviewSize(long size) {
        previewSize = size;
        var current = session;
        if (current != null) {
            current.whenOpen(
                    running -> running.previewSize((int) (size >>> 32), (int) size),
                    e -> log.warn("Resizing the preview failed", e));
        }
    }

    /** Starts or stops a recording to {@link #recordingFileProperty()}, live or not, without touching the stream. */
    public void toggleRecording() {
        if (recordingBusy.get()) {
            return;
        }
        if (session == null) {
            openPreview(true);
        }
        var current = session;
        if (current == null) {
            return;
        }
        recordingBusy.set(true);
        if (!recording.get()) {
            var file = recordingFile.get();
            current.whenOpen(
                    running -> {
                        running.startRecording(file);
                        ui.execute(() -> {
                            recordingBusy.set(false);
                            if (session == current) {
                                current.recordingTo = file;
                                recording.set(true);
                                recordingFolder.set(file.toAbsolutePath().getParent());
                                recordingText.set(text("recording.to", file));
                            }
                        });
                    },
                    e -> {
                        recordingBusy.set(false);
                        fail(text("recording.failed"), e);
                    });
        } else {
            current.whenOpen(
                    running -> {
                        running.stopRecording();
                        ui.execute(() -> {
                            recordingBusy.set(false);
                            recordingFinished(current);
                            if (!previewWanted && phase.get() == BroadcastPhase.IDLE) {
                                closeSession();
                            }
                        });
                    },
                    e -> {
                        recordingBusy.set(false);
                        fail(text("recording.failed"), e);
                    });
        }
    }

    /** Opens the folder of the current or last recording in the desktop's file manager. */
    public void openRecordingFolder() {
        var folder = recordingFolder.get();
        if (folder == null) {
            return;
        }
        background.execute(() -> {
            try {
                // The desktop's own opener, without java.desktop (AWT) in the runtime image.
                var os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
                var opener = os.startsWith("windows") ? "explorer" : os.startsWith("mac") ? "open" : "xdg-open";
                new ProcessBuilder(opener, folder.toString()).start();
            } catch (java.io.IOException | RuntimeException e) {
                ui.execute(() -> fail(text("recording.openFolderFailed", folder), e));
            }
        });
    }

    /**
     * Ends a broadcast and a recording still running (without asking) and stops every update; the properties keep their
     * last values. Any thread.
     */
    @Override
    public void close() {
        selectedEvent.removeListener(eventListener);
        show.close();
        previewSizeUpdates.stop();
        var current = session;
        session = null;
        if (current != null) {
            release(current);
        }
        uploadTestGeneration++;
    }

    // ---- the capture ----

    /**
     * Starts capturing the selected source for the preview, unless a capture runs.
     *
     * @param evenIfHidden for going live or recording, which need the capture whether or not the screen shows it
     */
    private void openPreview(boolean evenIfHidden) {
        var source = selectedSource.get();
        if (session != null || source == null || !(previewWanted || evenIfHidden)) {
            return;
        }
        var settings = BroadcastSettings.of(preset.get().settings()).withVideo(source.source());
        var current = new Session(settings);
        session = current;
        preview.startSession();
        long size = previewSize;
        background.execute(() -> {
            try {
                var running = engine.preview(settings, current);
                if (size != 0) {
                    running.previewSize((int) (size >>> 32), (int) size);
                }
                current.opened.complete(running);
            } catch (RuntimeException e) {
                current.opened.completeExceptionally(e);
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

    /** Stops the capture and whatever runs on it, without asking. */
    private void closeSession() {
        var current = session;
        session = null;
        if (current == null) {
            return;
        }
        release(current);
        if (recording.get()) {
            recordingFinished(current);
        }
        clearMeters();
        phase.set(BroadcastPhase.IDLE);
    }

    /** Stops the session's updates and closes its capture in the background, once it is open. */
    private void release(Session current) {
        current.stop();
        preview.stopSession();
        current.opened.thenAcceptAsync(BroadcastEngine.Running::close, background);
    }

    private void recordingFinished(Session current) {
        recording.set(false);
        var file = current.recordingTo;
        current.recordingTo = null;
        if (file != null) {
            recordingText.set(text("recording.saved", file));
            recordingFile.set(defaultRecordingFile(file.toAbsolutePath().getParent()));
        }
    }

    // ---- the broadcast ----

    private void startBroadcast() {
        if (phase.get() != BroadcastPhase.IDLE) {
            return;
        }
        var source = selectedSource.get();
        var kind = output.get();
        var event = showEvent.get();
        var target = client;
        var url = customUrl.get() == null ? "" : customUrl.get().strip();
        var key = customKey.get() == null ? "" : customKey.get().strip();
        if (source == null) {
            fail(text("error.noSource"), null);
            return;
        }
        if (kind == OutputKind.EVENT_INGEST && (event == null || target == null)) {
            fail(text("error.noEvent"), null);
            return;
        }
        openPreview(true);
        var current = session;
        if (current == null) {
            return;
        }
        phase.set(BroadcastPhase.STARTING);
        setStatus(text("status.starting"), false);
        current.whenOpen(
                running -> {
                    RtmpUrl destination;
                    if (kind == OutputKind.EVENT_INGEST) {
                        var endpoint = target.streams().endpoint(event.id());
                        destination = RtmpUrl.parse(endpoint.publishUrl());
                    } else {
                        destination = RtmpUrl.parse(key.isEmpty() ? url : url.replaceAll("/+$", "") + "/" + key);
                    }
                    running.goLive(destination);
                    ui.execute(() -> {
                        if (session != current) {
                            return;
                        }
                        if (phase.get() == BroadcastPhase.STARTING) {
                            phase.set(BroadcastPhase.LIVE);
                        }
                        setStatus(text("status.live", destination.redacted()), false);
                    });
                },
                e -> {
                    if (session == current && phase.get() == BroadcastPhase.STARTING) {
                        phase.set(BroadcastPhase.IDLE);
                        clearLiveMeters();
                        fail(humanMessage(e), e);
                    }
                });
    }

    /** @param doneKey what the status says once it has ended */
    private void endBroadcast(String doneKey) {
        var current = session;
        if (current == null) {
            return;
        }
        phase.set(BroadcastPhase.ENDING);
        setStatus(text("status.ending"), false);
        current.whenOpen(
                running -> {
                    running.endLive();
                    ui.execute(() -> {
                        if (session == current) {
                            clearLiveMeters();
                            phase.set(BroadcastPhase.IDLE);
                            setStatus(text(doneKey), false);
                            if (!previewWanted && !recording.get()) {
                                closeSession();
                            }
                        }
                    });
                },
                e -> {
                    log.warn("Ending the broadcast failed", e);
                    if (session == current) {
                        closeSession();
                        setStatus(text(doneKey), false);
                    }
                });
    }

    /** One capture (preview, and live or recording on it): the encoder's calls, coalesced onto the UI executor. */
    private final class Session implements BroadcastListener {
        final BroadcastSettings settings;
        final Coalescer<BroadcastStats> statsUpdates;
        final Coalescer<AudioLevels> levelUpdates;
        final CompletableFuture<BroadcastEngine.Running> opened = new CompletableFuture<>();

        @Nullable Path recordingTo;

        Session(BroadcastSettings settings) {
            this.settings = settings;
            this.statsUpdates = new Coalescer<>(ui, STATS_INTERVAL, this::showStats);
            this.levelUpdates = new Coalescer<>(ui, LEVELS_INTERVAL, this::showLevels);
        }

        void stop() {
            statsUpdates.stop();
            levelUpdates.stop();
        }

        /**
         * Runs {@code action} on the background executor once the capture is open (not at all if it failed to open);
         * a failure goes to {@code failed} on the UI executor.
         */
        void whenOpen(Consumer<BroadcastEngine.Running> action, Consumer<RuntimeException> failed) {
            opened.thenAcceptAsync(
                    running -> {
                        try {
                            action.accept(running);
                        } catch (RuntimeException e) {
                            ui.execute(() -> failed.accept(e));
                        }
                    },
                    background);
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
                        closeSession();
                        setStatus(text("error.failed"), true);
                    }
                    case STARTING, PREVIEW, STOPPED -> {}
                }
            });
        }

        private void showStats(BroadcastStats update) {
            if (session != this) {
                return;
            }
            var file = update.recording();
            if (file != null && recording.get()) {
                recordingText.set(text(
                        "recording.progress",
                        file.file(),
                        io.stagedoor.app.internal.Durations.humanized(file.elapsed()),
                        String.format(Locale.ROOT, "%.1f", file.bytes() / 1e6)));
            }
            if (update.recordingProblem() != null) {
                log.warn("Recording stopped: {}", update.recordingProblem());
                recordingText.set(text("recording.stopped"));
            }
            if (update.state() == BroadcastState.PREVIEW || phase.get() == BroadcastPhase.IDLE && !recording.get()) {
                // Only the capture runs: nothing is encoded or sent, so there is nothing to measure.
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

    /** Everything measured, the preview's levels too: the capture has stopped. */
    private void clearMeters() {
        clearLiveMeters();
        leftLevel.set(0);
        rightLevel.set(0);
    }

    /** What only an encoding broadcast measures; the levels go on with the capture. */
    private void clearLiveMeters() {
        stats.set(null);
        meterState.set(null);
        bitrateMbps.set(0);
        bitrateText.set("—");
        bitrateHistoryKbps.set(List.of());
        fpsText.set("—");
        droppedText.set("—");
        elapsedText.set("—");
        encoderText.set("—");
        reconnectBannerVisible.set(false);
        reconnectMessage.set("");
    }

    private void eventChanged() {
        boolean available = client != null && selectedEvent.getValue() != null;
        eventIngestAvailable.set(available);
        if (phase.get() == BroadcastPhase.IDLE) {
            // A broadcast keeps to its event: selecting another one meanwhile changes neither its show nor its ingest.
            showEvent.set(selectedEvent.getValue());
            if (!available) {
                output.set(OutputKind.CUSTOM);
            }
        }
    }

    /**
     * The show ended (here, elsewhere, or by itself): a broadcast to its ingest stops, as the server has cut it off and
     * refuses it until the show is reopened.
     */
    private void showChanged(@Nullable EventStatus status) {
        boolean over = status == EventStatus.ENDED || status == EventStatus.CANCELLED;
        boolean sending = phase.get() == BroadcastPhase.LIVE || phase.get() == BroadcastPhase.RECONNECTING;
        if (over && sending && output.get() == OutputKind.EVENT_INGEST) {
            endBroadcast("status.showEnded");
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

    /** A file named for the current minute in {@code folder} (by default ~/Videos, or home), not one that exists. */
    private Path defaultRecordingFile(@Nullable Path folder) {
        if (folder == null) {
            var home = Path.of(System.getProperty("user.home"));
            var videos = home.resolve("Videos");
            folder = java.nio.file.Files.isDirectory(videos) ? videos : home;
        }
        var stamp = DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm", Locale.ROOT)
                .format(LocalDateTime.ofInstant(clock.instant(), clock.getZone()));
        var file = folder.resolve("stagedoor-" + stamp + ".mp4");
        for (int n = 2; java.nio.file.Files.exists(file); n++) {
            file = folder.resolve("stagedoor-" + stamp + "-" + n + ".mp4");
        }
        return file;
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
