package io.stagedoor.app.internal;

import java.util.Objects;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The pieces the broadcast and monitor screens are built from, so both look and read alike. */
public final class ScreenParts {

    /** The broadcast studio's and the monitor's stylesheet, with their light and dark colours. */
    public static final String STYLESHEET = "/io/stagedoor/app/broadcast.css";

    private ScreenParts() {}

    /** Gives a screen's root its style class and the stylesheet, so it looks right in any scene. */
    public static void styleRoot(Parent root, String styleClass) {
        root.getStyleClass().add(styleClass);
        root.getStylesheets()
                .add(Objects.requireNonNull(ScreenParts.class.getResource(STYLESHEET))
                        .toExternalForm());
    }

    /** A label showing {@code text}, found by {@code id} (tests and styles use it). */
    public static Label label(String id, ObservableStringValue text) {
        var label = new Label();
        label.setId(id);
        label.textProperty().bind(text);
        return label;
    }

    /** A titled box. */
    public static VBox card(String title, Node content) {
        var heading = new Label(title);
        heading.getStyleClass().add("sd-section-title");
        var box = new VBox(6, heading, content);
        box.getStyleClass().add(Styles.CARD);
        return box;
    }

    /** A row of a name and its value, the name labelling the value for screen readers. */
    public static void field(GridPane grid, int row, String name, Label value) {
        var label = new Label(name);
        label.getStyleClass().add(Styles.FIELD_LABEL);
        label.setMinWidth(Region.USE_PREF_SIZE);
        label.setLabelFor(value);
        grid.addRow(row, label, value);
    }
}
