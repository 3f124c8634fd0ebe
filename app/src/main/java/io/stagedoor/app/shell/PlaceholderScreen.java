package io.stagedoor.app.shell;

import io.stagedoor.app.internal.Styles;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** Stands in for a screen a workspace is built without (tests that need only the organiser's screens), and says so. */
public final class PlaceholderScreen {

    private PlaceholderScreen() {}

    /** A factory for a placeholder titled with the bundle's {@code titleKey}. */
    public static ScreenFactory of(String titleKey) {
        return workspace -> {
            var title = new Label(workspace.messages().get(titleKey));
            title.getStyleClass().add(Styles.TITLE);
            var text = new Label(workspace.messages().get("placeholder.notInThisBuild"));
            text.setId("placeholder-" + titleKey);
            text.getStyleClass().add(Styles.FIELD_LABEL);
            var root = new VBox(12, title, text);
            root.setAlignment(Pos.CENTER);
            return Screen.of(root, titleKey, () -> {}, () -> {});
        };
    }
}
