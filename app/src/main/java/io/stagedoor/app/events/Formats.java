package io.stagedoor.app.events;

import io.stagedoor.api.events.Event;
import io.stagedoor.app.internal.Messages;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;

/** How events read on screen. */
final class Formats {

    private Formats() {}

    /** The start in the event's own time zone, e.g. {@code 15 Jan 2027, 20:00 Europe/Vienna}. */
    static String startsAt(Event event, Messages messages) {
        var formatter = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(messages.locale());
        var zone = ZoneId.of(event.timeZone());
        return formatter.format(event.startsAt().atZone(zone)) + " " + zone.getId();
    }

    static String status(Event event, Messages messages) {
        return messages.get("status." + event.status().name());
    }
}
