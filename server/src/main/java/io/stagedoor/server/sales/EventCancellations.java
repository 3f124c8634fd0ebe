package io.stagedoor.server.sales;

import io.stagedoor.api.events.EventCancellation;
import io.stagedoor.api.sales.Order;
import io.stagedoor.server.accounts.Caller;
import io.stagedoor.server.db.Sql;
import io.stagedoor.server.error.ConflictException;
import io.stagedoor.server.events.Events;
import io.stagedoor.server.sales.OrderRow.CancelReason;
import io.stagedoor.server.signals.Signal;
import io.stagedoor.server.signals.Signals;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Calling an event off: it stops selling at once, orders waiting for payment are cancelled, and every paid order is
 * refunded. The refunds are recorded as owed in the transaction that cancels the event, so that none is lost if the
 * process dies right after; they are tried at once, and those the provider does not confirm are tried again by
 * {@link Refunds#refundDue()} until it does. The answer lists the ones still pending.
 */
public final class EventCancellations {

    private final Jdbi jdbi;
    private final Clock clock;
    private final OrderLifecycle lifecycle;
    private final Refunds refunds;
    private final Signals signals;

    public EventCancellations(Jdbi jdbi, Clock clock, OrderLifecycle lifecycle, Refunds refunds, Signals signals) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.lifecycle = lifecycle;
        this.refunds = refunds;
        this.signals = signals;
    }

    public EventCancellation cancel(Caller caller, UUID eventId) {
        record Affected(List<UUID> pending, List<UUID> owed) {}
        var affected = jdbi.inTransaction(handle -> {
            var now = clock.instant();
            // A plain update rather than SELECT ... FOR UPDATE: it still keeps a concurrent end or cancellation out,
            // but not the checkouts writing orders of this event meanwhile, which hold their ticket types' locks that
            // this transaction takes next (PostgreSQL's foreign key checks share-lock the event row).
            int cancelledEvent = handle.createUpdate("""
                            UPDATE event SET status = 'CANCELLED', updated_at = :now
                            WHERE id = :id AND organiser_id = :me AND status NOT IN ('ENDED', 'CANCELLED')
                            """)
                    .bind("now", Sql.time(now))
                    .bind("id", eventId)
                    .bind("me", caller.accountId())
                    .execute();
            if (cancelledEvent == 0) {
                var event = Events.owned(handle, caller, eventId, false);
                throw new ConflictException(
                        "event-closed",
                        "Event closed",
                        "The event is already " + event.status().name().toLowerCase(Locale.ROOT) + ".");
            }
            // Then every lock in one order: the orders, then the ticket types by ID, as a payment being confirmed at
            // this moment takes its order's and then its ticket types'. A payment confirmed while this runs is caught
            // by Refunds.oweForCancelledEvents.
            var paid = handle.createQuery("""
                            SELECT id FROM orders WHERE event_id = :event AND status = 'PAID' AND refund_next_at IS NULL
                            ORDER BY id
                            """).bind("event", eventId).mapTo(UUID.class).list().stream()
                    .map(orderId -> OrderRow.load(handle, orderId, true))
                    .toList();
            handle.createQuery("SELECT id FROM ticket_type WHERE event_id = :event ORDER BY id FOR UPDATE")
                    .bind("event", eventId)
                    .mapTo(UUID.class)
                    .list();
            for (var order : paid) {
                Refunds.owe(handle, order, null, "the event was cancelled", now);
            }
            return new Affected(
                    orders(handle, eventId, "status = 'PENDING'"),
                    orders(handle, eventId, "refund_next_at IS NOT NULL AND status <> 'REFUNDED'"));
        });
        // Ticket pages say so at once, and the stream, if any, stops.
        signals.send(Signal.EVENT_CHANGED, eventId);
        int cancelled = 0;
        for (var orderId : affected.pending()) {
            if (lifecycle.cancelPending(orderId, CancelReason.EVENT, "the event was cancelled")) {
                cancelled++;
            }
        }
        int refunded = 0;
        // A provider that failed once is not asked again for the others now: the job will, without keeping the
        // organiser waiting on every one of them.
        var failedProviders = new HashSet<String>();
        for (var orderId : affected.owed()) {
            var provider = jdbi.withHandle(handle -> OrderRow.load(handle, orderId, false))
                    .provider();
            if (failedProviders.contains(provider)) {
                continue;
            }
            switch (refunds.attempt(orderId)) {
                case Refunds.Attempt.Refunded r -> refunded++;
                case Refunds.Attempt.Failed f -> failedProviders.add(provider);
                case Refunds.Attempt.NotOwed n -> {
                    // Refunded meanwhile by the provider's own notice.
                }
            }
        }
        int refundedAtOnce = refunded;
        int cancelledPending = cancelled;
        return jdbi.withHandle(handle -> {
            var event = Events.owned(handle, caller, eventId, false).toApi();
            var pending = new ArrayList<Order>();
            var failures = new ArrayList<String>();
            for (var orderId : affected.owed()) {
                var order = OrderRow.load(handle, orderId, false);
                if (order.refundOwed()) {
                    pending.add(order.toApi());
                    failures.add(order.reference() + ": "
                            + (order.refundError() == null
                                    ? "not tried yet, as its payment provider failed for another order just before;"
                                            + " the server tries it shortly"
                                    : order.refundError()));
                }
            }
            return new EventCancellation(event, refundedAtOnce, cancelledPending, failures, pending);
        });
    }

    private static List<UUID> orders(Handle handle, UUID eventId, String condition) {
        return handle.createQuery("SELECT id FROM orders WHERE event_id = :event AND " + condition + " ORDER BY id")
                .bind("event", eventId)
                .mapTo(UUID.class)
                .list();
    }
}
