package io.stagedoor.app.broadcast;

import io.stagedoor.api.events.Event;
import io.stagedoor.api.events.EventDraft;
import io.stagedoor.api.events.TicketAccess;
import io.stagedoor.api.events.TicketTypeDraft;
import io.stagedoor.client.StagedoorClient;
import java.time.Duration;
import java.time.Instant;

/** Events the broadcast tests go live on. */
final class TestEvents {

    private TestEvents() {}

    /** A published event in an hour, with a live ticket type on sale: its ingest accepts a publish. */
    static Event onSale(StagedoorClient organiser, String title) {
        var event = organiser
                .events()
                .create(new EventDraft(
                        title, "Live.", Instant.now().plus(Duration.ofHours(1)), "Europe/Vienna", 60, "#334455", null));
        organiser
                .ticketTypes()
                .create(
                        event.id(),
                        new TicketTypeDraft(
                                "Stream", 500L, "EUR", 10, null, null, new TicketAccess(true, 48, false, 0)));
        organiser.events().publish(event.id());
        return event;
    }
}
