package io.stagedoor.server.sales;

import io.stagedoor.server.db.Sql;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background upkeep of sales: orders whose payment never came give their seats back when their hold ends, refunds
 * that are due are tried again (see {@link Refunds}), and stored idempotent answers are dropped after a day.
 */
public final class SalesHousekeeping implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SalesHousekeeping.class);

    private final Jdbi jdbi;
    private final Clock clock;
    private final OrderLifecycle lifecycle;
    private final Refunds refunds;
    private final CheckoutService checkout;
    private final ScheduledExecutorService scheduler;

    public SalesHousekeeping(
            Jdbi jdbi,
            Clock clock,
            OrderLifecycle lifecycle,
            Refunds refunds,
            CheckoutService checkout,
            Duration every) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.lifecycle = lifecycle;
        this.refunds = refunds;
        this.checkout = checkout;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("sales-housekeeping").daemon().factory());
        scheduler.scheduleWithFixedDelay(this::runSafely, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runSafely() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            log.warn("Sales housekeeping failed; trying again later", e);
        }
    }

    /**
     * One round: release expired holds, try the refunds that are due, purge old idempotent answers. Returns the
     * orders cancelled.
     */
    public int runOnce() {
        var expired = jdbi.withHandle(
                handle -> handle.createQuery("SELECT id FROM orders WHERE status = 'PENDING' AND expires_at <= :now")
                        .bind("now", Sql.time(clock.instant()))
                        .mapTo(UUID.class)
                        .list());
        int cancelled = 0;
        for (var orderId : expired) {
            if (lifecycle.cancelPending(orderId, OrderRow.CancelReason.EXPIRED, "not paid before its hold ended")) {
                cancelled++;
            }
        }
        refunds.oweForCancelledEvents();
        refunds.refundDue();
        checkout.purgeExpiredIdempotencyKeys();
        return cancelled;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
