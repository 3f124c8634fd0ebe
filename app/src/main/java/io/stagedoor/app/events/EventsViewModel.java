package io.stagedoor.app.events;

import io.stagedoor.api.events.Event;
import io.stagedoor.api.sales.EventSales;
import io.stagedoor.app.internal.LatestOnly;
import io.stagedoor.app.internal.Money;
import io.stagedoor.app.internal.Startup;
import io.stagedoor.app.shell.Workspace;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;

/**
 * The organiser's events with their status, start, seats sold against the quota and revenue. One load fetches the
 * list and each event's figures in the background and replaces the rows in one go.
 */
public final class EventsViewModel {

    static final int MAX_EVENTS = 100;

    private final Workspace workspace;
    private final ObservableList<EventRow> rows = FXCollections.observableArrayList();
    // One read-only view, kept: a view's listeners on the list are weak and vanish with an unreferenced view.
    private final ObservableList<EventRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final LatestOnly<List<EventRow>> loader;

    public EventsViewModel(Workspace workspace) {
        this.workspace = workspace;
        this.loader = new LatestOnly<>(workspace.tasks(), this::load, this::loaded, this::failed);
    }

    /** Read-only rows, newest answer of the server. */
    public ObservableList<EventRow> rows() {
        return rowsView;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public void refresh() {
        loading.set(true);
        loader.request();
    }

    /** Makes {@code row}'s event the one every screen works on; null starts a new event. */
    public void select(@Nullable EventRow row) {
        var current = workspace.events().selected();
        var next = row == null ? null : row.event();
        if (!Objects.equals(current == null ? null : current.id(), next == null ? null : next.id())) {
            workspace.events().select(next);
        }
    }

    public void newEvent() {
        workspace.events().select(null);
    }

    /** The row of the selected event, if it is listed. */
    public @Nullable EventRow selectedRow() {
        var selected = workspace.events().selected();
        if (selected == null) {
            return null;
        }
        return rows.stream()
                .filter(row -> row.event().id().equals(selected.id()))
                .findFirst()
                .orElse(null);
    }

    /** Two requests however many events there are: the events, and their sales at a glance in the same order. */
    private List<EventRow> load() {
        var client = workspace.client();
        var messages = workspace.messages();
        var events = client.events().list(1, MAX_EVENTS).items();
        var sales = client.orders().eventSales(1, MAX_EVENTS).items().stream()
                .collect(Collectors.toMap(EventSales::eventId, Function.identity()));
        var result = new ArrayList<EventRow>(events.size());
        for (var event : events) {
            // An event created between the two requests has no figures yet: nothing sold.
            var figures = sales.get(event.id());
            int sold = figures == null ? 0 : figures.sold();
            int quota = figures == null ? 0 : figures.quota();
            var revenue = figures == null || figures.currency().isEmpty()
                    ? "—"
                    : Money.format(figures.total().grossMinor(), figures.currency(), messages.locale());
            result.add(new EventRow(
                    event,
                    event.title(),
                    Formats.status(event, messages),
                    Formats.startsAt(event, messages),
                    messages.format("events.soldOfQuota", sold, quota),
                    revenue));
        }
        return result;
    }

    private void loaded(List<EventRow> loaded) {
        loading.set(false);
        message.set("");
        if (!rows.equals(loaded)) {
            // Unchanged figures leave the table alone: no relayout for a refresh that brought nothing new.
            rows.setAll(loaded);
        }
        Startup.reached("workspace interactive");
        // A fresher copy of the selected event (its status may have changed) replaces the old one.
        var selected = workspace.events().selected();
        if (selected != null) {
            loaded.stream()
                    .map(EventRow::event)
                    .filter(e -> e.id().equals(selected.id()) && !e.equals(selected))
                    .findFirst()
                    .ifPresent((Event fresher) -> workspace.events().select(fresher));
        }
    }

    private void failed(String problem) {
        loading.set(false);
        message.set(problem);
    }
}
