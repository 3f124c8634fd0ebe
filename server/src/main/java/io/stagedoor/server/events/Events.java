package io.stagedoor.server.events;

import io.stagedoor.api.Page;
import io.stagedoor.server.accounts.Caller;
import io.stagedoor.server.db.PageRequest;
import io.stagedoor.server.error.NotFoundException;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

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
        return find(handle, eventId, forUpdate).orElseThrow(() -> notFound(eventId));
    }

    /** Any event, if it exists, locked for the rest of the transaction when {@code forUpdate}. */
    public static Optional<EventRow> find(Handle handle, UUID eventId, boolean forUpdate) {
        return handle.createQuery("SELECT " + EventRow.COLUMNS + " FROM event e WHERE e.id = :id"
                        + (forUpdate ? " FOR UPDATE" : ""))
                .bind("id", eventId)
                .map((rs, ctx) -> EventRow.map(rs))
                .findOne();
    }

    /**
     * A page of the caller's events in the order organisers see them listed (latest start first), each row mapped by
     * {@code mapper} from {@code columns} of {@code event e}; the total counts all of the caller's events.
     */
    public static <T> Page<T> page(
            Handle handle, Caller caller, PageRequest page, String columns, RowMapper<T> mapper) {
        long total = handle.createQuery("SELECT COUNT(*) FROM event WHERE organiser_id = :me")
                .bind("me", caller.accountId())
                .mapTo(Long.class)
                .one();
        var items = handle.createQuery("SELECT " + columns + " FROM event e WHERE e.organiser_id = :me"
                        + " ORDER BY e.starts_at DESC, e.id LIMIT :limit OFFSET :offset")
                .bind("me", caller.accountId())
                .bind("limit", page.size())
                .bind("offset", page.offset())
                .map(mapper)
                .list();
        return new Page<>(items, page.page(), page.size(), total);
    }

    public static NotFoundException notFound(UUID eventId) {
        return new NotFoundException("There is no event " + eventId + ".");
    }
}
