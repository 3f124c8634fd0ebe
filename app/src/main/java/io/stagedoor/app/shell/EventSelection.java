package io.stagedoor.app.shell;

import io.stagedoor.api.events.Event;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.jspecify.annotations.Nullable;

/**
 * The event the organiser is working on, shared by every screen: the Events screen chooses it, the Broadcast and
 * Monitor screens follow it. Changed on the FX thread only.
 */
public final class EventSelection {

    private final ReadOnlyObjectWrapper<@Nullable Event> selected = new ReadOnlyObjectWrapper<>();

    public ReadOnlyObjectProperty<@Nullable Event> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public @Nullable Event selected() {
        return selected.get();
    }

    /** Chooses {@code event}, or none; a newer copy of the same event replaces the old one. */
    public void select(@Nullable Event event) {
        selected.set(event);
    }
}
