package io.stagedoor.app.monitor;

import static io.stagedoor.app.internal.ScreenParts.card;
import static io.stagedoor.app.internal.ScreenParts.field;
import static io.stagedoor.app.internal.ScreenParts.label;

import io.stagedoor.api.events.Event;
import io.stagedoor.api.live.StreamAlert;
import io.stagedoor.app.internal.BitrateChart;
import io.stagedoor.app.internal.ScreenParts;
import io.stagedoor.client.StagedoorClient;
import io.stagedoor.encoder.BroadcastStats;
import io.stagedoor.encoder.Preset;
import java.util.ResourceBundle;
import java.util.concurrent.Executor;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.jspecify.annotations.Nullable;

/**
 * The technician monitor: the show's state (rehearsal, on air, ended) and the server's measurements of the selected
 * event's stream (why it stopped, received bitrate as a chart with the 6 Mbps line, frame rate, keyframe interval,
 * renditions, viewers, alerts) and this machine's encoder beside them.
 * Strings from {@code i18n/broadcast.properties}, looks from {@code broadcast.css}.
 */
public final class MonitorView {

    private final MonitorViewModel model;
    private final ResourceBundle texts;
    private final VBox root = new VBox(12);
    private final BitrateChart chart;

    /** For the shell, when this machine does not broadcast (or its numbers are not wanted). */
    public MonitorView(
            @Nullable StagedoorClient client,
            ObservableValue<@Nullable Event> selectedEvent,
            Executor background,
            Executor ui,
            ResourceBundle texts) {
        this(client, selectedEvent, background, ui, texts, new SimpleObjectProperty<>());
    }

    /**
     * For the shell, with the broadcast screen's {@code localStats()} so both meters show side by side. Alerts go to
     * the desktop's notifications where there are any.
     */
    public MonitorView(
            @Nullable StagedoorClient client,
            ObservableValue<@Nullable Event> selectedEvent,
            Executor background,
            Executor ui,
            ResourceBundle texts,
            ObservableValue<@Nullable BroadcastStats> localStats) {
        this(
                new MonitorViewModel(
                        client,
                        selectedEvent,
                        background,
                        ui,
                        texts,
                        localStats,
                        DesktopNotifier.forThisDesktop(background, texts.getString("monitor.tray.tooltip"))),
                texts);
    }

    public MonitorView(MonitorViewModel model, ResourceBundle texts) {
        this.model = model;
        this.texts = texts;
        this.chart = new BitrateChart(
                texts.getString("monitor.bitrate.series"),
                texts.getString("broadcast.meter.recommended"),
                MonitorViewModel.HISTORY,
                Preset.RECOMMENDED_MINIMUM_KBPS / 1000.0);
        build();
    }

    public Node root() {
        return root;
    }

    public MonitorViewModel model() {
        return model;
    }

    /** On screen: follows the selected event's stream. */
    public void shown() {
        model.shown();
    }

    /** Off screen: stops following. */
    public void hidden() {
        model.hidden();
    }

    public void close() {
        model.close();
    }

    private void build() {
        ScreenParts.styleRoot(root, "sd-monitor");
        root.setPadding(new Insets(16));

        var title = new Label(texts.getString("monitor.title"));
        title.getStyleClass().add("sd-title");
        var message = label("monitorMessage", model.messageProperty());
        message.getStyleClass().add("sd-hint");
        var heading = new HBox(12, title, message);
        heading.setAlignment(Pos.BASELINE_LEFT);

        var noticeText = label("notice", model.noticeProperty());
        noticeText.setWrapText(true);
        var dismiss = new Button(texts.getString("monitor.notification.dismiss"));
        dismiss.setId("dismissNotice");
        dismiss.setOnAction(e -> model.dismissNotice());
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var notice = new HBox(12, noticeText, spacer, dismiss);
        notice.setId("noticeBanner");
        notice.setAlignment(Pos.CENTER_LEFT);
        notice.getStyleClass().add("sd-banner-error");
        var hasNotice = model.noticeProperty().isNotEmpty();
        notice.visibleProperty().bind(hasNotice);
        notice.managedProperty().bind(hasNotice);

        var bitrate = label("monitorBitrate", model.bitrateTextProperty());
        bitrate.getStyleClass().add("sd-meter");
        model.bitrateBelowRecommendedProperty().addListener((obs, was, low) -> {
            var health = model.healthProperty().get();
            style(bitrate, health == null ? null : low ? "sd-meter-error" : "sd-meter-ok");
            style(chart.node(), health == null ? null : low ? "sd-meter-error" : "sd-meter-ok");
        });
        model.healthProperty().addListener((obs, was, health) -> {
            var cls = health == null
                    ? null
                    : model.bitrateBelowRecommendedProperty().get() ? "sd-meter-error" : "sd-meter-ok";
            style(bitrate, cls);
            style(chart.node(), cls);
        });
        chart.node().setId("monitorChart");
        model.bitrateHistoryMbpsProperty().addListener((obs, was, history) -> chart.show(history));

        var grid = new GridPane();
        grid.setHgap(16);
        grid.setVgap(6);
        var show = label("monitorShow", model.showTextProperty());
        show.getStyleClass().add("sd-show-state");
        model.onAirProperty().addListener((obs, was, on) -> {
            show.getStyleClass().remove("sd-show-on-air");
            if (on) {
                show.getStyleClass().add("sd-show-on-air");
            }
        });
        field(grid, 0, texts.getString("monitor.show"), show);
        field(grid, 1, texts.getString("monitor.state"), label("monitorState", model.stateTextProperty()));
        field(grid, 2, texts.getString("monitor.fps"), label("monitorFps", model.fpsTextProperty()));
        field(grid, 3, texts.getString("monitor.keyframes"), label("monitorKeyframes", model.keyframeTextProperty()));
        field(grid, 4, texts.getString("monitor.video"), label("monitorVideo", model.videoTextProperty()));
        field(grid, 5, texts.getString("monitor.audio"), label("monitorAudio", model.audioTextProperty()));
        field(grid, 6, texts.getString("monitor.viewers"), label("monitorViewers", model.viewersTextProperty()));
        field(grid, 7, texts.getString("monitor.publisher"), label("monitorPublisher", model.publisherTextProperty()));

        var renditions = new ListView<>(model.renditions());
        renditions.setId("renditions");
        renditions.setPrefHeight(110);
        renditions.setFocusTraversable(false);

        var alerts = new ListView<>(model.alerts());
        alerts.setId("alerts");
        alerts.setPrefHeight(90);
        alerts.setFocusTraversable(false);
        alerts.setPlaceholder(new Label(texts.getString("monitor.alerts.none")));
        alerts.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(@Nullable StreamAlert alert, boolean empty) {
                super.updateItem(alert, empty);
                getStyleClass().removeAll("sd-alert-error", "sd-alert-warning");
                if (empty || alert == null) {
                    setText(null);
                } else {
                    setText(java.text.MessageFormat.format(
                            texts.getString("monitor.alert"), alert.severity(), alert.message()));
                    getStyleClass().add("error".equals(alert.severity()) ? "sd-alert-error" : "sd-alert-warning");
                }
            }
        });

        var local = label("localEncoder", model.localTextProperty());
        local.setWrapText(true);

        var server = card(texts.getString("monitor.bitrate"), new VBox(8, bitrate, chart.node(), grid));
        var side = new VBox(
                12,
                card(texts.getString("monitor.local"), local),
                card(texts.getString("monitor.renditions"), renditions),
                card(texts.getString("monitor.alerts"), alerts));
        side.setPrefWidth(460);
        HBox.setHgrow(server, Priority.ALWAYS);
        var columns = new HBox(16, server, side);
        var scroll = new ScrollPane(columns);
        scroll.setFitToWidth(true);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        root.getChildren().addAll(heading, notice, scroll);
    }

    private static void style(Node node, @Nullable String styleClass) {
        node.getStyleClass().removeAll("sd-meter-ok", "sd-meter-error");
        if (styleClass != null) {
            node.getStyleClass().add(styleClass);
        }
    }
}
