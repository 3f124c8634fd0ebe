package io.stagedoor.client;

import io.stagedoor.api.Page;
import io.stagedoor.api.events.Event;
import io.stagedoor.api.events.EventCancellation;
import io.stagedoor.api.events.EventChanges;
import io.stagedoor.api.events.EventDraft;
import io.stagedoor.api.events.PublicEvent;
import java.util.UUID;
import tools.jackson.core.type.TypeReference;

/** Events, for their organiser, and published events as the public sees them. */
public final class Events {

    private final Transport transport;

    Events(Transport transport) {
        this.transport = transport;
    }

    /** {@code POST /api/v1/events}. */
    public Event create(EventDraft draft) {
        return transport.call("POST", "events").json(draft).send(Event.class);
    }

    /** {@code GET /api/v1/events?page=&size=}, pages counted from 1. */
    public Page<Event> list(int page, int size) {
        return transport
                .call("GET", "events")
                .query("page", page)
                .query("size", size)
                .send(new TypeReference<Page<Event>>() {});
    }

    /** {@code GET /api/v1/events/{eventId}}. */
    public Event get(UUID eventId) {
        return transport.call("GET", "events", eventId.toString()).send(Event.class);
    }

    /** {@code PATCH /api/v1/events/{eventId}}. */
    public Event update(UUID eventId, EventChanges changes) {
        return transport
                .call("PATCH", "events", eventId.toString())
                .json(changes)
                .send(Event.class);
    }

    /** {@code POST /api/v1/events/{eventId}/publish}. */
    public Event publish(UUID eventId) {
        return transport.call("POST", "events", eventId.toString(), "publish").send(Event.class);
    }

    /**
     * {@code POST /api/v1/events/{eventId}/start}: "Start show". Every ticket holder in the waiting room switches to
     * the player; a stream published before was a rehearsal, seen by the organiser only.
     */
    public Event startShow(UUID eventId) {
        return transport.call("POST", "events", eventId.toString(), "start").send(Event.class);
    }

    /** {@code POST /api/v1/events/{eventId}/end}: "End show". Ticket holders are offered the replay. */
    public Event end(UUID eventId) {
        return transport.call("POST", "events", eventId.toString(), "end").send(Event.class);
    }

    /**
     * {@code POST /api/v1/events/{eventId}/reopen}: undoes an end (a mistaken end, an overrun). A show that had been
     * on air is on air again; one that never was goes back on sale.
     */
    public Event reopen(UUID eventId) {
        return transport.call("POST", "events", eventId.toString(), "reopen").send(Event.class);
    }

    /** {@code POST /api/v1/events/{eventId}/cancel}: refunds paid orders and revokes their tickets. */
    public EventCancellation cancel(UUID eventId) {
        return transport.call("POST", "events", eventId.toString(), "cancel").send(EventCancellation.class);
    }

    /** {@code PUT /api/v1/events/{eventId}/cover}: a JPEG or PNG image. */
    public Event uploadCover(UUID eventId, byte[] image, String contentType) {
        return transport
                .call("PUT", "events", eventId.toString(), "cover")
                .bytes(image, contentType)
                .send(Event.class);
    }

    /** {@code GET /api/v1/events/{eventId}/cover}: the stored JPEG. */
    public byte[] cover(UUID eventId) {
        return transport.call("GET", "events", eventId.toString(), "cover").sendForBytes();
    }

    /** {@code GET /api/v1/public/events/{slug}}. */
    public PublicEvent publicEvent(String slug) {
        return transport.call("GET", "public", "events", slug).send(PublicEvent.class);
    }
}
