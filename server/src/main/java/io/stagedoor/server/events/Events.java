package io.stagedoor.server.events;

import io.stagedoor.server.accounts.Caller;
import io.stagedoor.server.error.NotFoundException;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Looking events up inside a transaction, for every feature that works on one. An organiser who asks for
 * someone else's event is told it does not exist: the two cases are indistinguishable from outside.
 */
public final class Events {

    private Events() {}

    /** The caller's event, locked for the rest of the transaction when {@code forUpdate}. */
    public static EventRow owned(Handle handle, Caller caller, UUID eventId, boolean forUpdate) {
        return handle.createQuery("SELECT " + EventRow.COLUMNS
                        + " FROM event e WHERE e.id = :id AND e.organiser_id = :me" + (forUpdate ? " FOR UPDATE" : ""))
                .bind("id", eventId)
                .bind("me", caller.accountId())
                .map((rs, ctx) -> EventRow.map(rs))
                .findOne()
                .orElseThrow(() -> notFound(eventId));
    }

    /** Any event, for flows that are not the organiser's own (checkout, tickets). */
    public static EventRow byId(Handle handle, UUID eventId, boolean forUpdate) {
        return handle.createQuery("SELECT " + EventRow.COLUMNS + " FROM event e WHERE e.id = :id"
                        + (forUpdate ? " FOR UPDATE" : ""))
                .bind("id", eventId)
                .map((rs, ctx) -> EventRow.map(rs))
                .findOne()
                .orElseThrow(() -> notFound(eventId));
    }

    public static NotFoundException notFound(UUID eventId) {
        return new NotFoundException("There is no event " + eventId + ".");
    }
}
