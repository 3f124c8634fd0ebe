package io.stagedoor.app.internal;

import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** Read-only tables of records. */
public final class Tables {

    private Tables() {}

    /** A column showing {@code value} of each row; rows are immutable records, so nothing needs observing. */
    public static <S> TableColumn<S, String> column(String title, Function<S, String> value) {
        var column = new TableColumn<S, String>(title);
        column.setCellValueFactory(
                cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())).getReadOnlyProperty());
        return column;
    }

    /** A read-only table over {@code rows} with an id for tests, words for when it is empty, and its columns. */
    @SafeVarargs
    public static <S> TableView<S> of(
            String id, ObservableList<S> rows, String whenEmpty, TableColumn<S, String>... columns) {
        var table = new TableView<>(rows);
        table.setId(id);
        table.setPlaceholder(new Label(whenEmpty));
        fitColumns(table);
        table.getColumns().setAll(List.of(columns));
        return table;
    }

    /** Columns share the table's width, the last one taking what is left. */
    public static void fitColumns(TableView<?> table) {
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    }
}
