package io.stagedoor.server.sales;

import io.stagedoor.api.events.EventCancellation;
import io.stagedoor.api.events.EventStatus;
import io.stagedoor.api.sales.OrderStatus;
import io.stagedoor.server.accounts.Caller;
import io.stagedoor.server.db.Sql;
import io.stagedoor.server.error.ApiException;
import io.stagedoor.server.error.ConflictException;
import io.stagedoor.server.events.Events;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Calling an event off: it stops selling at once, orders waiting for payment are cancelled, and every paid order
 * is refunded (its tickets revoked). A refund the provider refuses is reported, and can be retried on the order.
 */
public final class EventCancellations {

    private final Jdbi jdbi;
    private final Clock clock;
    private final OrderLifecycle lifecycle;

    public EventCancellations(Jdbi jdbi, Clock clock, OrderLifecycle lifecycle) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.lifecycle = lifecycle;
    }

    public EventCancellation cancel(Caller caller, UUID eventId) {
        record Affected(List<UUID> pending, List<UUID> paid) {}
        var affected = jdbi.inTransaction(handle -> {
            var event = Events.owned(handle, caller, eventId, true);
            if (event.status() == EventStatus.ENDED || event.status() == EventStatus.CANCELLED) {
                throw new ConflictException(
                        "event-closed",
                        "Event closed",
                        "The event is already " + event.status().name().toLowerCase(Locale.ROOT) + ".");
            }
            handle.createUpdate("UPDATE event SET status = 'CANCELLED', updated_at = :now WHERE id = :id")
                    .bind("now", Sql.time(clock.instant()))
                    .bind("id", eventId)
                    .execute();
            return new Affected(
                    orders(handle, eventId, OrderStatus.PENDING), orders(handle, eventId, OrderStatus.PAID));
        });
        int cancelled = 0;
        for (var orderId : affected.pending()) {
            if (lifecycle.cancelPending(orderId, "the event was cancelled")) {
                cancelled++;
            }
        }
        int refunded = 0;
        var failures = new ArrayList<String>();
        for (var orderId : affected.paid()) {
            try {
                lifecycle.refund(orderId);
                refunded++;
            } catch (ApiException e) {
                failures.add(orderId + ": " + e.getMessage());
            }
        }
        var event = jdbi.withHandle(
                handle -> Events.owned(handle, caller, eventId, false).toApi());
        return new EventCancellation(event, refunded, cancelled, failures);
    }

    private static List<UUID> orders(Handle handle, UUID eventId, OrderStatus status) {
        return handle.createQuery("SELECT id FROM orders WHERE event_id = :event AND status = :status")
                .bind("event", eventId)
                .bind("status", status.name())
                .mapTo(UUID.class)
                .list();
    }
}
