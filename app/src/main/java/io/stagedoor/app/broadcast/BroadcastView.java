package io.stagedoor.app.broadcast;

import static io.stagedoor.app.internal.ScreenParts.card;
import static io.stagedoor.app.internal.ScreenParts.field;
import static io.stagedoor.app.internal.ScreenParts.label;

import io.stagedoor.api.events.Event;
import io.stagedoor.app.internal.BitrateChart;
import io.stagedoor.app.internal.ScreenParts;
import io.stagedoor.client.StagedoorClient;
import io.stagedoor.encoder.BroadcastStats;
import io.stagedoor.encoder.Preset;
import io.stagedoor.encoder.meter.BitrateState;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.Executor;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.jspecify.annotations.Nullable;

/**
 * The broadcast studio: source and preview with audio meters on the left; the show (which event, its state, Start show /
 * End show / Reopen), preset, output, recording, the upload test, Go live / End and the encoder's meters on the right; the reconnect banner and confirmations across the top. Built in
 * code; strings come from {@code i18n/broadcast.properties}, looks from {@code broadcast.css} (add the {@code dark}
 * style class to the scene's root for the dark theme).
 */
public final class BroadcastView {

    /** The bundle with this screen's (and the monitor's) strings. */
    public static final String BUNDLE = "io.stagedoor.app.i18n.broadcast";

    static final KeyCombination GO_LIVE = new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination END = new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination RECONNECT = new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN);
    // The show's commands: the broadcast's letters with Shift where there is one, as they reach every ticket holder.
    static final KeyCombination START_SHOW =
            new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    static final KeyCombination END_SHOW =
            new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    static final KeyCombination REOPEN_SHOW =
            new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);

    private static final List<String> METER_CLASSES = List.of("sd-meter-ok", "sd-meter-warn", "sd-meter-error");

    private final BroadcastViewModel model;
    private final ResourceBundle texts;
    private final BorderPane root = new BorderPane();
    private final BitrateChart chart;

    /** For the shell: builds its own view-model with the real encoder. */
    public BroadcastView(
            @Nullable StagedoorClient client,
            ObservableValue<@Nullable Event> selectedEvent,
            Executor background,
            Executor ui,
            ResourceBundle texts) {
        this(new BroadcastViewModel(client, selectedEvent, background, ui, texts), texts);
    }

    public BroadcastView(BroadcastViewModel model, ResourceBundle texts) {
        this.model = model;
        this.texts = texts;
        this.chart = new BitrateChart(
                texts.getString("broadcast.meter.series"),
                texts.getString("broadcast.meter.recommended"),
                60,
                Preset.RECOMMENDED_MINIMUM_KBPS / 1000.0);
        build();
    }

    /** This screen's strings in the given locale. */
    public static ResourceBundle bundle(Locale locale) {
        return ResourceBundle.getBundle(BUNDLE, locale);
    }

    public Node root() {
        return root;
    }

    public BroadcastViewModel model() {
        return model;
    }

    /** The encoder's statistics while this machine broadcasts, for the monitor to show beside the server's. */
    public ReadOnlyObjectProperty<@Nullable BroadcastStats> localStats() {
        return model.statsProperty();
    }

    /** On screen: the preview is drawn. */
    public void shown() {
        model.shown();
    }

    /** Off screen: the preview stops (the broadcast goes on). */
    public void hidden() {
        model.hidden();
    }

    /** Ends a broadcast still running and releases everything. */
    public void close() {
        model.close();
    }

    private void build() {
        ScreenParts.styleRoot(root, "sd-broadcast");
        root.setTop(new VBox(reconnectBanner(), confirmationBar(), statusLine()));

        var left = new VBox(12, sourcePicker(), previewPane(), audioMeters());
        left.setMinWidth(Region.USE_PREF_SIZE);
        left.setPrefWidth(512);
        HBox.setHgrow(left, Priority.NEVER);
        var right = new VBox(
                14,
                ShowPanel.of(model, texts),
                presetPicker(),
                outputPicker(),
                recordingToggle(),
                uploadTest(),
                goLiveButtons(),
                meters());
        right.setFillWidth(true);
        var rightScroll = new ScrollPane(right);
        rightScroll.setFitToWidth(true);
        rightScroll.getStyleClass().add("sd-broadcast-scroll");
        HBox.setHgrow(rightScroll, Priority.ALWAYS);
        var columns = new HBox(18, left, rightScroll);
        columns.setPadding(new Insets(16));
        root.setCenter(columns);

        root.addEventFilter(KeyEvent.KEY_PRESSED, this::shortcut);
    }

    private void shortcut(KeyEvent e) {
        if (GO_LIVE.match(e)) {
            model.requestGoLive();
        } else if (END.match(e)) {
            model.requestEnd();
        } else if (RECONNECT.match(e)) {
            model.reconnectNow();
        } else if (START_SHOW.match(e)) {
            model.requestStartShow();
        } else if (END_SHOW.match(e)) {
            model.requestEndShow();
        } else if (REOPEN_SHOW.match(e)) {
            model.requestReopenShow();
        } else if (e.getCode() == KeyCode.ESCAPE && model.confirmationProperty().get() != Confirmation.NONE) {
            model.cancelConfirmation();
        } else {
            return;
        }
        e.consume();
    }

    private Node reconnectBanner() {
        var message = label("reconnectMessage", model.reconnectMessageProperty());
        var now = button("reconnectNow", "broadcast.reconnectNow");
        now.setOnAction(e -> model.reconnectNow());
        var banner = new HBox(12, message, spacer(), now);
        banner.setId("reconnectBanner");
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.getStyleClass().add("sd-banner-error");
        showWhen(banner, model.reconnectBannerVisibleProperty());
        return banner;
    }

    private Node confirmationBar() {
        var message = label("confirmMessage", model.confirmationMessageProperty());
        message.setWrapText(true);
        var confirm = button("confirm", "broadcast.confirm");
        confirm.setDefaultButton(true);
        confirm.setOnAction(e -> model.confirm());
        var cancel = button("cancel", "broadcast.cancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> model.cancelConfirmation());
        var bar = new HBox(12, message, spacer(), confirm, cancel);
        bar.setId("confirmBar");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("sd-banner-confirm");
        var asking = model.confirmationProperty().isNotEqualTo(Confirmation.NONE);
        showWhen(bar, asking);
        asking.addListener((obs, was, is) -> {
            if (is) {
                confirm.requestFocus();
            }
        });
        return bar;
    }

    private Node statusLine() {
        var status = label("broadcastStatus", model.statusMessageProperty());
        status.setWrapText(true);
        status.getStyleClass().add("sd-broadcast-status");
        model.statusIsErrorProperty().addListener((obs, was, error) -> toggleClass(status, "sd-status-error", error));
        var phase = new Label();
        phase.setId("phase");
        phase.getStyleClass().add("sd-phase");
        phase.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> texts.getString(
                                "phase." + model.phaseProperty().get().name()),
                        model.phaseProperty()));
        model.phaseProperty()
                .addListener((obs, was, is) -> toggleClass(
                        phase, "sd-phase-live", is == BroadcastPhase.LIVE || is == BroadcastPhase.RECONNECTING));
        var line = new HBox(12, phase, status);
        line.setAlignment(Pos.CENTER_LEFT);
        line.setPadding(new Insets(8, 16, 0, 16));
        return line;
    }

    private Node sourcePicker() {
        var sources = new ComboBox<>(model.sources());
        sources.setId("source");
        sources.valueProperty().bindBidirectional(model.selectedSourceProperty());
        sources.setPrefWidth(220);
        sources.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(sources, Priority.ALWAYS);
        // Sources switch while live too; only the moments of starting and ending are closed to it.
        var idle = model.phaseProperty().isEqualTo(BroadcastPhase.IDLE);
        var switchable = idle.or(model.phaseProperty().isEqualTo(BroadcastPhase.LIVE))
                .or(model.phaseProperty().isEqualTo(BroadcastPhase.RECONNECTING));
        sources.disableProperty().bind(switchable.not());
        var file = button("chooseFile", "broadcast.chooseFile");
        file.disableProperty().bind(switchable.not());
        file.setOnAction(e -> {
            var chooser = new FileChooser();
            chooser.setTitle(texts.getString("broadcast.chooseFile.title"));
            var chosen = chooser.showOpenDialog(root.getScene().getWindow());
            if (chosen != null) {
                model.useFile(chosen.toPath());
            }
        });
        var cameras = button("findCameras", "broadcast.findCameras");
        cameras.setOnAction(e -> model.findCameras());
        var row = new HBox(8, sources, cameras, file);
        row.setAlignment(Pos.CENTER_LEFT);
        return card(texts.getString("broadcast.sources"), row);
    }

    private Node previewPane() {
        var image = new ImageView();
        image.setId("preview");
        image.setPreserveRatio(true);
        image.setSmooth(false); // the picture is already scaled to about this size; no second filter pass
        image.imageProperty().bind(model.previewImageProperty());
        var placeholder = new Label(texts.getString("broadcast.preview.none"));
        placeholder.getStyleClass().add("sd-preview-placeholder");
        placeholder.visibleProperty().bind(model.previewImageProperty().isNull());
        var pane = new StackPane(image, placeholder);
        pane.getStyleClass().add("sd-preview");
        pane.setMinSize(480, 270);
        pane.setPrefSize(480, 270);
        pane.setMaxWidth(480);
        image.fitWidthProperty().bind(pane.widthProperty());
        image.fitHeightProperty().bind(pane.heightProperty());
        // The encoder scales to the pixels the picture takes on screen, so JavaFX draws it 1:1.
        javafx.beans.InvalidationListener resized = obs -> {
            var scene = pane.getScene();
            double scale = scene == null || scene.getWindow() == null
                    ? 1
                    : scene.getWindow().getOutputScaleX();
            model.previewArea(pane.getWidth() * scale, pane.getHeight() * scale);
        };
        pane.widthProperty().addListener(resized);
        pane.heightProperty().addListener(resized);
        pane.sceneProperty().addListener(resized);
        return card(texts.getString("broadcast.preview"), pane);
    }

    private Node audioMeters() {
        var left = levelBar("levelLeft", model.leftLevelProperty());
        var right = levelBar("levelRight", model.rightLevelProperty());
        var grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(4);
        grid.addRow(0, new Label(texts.getString("broadcast.audio.left")), left);
        grid.addRow(1, new Label(texts.getString("broadcast.audio.right")), right);
        return card(texts.getString("broadcast.audio"), grid);
    }

    private static ProgressBar levelBar(String id, ObservableValue<Number> level) {
        var bar = new ProgressBar(0);
        bar.setId(id);
        bar.getStyleClass().add("sd-level");
        bar.setPrefWidth(440);
        bar.progressProperty().bind(level);
        return bar;
    }

    private Node presetPicker() {
        var presets = new ComboBox<Preset>();
        presets.setId("preset");
        presets.getItems().setAll(Preset.values());
        presets.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(@Nullable Preset preset) {
                return preset == null ? "" : preset.id();
            }

            @Override
            public Preset fromString(String text) {
                return Preset.byId(text).orElse(Preset.P1080_30);
            }
        });
        presets.valueProperty().bindBidirectional(model.presetProperty());
        presets.disableProperty()
                .bind(model.phaseProperty()
                        .isNotEqualTo(BroadcastPhase.IDLE)
                        .or(model.recordingProperty())
                        .or(model.recordingBusyProperty()));
        var explanation = label("presetExplanation", model.presetExplanationProperty());
        explanation.setWrapText(true);
        explanation.getStyleClass().add("sd-hint");
        return card(texts.getString("broadcast.preset"), new VBox(6, presets, explanation));
    }

    private Node outputPicker() {
        var group = new ToggleGroup();
        var event = new RadioButton(texts.getString("broadcast.output.event"));
        event.setId("outputEvent");
        event.setToggleGroup(group);
        event.setUserData(OutputKind.EVENT_INGEST);
        event.disableProperty().bind(model.eventIngestAvailableProperty().not());
        var custom = new RadioButton(texts.getString("broadcast.output.custom"));
        custom.setId("outputCustom");
        custom.setToggleGroup(group);
        custom.setUserData(OutputKind.CUSTOM);
        Runnable select = () -> group.selectToggle(model.outputProperty().get() == OutputKind.CUSTOM ? custom : event);
        select.run();
        model.outputProperty().addListener((obs, was, is) -> select.run());
        group.selectedToggleProperty().addListener((obs, was, is) -> {
            if (is != null) {
                model.outputProperty().set((OutputKind) is.getUserData());
            }
        });

        var url = new TextField();
        url.setId("customUrl");
        url.setPromptText(texts.getString("broadcast.output.url.prompt"));
        url.textProperty().bindBidirectional(model.customUrlProperty());
        var key = new javafx.scene.control.PasswordField();
        key.setId("customKey");
        key.textProperty().bindBidirectional(model.customKeyProperty());
        var fields = new GridPane();
        fields.setHgap(8);
        fields.setVgap(6);
        fields.addRow(0, new Label(texts.getString("broadcast.output.url")), url);
        fields.addRow(1, new Label(texts.getString("broadcast.output.key")), key);
        GridPane.setHgrow(url, Priority.ALWAYS);
        showWhen(fields, model.outputProperty().isEqualTo(OutputKind.CUSTOM));

        var box = new VBox(6, event, custom, fields);
        box.disableProperty().bind(model.phaseProperty().isNotEqualTo(BroadcastPhase.IDLE));
        return card(texts.getString("broadcast.output"), box);
    }

    private Node recordingToggle() {
        var record = new ToggleButton();
        record.setId("recordToggle");
        record.textProperty()
                .bind(Bindings.when(model.recordingProperty())
                        .then(texts.getString("broadcast.recording.stop"))
                        .otherwise(texts.getString("broadcast.recording.start")));
        // The button shows the recording's state; a click asks for the change, which the model makes (or not).
        model.recordingProperty().addListener((obs, was, is) -> record.setSelected(is));
        record.setOnAction(e -> {
            record.setSelected(model.recordingProperty().get());
            model.toggleRecording();
        });
        record.disableProperty().bind(model.recordingBusyProperty());
        var file = new Label();
        file.setId("recordingFile");
        file.getStyleClass().add("sd-hint");
        file.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> String.valueOf(model.recordingFileProperty().get()), model.recordingFileProperty()));
        var change = button("chooseRecordingFile", "broadcast.recording.choose");
        change.setOnAction(e -> {
            var chooser = new FileChooser();
            chooser.setTitle(texts.getString("broadcast.recording.choose.title"));
            var current = model.recordingFileProperty().get();
            if (current.getParent() != null) {
                chooser.setInitialDirectory(current.getParent().toFile());
            }
            chooser.setInitialFileName(String.valueOf(current.getFileName()));
            var chosen = chooser.showSaveDialog(root.getScene().getWindow());
            if (chosen != null) {
                model.recordingFileProperty().set(chosen.toPath());
            }
        });
        change.disableProperty().bind(model.recordingProperty().or(model.recordingBusyProperty()));
        var status = label("recordingProgress", model.recordingTextProperty());
        status.setWrapText(true);
        var openFolder = button("openRecordingFolder", "broadcast.recording.openFolder");
        openFolder.setOnAction(e -> model.openRecordingFolder());
        showWhen(openFolder, model.recordingFolderProperty().isNotNull());
        var row = new HBox(8, file, change);
        row.setAlignment(Pos.CENTER_LEFT);
        var statusRow = new HBox(8, status, openFolder);
        statusRow.setAlignment(Pos.CENTER_LEFT);
        return card(texts.getString("broadcast.recording.title"), new VBox(6, record, row, statusRow));
    }

    private Node uploadTest() {
        var run = button("uploadTest", "broadcast.uploadTest");
        run.setOnAction(e -> model.runUploadTest());
        run.disableProperty()
                .bind(model.uploadTestRunningProperty()
                        .or(model.phaseProperty().isNotEqualTo(BroadcastPhase.IDLE))
                        .or(model.eventIngestAvailableProperty().not()));
        var progress = new ProgressBar(0);
        progress.setId("uploadProgress");
        progress.progressProperty().bind(model.uploadTestProgressProperty());
        showWhen(progress, model.uploadTestRunningProperty());
        var message = label("uploadMessage", model.uploadTestMessageProperty());
        message.setWrapText(true);
        var row = new HBox(8, run, progress);
        row.setAlignment(Pos.CENTER_LEFT);
        return new VBox(6, row, message);
    }

    private Node goLiveButtons() {
        var goLive = button("goLive", "broadcast.goLive");
        goLive.getStyleClass().add("sd-go-live");
        goLive.setOnAction(e -> model.requestGoLive());
        goLive.disableProperty().bind(model.phaseProperty().isNotEqualTo(BroadcastPhase.IDLE));
        var end = button("end", "broadcast.end");
        end.getStyleClass().add("sd-end");
        end.setOnAction(e -> model.requestEnd());
        end.disableProperty()
                .bind(model.phaseProperty()
                        .isNotEqualTo(BroadcastPhase.LIVE)
                        .and(model.phaseProperty().isNotEqualTo(BroadcastPhase.RECONNECTING)));
        var hint = new Label(texts.getString("broadcast.shortcuts"));
        hint.getStyleClass().add("sd-hint");
        var row = new HBox(10, goLive, end);
        return new VBox(6, row, hint);
    }

    private Node meters() {
        var bitrate = label("bitrate", model.bitrateTextProperty());
        bitrate.getStyleClass().add("sd-meter");
        model.meterStateProperty().addListener((obs, was, state) -> styleMeter(bitrate, chart.node(), state));
        chart.node().setId("bitrateChart");
        model.bitrateHistoryKbpsProperty()
                .addListener((obs, was, history) ->
                        chart.show(history.stream().map(kbps -> kbps / 1000).toList()));

        var grid = new GridPane();
        grid.setHgap(16);
        grid.setVgap(6);
        field(grid, 0, texts.getString("broadcast.fps"), label("fps", model.fpsTextProperty()));
        field(grid, 1, texts.getString("broadcast.dropped"), label("dropped", model.droppedTextProperty()));
        field(grid, 2, texts.getString("broadcast.elapsed"), label("elapsed", model.elapsedTextProperty()));
        field(grid, 3, texts.getString("broadcast.encoder"), label("encoder", model.encoderTextProperty()));
        return card(texts.getString("broadcast.meter"), new VBox(8, bitrate, chart.node(), grid));
    }

    static void styleMeter(Label label, Node chart, @Nullable BitrateState state) {
        var style = state == null
                ? null
                : switch (state) {
                    case OK -> "sd-meter-ok";
                    case LOW_WARNING -> "sd-meter-warn";
                    case LOW_ERROR, STALLED -> "sd-meter-error";
                    case MEASURING -> null;
                };
        for (var node : List.of(label, chart)) {
            node.getStyleClass().removeAll(METER_CLASSES);
            if (style != null) {
                node.getStyleClass().add(style);
            }
        }
    }

    private Button button(String id, String key) {
        var button = new Button(texts.getString(key));
        button.setId(id);
        return button;
    }

    private static Region spacer() {
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        return spacer;
    }

    private static void showWhen(Node node, ObservableValue<Boolean> condition) {
        node.visibleProperty().bind(condition);
        node.managedProperty().bind(condition);
    }

    private static void toggleClass(Node node, String styleClass, boolean on) {
        node.getStyleClass().remove(styleClass);
        if (on) {
            node.getStyleClass().add(styleClass);
        }
    }
}
