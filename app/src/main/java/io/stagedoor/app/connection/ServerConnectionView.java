package io.stagedoor.app.connection;

import io.stagedoor.app.internal.Styles;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/** The server address, a Connect button, and the server's health, refreshed every few seconds while shown. */
public final class ServerConnectionView {

    static final Duration REFRESH_EVERY = Duration.seconds(5);

    private final ServerConnectionViewModel model;
    private final VBox root = new VBox(16);
    private final Timeline refresh;

    public ServerConnectionView(ServerConnectionViewModel model) {
        this.model = model;
        this.refresh = new Timeline(new KeyFrame(REFRESH_EVERY, e -> model.refresh()));
        refresh.setCycleCount(Timeline.INDEFINITE);
        build();
        // Subscribe while on screen only, so a hidden view costs no requests.
        root.sceneProperty().addListener((obs, oldScene, newScene) -> {
            if (newScene == null) {
                refresh.stop();
            } else {
                refresh.play();
            }
        });
    }

    public Parent root() {
        return root;
    }

    private void build() {
        var title = new Label("Server");
        title.getStyleClass().add(Styles.TITLE);

        var address = new TextField();
        address.setId("serverUrl");
        address.setPromptText("http://localhost:8080");
        address.setAccessibleText("Server address");
        address.textProperty().bindBidirectional(model.serverUrlProperty());
        address.setOnAction(e -> model.connect());
        HBox.setHgrow(address, Priority.ALWAYS);

        var connect = new Button("Connect");
        connect.setId("connect");
        connect.setDefaultButton(true);
        connect.setOnAction(e -> model.connect());
        connect.disableProperty().bind(model.stateProperty().isEqualTo(ConnectionState.CONNECTING));

        var addressRow = new HBox(8, address, connect);
        addressRow.setAlignment(Pos.CENTER_LEFT);

        var status = new Label();
        status.setId("connectionStatus");
        status.setWrapText(true);
        status.getStyleClass().add(Styles.STATUS);
        status.textProperty().bind(model.statusMessageProperty());
        model.stateProperty().addListener((obs, old, state) -> styleStatus(status, state));
        styleStatus(status, model.stateProperty().get());

        var health = new GridPane();
        health.getStyleClass().add(Styles.CARD);
        health.setHgap(16);
        health.setVgap(8);
        var labels = new ColumnConstraints();
        labels.setMinWidth(90);
        health.getColumnConstraints().add(labels);
        addRow(health, 0, "Version", "serverVersion", model.serverVersionProperty());
        addRow(health, 1, "Uptime", "serverUptime", model.uptimeProperty());
        addRow(health, 2, "Database", "databaseStatus", model.databaseProperty());

        root.setPadding(new Insets(24));
        root.getChildren().addAll(title, addressRow, status, health);
    }

    private static void addRow(GridPane grid, int row, String name, String id, ObservableStringValue value) {
        var label = new Label(name);
        label.getStyleClass().add(Styles.FIELD_LABEL);
        var text = new Label();
        text.setId(id);
        text.textProperty().bind(value);
        label.setLabelFor(text);
        grid.addRow(row, label, text);
    }

    private static void styleStatus(Label status, ConnectionState state) {
        status.getStyleClass().removeAll(Styles.STATUS_OK, Styles.STATUS_BUSY, Styles.STATUS_ERROR);
        switch (state) {
            case CONNECTED -> status.getStyleClass().add(Styles.STATUS_OK);
            case CONNECTING, DEGRADED -> status.getStyleClass().add(Styles.STATUS_BUSY);
            case FAILED -> status.getStyleClass().add(Styles.STATUS_ERROR);
            case IDLE -> {
                // the neutral look of sd-status
            }
        }
    }
}
