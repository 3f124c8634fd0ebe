package io.stagedoor.app.shell;

import io.stagedoor.app.internal.Messages;
import io.stagedoor.app.internal.Styles;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.jspecify.annotations.Nullable;

/**
 * The workspace window's content: a top bar (server, organiser, theme, sign out), the navigation on the left and
 * the screen in front. Ctrl+1, Ctrl+2 … pick a screen; Ctrl+Shift+L switches between light and dark.
 */
public final class MainWindow {

    private final ShellViewModel model;
    private final Messages messages;
    private final BorderPane root = new BorderPane();
    private final StackPane content = new StackPane();

    /**
     * @param serverLabel where the studio is connected, e.g. "Local server" or the address
     * @param organiserName who is signed in
     */
    public MainWindow(ShellViewModel model, Messages messages, String serverLabel, String organiserName) {
        this.model = model;
        this.messages = messages;
        root.getStyleClass().add(Styles.SHELL);
        root.setTop(topBar(serverLabel, organiserName));
        root.setLeft(navigation());
        content.getStyleClass().add(Styles.SHELL_CONTENT);
        root.setCenter(content);
        model.currentProperty().addListener((obs, old, index) -> showContent(index.intValue()));
        model.themeProperty().addListener((obs, old, theme) -> applyTheme(root.getScene()));
        root.sceneProperty().addListener((obs, old, scene) -> attach(old, scene));
    }

    public Parent root() {
        return root;
    }

    private HBox topBar(String serverLabel, String organiserName) {
        var title = new Label(messages.get("app.name"));
        title.getStyleClass().add(Styles.TOP_BAR_TITLE);
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var server = new Label(serverLabel);
        server.setId("serverLabel");
        server.getStyleClass().add(Styles.FIELD_LABEL);
        var organiser = new Label(organiserName);
        organiser.setId("organiserName");
        var theme = new Button();
        theme.setId("themeToggle");
        theme.textProperty()
                .bind(model.themeProperty()
                        .map(t -> messages.get(t == Theme.LIGHT ? "shell.theme.dark" : "shell.theme.light")));
        theme.setTooltip(new Tooltip(messages.get("shell.theme.tooltip")));
        theme.setOnAction(e -> model.toggleTheme());
        var signOut = new Button(messages.get("shell.signOut"));
        signOut.setId("signOut");
        signOut.setOnAction(e -> model.signOut());
        var bar = new HBox(16, title, spacer, server, organiser, theme, signOut);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8, 16, 8, 16));
        bar.getStyleClass().add(Styles.TOP_BAR);
        return bar;
    }

    private VBox navigation() {
        var group = new ToggleGroup();
        var nav = new VBox(4);
        nav.getStyleClass().add(Styles.NAVIGATION);
        nav.setPadding(new Insets(12, 8, 12, 8));
        var screens = model.screens();
        for (int i = 0; i < screens.size(); i++) {
            int index = i;
            var key = screens.get(i).titleKey();
            var button = new ToggleButton(messages.get(key));
            button.setId("nav-" + key.substring(key.lastIndexOf('.') + 1));
            button.setToggleGroup(group);
            button.setMaxWidth(Double.MAX_VALUE);
            button.getStyleClass().add(Styles.NAVIGATION_ITEM);
            if (i < 9) {
                button.setTooltip(new Tooltip("Ctrl+" + (i + 1)));
            }
            button.setOnAction(e -> model.showScreen(index));
            nav.getChildren().add(button);
        }
        // A toggle group lets the pressed button go up again; the screen in front decides which one is down.
        model.currentProperty().addListener((obs, old, index) -> {
            if (index.intValue() >= 0) {
                group.selectToggle(group.getToggles().get(index.intValue()));
            }
        });
        group.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null && old != null) {
                group.selectToggle(old);
            }
        });
        return nav;
    }

    private void showContent(int index) {
        if (index < 0) {
            content.getChildren().clear();
        } else {
            content.getChildren().setAll(model.screens().get(index).root());
        }
    }

    private void attach(@Nullable Scene old, @Nullable Scene scene) {
        if (old != null) {
            old.getAccelerators().clear();
        }
        if (scene == null) {
            return;
        }
        applyTheme(scene);
        for (int i = 0; i < Math.min(9, model.screens().size()); i++) {
            int index = i;
            scene.getAccelerators()
                    .put(
                            new KeyCodeCombination(
                                    KeyCode.getKeyCode(String.valueOf(i + 1)), KeyCombination.SHORTCUT_DOWN),
                            () -> model.showScreen(index));
        }
        scene.getAccelerators()
                .put(
                        new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                        model::toggleTheme);
    }

    private void applyTheme(@Nullable Scene scene) {
        if (scene != null) {
            model.themeProperty().get().applyTo(scene);
        }
    }
}
