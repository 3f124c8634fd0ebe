package io.stagedoor.server.sales;

import io.stagedoor.api.sales.OrderStatus;
import io.stagedoor.server.db.Sql;
import io.stagedoor.server.error.ApiException;
import io.stagedoor.server.error.ConflictException;
import io.stagedoor.server.payments.Payments;
import io.stagedoor.server.tickets.TicketService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Money owed back to buyers, until the provider has it back. A refund is first recorded as owed, in the same
 * transaction as its cause (the organiser's refund, the event's cancellation, a payment for an order that can no
 * longer be sold): from then on the tickets no longer work, the seats are free, and the refund survives a crash. It
 * is then tried at once, and again by {@link #refundDue()} with a growing pause (one minute, doubling, at most an
 * hour) for as long as it takes. Every try names the order in its idempotency key, so that a try whose answer was
 * lost cannot refund twice.
 */
public final class Refunds {

    /** The pause after the first failed try; it doubles with every further one. */
    static final Duration FIRST_PAUSE = Duration.ofMinutes(1);
    /** The longest pause between tries: a refund is never given up, only tried less often. */
    static final Duration LONGEST_PAUSE = Duration.ofHours(1);
    /** How long a try may take before another may start (the provider's own timeouts and retries are shorter). */
    static final Duration TRY_LEASE = Duration.ofMinutes(5);
    /** Refunds looked at per query of {@link #refundDue()}. */
    private static final int BATCH = 100;

    private static final Logger log = LoggerFactory.getLogger(Refunds.class);

    private final Jdbi jdbi;
    private final Clock clock;
    private final Payments payments;

    public Refunds(Jdbi jdbi, Clock clock, Payments payments) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.payments = payments;
    }

    /**
     * Records that the order's money must go back, inside the caller's transaction, which holds the order's lock (and
     * the locks of its ticket types, when it holds several orders'). A paid order's tickets stop working and its
     * seats are free again at once; the money follows when the provider confirms. Owing it twice changes nothing.
     *
     * @param paymentId the payment to give back, when the order does not know it yet (a late payment)
     */
    static void owe(Handle handle, OrderRow order, @Nullable String paymentId, String reason, Instant now) {
        if (order.refundOwed() || order.status() == OrderStatus.REFUNDED) {
            return;
        }
        if (order.status() == OrderStatus.PAID) {
            OrderLifecycle.Seats.release(handle, order.lines(), true);
            TicketService.revokeOrder(handle, order.id(), now);
        }
        handle.createUpdate("""
                        UPDATE orders SET refund_reason = :reason, refund_requested_at = :now, refund_attempts = 0,
                            refund_next_at = :now, refund_error = NULL,
                            provider_payment = COALESCE(:payment, provider_payment), paid_at = COALESCE(paid_at, :now)
                        WHERE id = :id
                        """)
                .bind("reason", reason)
                .bind("now", Sql.time(now))
                .bind("payment", paymentId)
                .bind("id", order.id())
                .execute();
    }

    /**
     * Records that the provider has the money back, inside the caller's transaction, which holds the order's lock: the
     * order is refunded. An order not yet owed a refund (refunded at the provider) loses its tickets and seats now.
     *
     * @param reason why, when no refund was owed
     */
    static void settle(Handle handle, OrderRow order, String reason, Instant now) {
        if (order.status() == OrderStatus.REFUNDED) {
            return;
        }
        if (!order.refundOwed()) {
            switch (order.status()) {
                case PAID -> {
                    OrderLifecycle.Seats.release(handle, order.lines(), true);
                    TicketService.revokeOrder(handle, order.id(), now);
                }
                case PENDING -> OrderLifecycle.Seats.release(handle, order.lines(), false);
                default -> {
                    // A cancelled order holds no seats.
                }
            }
        }
        handle.createUpdate("""
                        UPDATE orders SET status = 'REFUNDED', refunded_at = :now, refund_next_at = NULL,
                            refund_error = NULL, refund_reason = COALESCE(refund_reason, :reason),
                            refund_requested_at = COALESCE(refund_requested_at, :now),
                            paid_at = COALESCE(paid_at, :now), expires_at = NULL
                        WHERE id = :id
                        """)
                .bind("now", Sql.time(now))
                .bind("reason", reason)
                .bind("id", order.id())
                .execute();
    }

    /** How a try went. */
    public sealed interface Attempt {
        /** The provider has the money back; the order is refunded. */
        record Refunded() implements Attempt {}

        /** The provider did not refund; the server tries again at {@code nextAt}. */
        record Failed(String error, Instant nextAt) implements Attempt {}

        /** No refund is owed (any more) for this order. */
        record NotOwed() implements Attempt {}
    }

    /** Tries now to refund an order that is owed one, whether or not a try is due. */
    public Attempt attempt(UUID orderId) {
        var claimed = jdbi.inTransaction(handle -> {
            var order = OrderRow.load(handle, orderId, true);
            if (!order.refundOwed()) {
                return null;
            }
            // Keeps the job from starting the same refund again while this try waits for the provider.
            handle.createUpdate(
                            "UPDATE orders SET refund_attempts = refund_attempts + 1, refund_next_at = :lease WHERE id = :id")
                    .bind("lease", Sql.time(clock.instant().plus(TRY_LEASE)))
                    .bind("id", orderId)
                    .execute();
            return order;
        });
        if (claimed == null) {
            return new Attempt.NotOwed();
        }
        int attempt = claimed.refundAttempts() + 1;
        String error = null;
        try {
            if (claimed.totalMinor() > 0 && claimed.providerPayment() != null) {
                payments.refunder(claimed.provider())
                        .orElseThrow(() -> new ConflictException(
                                "provider-disabled",
                                "Provider disabled",
                                "The order was paid with \"" + claimed.provider() + "\", which this server no longer"
                                        + " offers: turn it on again to refund through the server, or refund the"
                                        + " payment at the provider itself"))
                        .refund(
                                claimed.providerPayment(),
                                claimed.totalMinor(),
                                claimed.currency(),
                                "stagedoor-refund-" + orderId);
            }
        } catch (ApiException e) {
            error = e.getMessage();
        } catch (RuntimeException e) {
            log.error("Refund of order {} failed unexpectedly", claimed.reference(), e);
            error = "Something unexpected went wrong on the server; its log has the details";
        }
        var now = clock.instant();
        if (error == null) {
            jdbi.useTransaction(handle -> settle(handle, OrderRow.load(handle, orderId, true), "", now));
            log.info("Order {} refunded ({}) at try {}", claimed.reference(), claimed.refundReason(), attempt);
            return new Attempt.Refunded();
        }
        var nextAt = now.plus(pauseAfter(attempt));
        var failure = error.length() > 500 ? error.substring(0, 497) + "..." : error;
        jdbi.useHandle(handle -> handle.createUpdate("""
                        UPDATE orders SET refund_error = :error, refund_next_at = :next
                        WHERE id = :id AND refund_next_at IS NOT NULL AND status <> 'REFUNDED'
                        """)
                .bind("error", failure)
                .bind("next", Sql.time(nextAt))
                .bind("id", orderId)
                .execute());
        log.warn(
                "Refund of order {} ({}) failed at try {}: {}. Trying again at {}",
                claimed.reference(),
                claimed.refundReason(),
                attempt,
                error,
                nextAt);
        return new Attempt.Failed(failure, nextAt);
    }

    /**
     * Owes a refund for every paid order of a cancelled event that has none yet: orders whose payment was confirmed
     * while their event was being cancelled, after the cancellation had listed the orders to refund. Returns how many.
     */
    public int oweForCancelledEvents() {
        var missed = jdbi.withHandle(
                handle -> handle.createQuery("""
                        SELECT o.id FROM event e JOIN orders o ON o.event_id = e.id
                        WHERE e.status = 'CANCELLED' AND o.status = 'PAID' AND o.refund_next_at IS NULL
                        """).mapTo(UUID.class).list());
        int owed = 0;
        for (var orderId : missed) {
            boolean changed = jdbi.inTransaction(handle -> {
                var order = OrderRow.load(handle, orderId, true);
                if (order.status() != OrderStatus.PAID || order.refundOwed()) {
                    return false;
                }
                owe(handle, order, null, "the event was cancelled", clock.instant());
                return true;
            });
            if (changed) {
                log.warn("Order {} was paid while its event was being cancelled; its refund is owed", orderId);
                owed++;
            }
        }
        return owed;
    }

    /** The pause after {@code attempts} failed tries: one minute, doubling, at most an hour. */
    static Duration pauseAfter(int attempts) {
        int doublings = Math.min(Math.max(attempts - 1, 0), 20);
        var pause = FIRST_PAUSE.multipliedBy(1L << doublings);
        return pause.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause;
    }

    /**
     * Tries every refund that is due. Once a provider fails, its other refunds wait for the next round rather than
     * each waiting on a provider that is down. Returns how many were refunded.
     */
    public int refundDue() {
        var failedProviders = new HashSet<String>();
        int refunded = 0;
        while (true) {
            record Due(UUID orderId, String provider) {}
            var due = jdbi.withHandle(handle -> handle.createQuery("""
                            SELECT id, provider FROM orders WHERE refund_next_at <= :now AND status <> 'REFUNDED'
                            ORDER BY refund_next_at, id LIMIT :batch
                            """)
                    .bind("now", Sql.time(clock.instant()))
                    .bind("batch", BATCH)
                    .map((rs, ctx) -> new Due(Sql.uuid(rs, "id"), rs.getString("provider")))
                    .list());
            int tried = 0;
            for (var order : due) {
                if (failedProviders.contains(order.provider())) {
                    continue;
                }
                tried++;
                switch (attempt(order.orderId())) {
                    case Attempt.Refunded r -> refunded++;
                    case Attempt.Failed f -> failedProviders.add(order.provider());
                    case Attempt.NotOwed n -> {
                        // Refunded meanwhile, by a notice or another try.
                    }
                }
            }
            if (tried == 0) {
                return refunded;
            }
        }
    }
}
