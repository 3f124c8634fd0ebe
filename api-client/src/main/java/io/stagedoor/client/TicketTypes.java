package io.stagedoor.client;

import io.stagedoor.api.events.TicketType;
import io.stagedoor.api.events.TicketTypeChanges;
import io.stagedoor.api.events.TicketTypeDraft;
import java.util.List;
import java.util.UUID;
import tools.jackson.core.type.TypeReference;

/** An event's ticket types. */
public final class TicketTypes {

    private final Transport transport;

    TicketTypes(Transport transport) {
        this.transport = transport;
    }

    /** {@code POST /api/v1/events/{eventId}/ticket-types}. */
    public TicketType create(UUID eventId, TicketTypeDraft draft) {
        return transport
                .call("POST", "events", eventId.toString(), "ticket-types")
                .json(draft)
                .send(TicketType.class);
    }

    /** {@code GET /api/v1/events/{eventId}/ticket-types}. */
    public List<TicketType> list(UUID eventId) {
        return transport
                .call("GET", "events", eventId.toString(), "ticket-types")
                .send(new TypeReference<List<TicketType>>() {});
    }

    /** {@code PATCH /api/v1/events/{eventId}/ticket-types/{ticketTypeId}}. */
    public TicketType update(UUID eventId, UUID ticketTypeId, TicketTypeChanges changes) {
        return transport
                .call("PATCH", "events", eventId.toString(), "ticket-types", ticketTypeId.toString())
                .json(changes)
                .send(TicketType.class);
    }

    /** {@code DELETE /api/v1/events/{eventId}/ticket-types/{ticketTypeId}}. */
    public void delete(UUID eventId, UUID ticketTypeId) {
        transport
                .call("DELETE", "events", eventId.toString(), "ticket-types", ticketTypeId.toString())
                .sendExpectingNothing();
    }
}
