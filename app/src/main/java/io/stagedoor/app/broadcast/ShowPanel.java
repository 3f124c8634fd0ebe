package io.stagedoor.app.broadcast;

import static io.stagedoor.app.internal.ScreenParts.card;
import static io.stagedoor.app.internal.ScreenParts.label;

import io.stagedoor.api.events.EventStatus;
import java.util.ResourceBundle;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.jspecify.annotations.Nullable;

/**
 * The broadcast screen's "Show" card: which event the broadcast goes to and when it starts, or that it goes to a custom
 * RTMP URL; the show's state on the server; and Start show, End show and Reopen as the state allows, each asking first
 * through the screen's confirmation bar.
 */
final class ShowPanel {

    private ShowPanel() {}

    static Node of(BroadcastViewModel model, ResourceBundle texts) {
        var show = model.show();
        var target = label("showTarget", show.targetProperty());
        target.setWrapText(true);
        target.getStyleClass().add("sd-show-target");

        var state = label("showState", show.stateTextProperty());
        state.setWrapText(true);
        state.getStyleClass().add("sd-show-state");
        state.accessibleTextProperty()
                .bind(Bindings.concat(texts.getString("show.title"), ": ", show.stateTextProperty()));
        show.statusProperty().addListener((obs, was, is) -> onAirStyle(state, is));
        onAirStyle(state, show.statusProperty().get());
        showWhen(state, show.aboutEventProperty());

        var start = button("startShow", "show.start", "show.start.help", texts);
        start.getStyleClass().add("sd-go-live");
        start.setOnAction(e -> model.requestStartShow());
        showWhen(start, show.startableProperty());
        var end = button("endShow", "show.end", "show.end.help", texts);
        end.getStyleClass().add("sd-end");
        end.setOnAction(e -> model.requestEndShow());
        showWhen(end, show.endableProperty());
        var reopen = button("reopenShow", "show.reopen", "show.reopen.help", texts);
        reopen.setOnAction(e -> model.requestReopenShow());
        showWhen(reopen, show.reopenableProperty());
        for (var each : new Button[] {start, end, reopen}) {
            each.disableProperty().bind(show.busyProperty());
        }
        var buttons = new HBox(10, start, end, reopen);
        buttons.setAlignment(Pos.CENTER_LEFT);

        var message = label("showMessage", show.messageProperty());
        message.setWrapText(true);
        message.getStyleClass().add("sd-hint");
        showWhen(message, show.messageProperty().isNotEmpty());
        var hint = new Label(texts.getString("show.shortcuts"));
        hint.getStyleClass().add("sd-hint");
        var controls = new VBox(6, buttons, hint);
        showWhen(controls, show.aboutEventProperty());

        var card = card(texts.getString("show.title"), new VBox(8, target, state, controls, message));
        card.setId("showCard");
        return card;
    }

    private static Button button(String id, String key, String helpKey, ResourceBundle texts) {
        var button = new Button(texts.getString(key));
        button.setId(id);
        // What it does and its shortcut, for screen readers and as a tooltip.
        button.setAccessibleHelp(texts.getString(helpKey));
        button.setTooltip(new Tooltip(texts.getString(helpKey)));
        return button;
    }

    private static void onAirStyle(Label state, @Nullable EventStatus status) {
        state.getStyleClass().remove("sd-show-on-air");
        if (status == EventStatus.LIVE) {
            state.getStyleClass().add("sd-show-on-air");
        }
    }

    private static void showWhen(Node node, ObservableValue<Boolean> condition) {
        node.visibleProperty().bind(condition);
        node.managedProperty().bind(condition);
    }
}
