package io.stagedoor.app.internal;

import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;

/** Small builders for the forms of the screens, so that every field is labelled and named the same way. */
public final class Forms {

    private Forms() {}

    /** A text field bound both ways to {@code value}, with an id for tests and a name for screen readers. */
    public static TextField field(String id, String accessibleName, StringProperty value) {
        var field = new TextField();
        field.setId(id);
        field.setAccessibleText(accessibleName);
        field.textProperty().bindBidirectional(value);
        return field;
    }

    /** A label showing {@code value}, selectable neither by mouse nor by focus: a read-only figure. */
    public static Label value(String id, ObservableStringValue value) {
        var label = new Label();
        label.setId(id);
        label.textProperty().bind(value);
        return label;
    }

    /** Adds "label · control" as the next row of {@code grid}. */
    public static void row(GridPane grid, String label, Node control) {
        var name = new Label(label);
        name.getStyleClass().add(Styles.FIELD_LABEL);
        name.setLabelFor(control);
        grid.addRow(grid.getRowCount(), name, control);
    }

    /** A one-line status that only takes room while it has something to say. */
    public static Label message(String id, ObservableStringValue text) {
        var label = value(id, text);
        label.setWrapText(true);
        label.getStyleClass().add(Styles.MESSAGE);
        label.managedProperty().bind(label.textProperty().isNotEmpty());
        label.visibleProperty().bind(label.managedProperty());
        return label;
    }

    public static GridPane grid() {
        var grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(8);
        var labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        grid.getColumnConstraints().add(labels);
        return grid;
    }
}
