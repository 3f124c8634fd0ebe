package io.stagedoor.app.events;

import io.stagedoor.app.internal.Messages;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.jspecify.annotations.Nullable;

/**
 * An optional moment as the organiser types it: a day and a time of day ({@code 9:30}) in the event's time zone. No
 * day means "no limit"; a day without a time means its first minute.
 */
public final class LocalMoment {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("H:mm");

    private final ObjectProperty<@Nullable LocalDate> date = new SimpleObjectProperty<>();
    private final StringProperty time = new SimpleStringProperty("");

    public ObjectProperty<@Nullable LocalDate> dateProperty() {
        return date;
    }

    /** Hours and minutes, {@code 20:00}; empty for midnight. */
    public StringProperty timeProperty() {
        return time;
    }

    /** Whether the time of day can be read; an empty one can. */
    public boolean timeReadable() {
        return time.get() == null || time.get().isBlank() || parseTime(time.get()) != null;
    }

    /** The moment in {@code zone}, or null when no day is chosen or the time cannot be read. */
    public @Nullable Instant in(ZoneId zone) {
        var day = date.get();
        if (day == null || !timeReadable()) {
            return null;
        }
        var at = time.get() == null || time.get().isBlank() ? LocalTime.MIDNIGHT : parseTime(time.get());
        return day.atTime(at).atZone(zone).toInstant();
    }

    /** Shows {@code instant} in {@code zone}; a null one empties both parts. */
    public void show(@Nullable Instant instant, ZoneId zone) {
        if (instant == null) {
            clear();
            return;
        }
        var local = instant.atZone(zone);
        date.set(local.toLocalDate());
        time.set(TIME.format(local.toLocalTime()));
    }

    /** What is wrong with the time of day as typed, or empty. */
    Optional<String> problem(Messages messages) {
        return timeReadable() ? Optional.empty() : Optional.of(messages.get("editor.rule.time"));
    }

    /** As {@link #problem}, and the message under {@code notAfterKey} when this moment is not after {@code start}. */
    Optional<String> problemAfter(LocalMoment start, ZoneId zone, Messages messages, String notAfterKey) {
        var unreadable = problem(messages);
        if (unreadable.isPresent()) {
            return unreadable;
        }
        var from = start.in(zone);
        var until = in(zone);
        return from != null && until != null && !until.isAfter(from)
                ? Optional.of(messages.get(notAfterKey))
                : Optional.empty();
    }

    public void clear() {
        date.set(null);
        time.set("");
    }

    static @Nullable LocalTime parseTime(@Nullable String value) {
        try {
            return value == null ? null : LocalTime.parse(value.strip(), TIME);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
