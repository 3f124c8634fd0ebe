package io.stagedoor.app.shell;

import io.stagedoor.app.internal.Styles;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** Stands in for a screen this build does not include (Broadcast, Monitor), and says so. */
public final class PlaceholderScreen implements Screen {

    private final String titleKey;
    private final VBox root;

    private PlaceholderScreen(Workspace workspace, String titleKey) {
        this.titleKey = titleKey;
        var title = new Label(workspace.messages().get(titleKey));
        title.getStyleClass().add(Styles.TITLE);
        var text = new Label(workspace.messages().get("placeholder.notInThisBuild"));
        text.setId("placeholder-" + titleKey);
        text.getStyleClass().add(Styles.FIELD_LABEL);
        root = new VBox(12, title, text);
        root.setAlignment(Pos.CENTER);
    }

    /** A factory for a placeholder titled with the bundle's {@code titleKey}. */
    public static ScreenFactory of(String titleKey) {
        return workspace -> new PlaceholderScreen(workspace, titleKey);
    }

    @Override
    public Node root() {
        return root;
    }

    @Override
    public String titleKey() {
        return titleKey;
    }

    @Override
    public void shown() {
        // nothing to follow
    }

    @Override
    public void hidden() {
        // nothing to stop
    }
}
