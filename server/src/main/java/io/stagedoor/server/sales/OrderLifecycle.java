package io.stagedoor.server.sales;

import io.stagedoor.api.events.EventStatus;
import io.stagedoor.api.sales.OrderLine;
import io.stagedoor.api.sales.OrderStatus;
import io.stagedoor.server.config.PublicUrl;
import io.stagedoor.server.db.Sql;
import io.stagedoor.server.error.ConflictException;
import io.stagedoor.server.error.ProviderUnavailableException;
import io.stagedoor.server.events.EventRow;
import io.stagedoor.server.events.Events;
import io.stagedoor.server.mail.Outbox;
import io.stagedoor.server.mail.OutgoingMessage;
import io.stagedoor.server.money.Allocation;
import io.stagedoor.server.money.Fees;
import io.stagedoor.server.payments.Payments;
import io.stagedoor.server.platform.PlatformSettingsStore;
import io.stagedoor.server.sales.OrderRow.CancelReason;
import io.stagedoor.server.tickets.IssuedTicket;
import io.stagedoor.server.tickets.TicketEmail;
import io.stagedoor.server.tickets.TicketService;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The moves of an order after checkout, each one transaction: paid (fee fixed, seats sold, tickets issued, e-mail
 * written to the outbox), cancelled (seats and promo use released), refunded (tickets revoked, seats back; the money
 * through {@link Refunds}). Notices of one payment are applied one after the other, in whatever order they arrive,
 * and each leaves the order where the last word about its money says it should be.
 */
public final class OrderLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OrderLifecycle.class);

    private final Jdbi jdbi;
    private final Clock clock;
    private final Payments payments;
    private final Refunds refunds;
    private final PublicUrl publicUrl;

    public OrderLifecycle(Jdbi jdbi, Clock clock, Payments payments, Refunds refunds, PublicUrl publicUrl) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.payments = payments;
        this.refunds = refunds;
        this.publicUrl = publicUrl;
    }

    /**
     * Takes a provider's word that an order was paid. The order is settled (fee fixed, seats sold, tickets issued and
     * e-mailed) when it can still be sold: it waits for payment, or its hold ran out and its seats and promo code use
     * are still to be had, and its event is on sale. Otherwise the payment is owed back and refunded: the order was
     * cancelled (by the organiser, with its event, or its seats sold meanwhile), or its event was cancelled or ended.
     * A payment the provider reported refunded before this confirmation leaves the order refunded, without tickets.
     * Repeated confirmations change nothing.
     */
    public void markPaid(UUID orderId, @Nullable String paymentId) {
        var provider =
                jdbi.withHandle(handle -> OrderRow.load(handle, orderId, false)).provider();
        boolean refundNow = jdbi.inTransaction(handle -> {
            var now = clock.instant();
            var refundedEarlier = paymentId == null
                    ? Optional.<Instant>empty()
                    : ProviderPayments.lock(handle, provider, paymentId, now);
            var order = OrderRow.load(handle, orderId, true);
            if (order.status() == OrderStatus.PAID || order.status() == OrderStatus.REFUNDED || order.refundOwed()) {
                if (paymentId != null && !paymentId.equals(order.providerPayment())) {
                    log.warn(
                            "{} confirmed payment {} for order {}, which is {} with payment {}; not acted on",
                            provider,
                            paymentId,
                            order.reference(),
                            order.status(),
                            order.providerPayment());
                }
                return false;
            }
            if (refundedEarlier.isPresent()) {
                // The refund notice came first: the money is back already, so no ticket is ever issued.
                handle.createUpdate("UPDATE orders SET provider_payment = :payment WHERE id = :id")
                        .bind("payment", paymentId)
                        .bind("id", orderId)
                        .execute();
                Refunds.settle(handle, order, "refunded at " + provider + " before the payment was confirmed", now);
                log.info("Order {} was refunded at {} before its payment was confirmed", order.reference(), provider);
                return false;
            }
            var event = Events.byId(handle, order.eventId(), false);
            var refundReason = reasonToRefund(handle, order, event);
            if (refundReason != null) {
                if (order.status() == OrderStatus.PENDING) {
                    cancelPending(handle, order, CancelReason.EVENT, "its event closed before the payment came");
                }
                Refunds.owe(handle, order, paymentId, refundReason, now);
                log.warn("Order {} was paid, but {}: refunding", order.reference(), refundReason);
                return true;
            }
            settle(handle, order, paymentId, now);
            var tickets = TicketService.issue(
                    handle,
                    orderId,
                    order.eventId(),
                    order.lines().stream()
                            .map(l -> new TicketService.Seats(l.ticketTypeId(), l.ticketTypeName(), l.quantity()))
                            .toList(),
                    order.buyerName(),
                    order.buyerEmail(),
                    now);
            Outbox.enqueue(handle, ticketEmail(event, order, tickets, now, false), now);
            // Last, as every other buyer of these ticket types waits for their rows from here until the commit.
            Seats.sell(handle, order.lines());
            return false;
        });
        if (refundNow) {
            refunds.attempt(orderId);
        }
    }

    /**
     * Why a payment for this order must go back, or null when the order can be settled. An order whose hold ran out
     * takes its seats and promo code use again here when they are still free.
     */
    private @Nullable String reasonToRefund(Handle handle, OrderRow order, EventRow event) {
        if (!event.isOnSale()) {
            return "the payment came after the event was "
                    + (event.status() == EventStatus.CANCELLED ? "cancelled" : "closed");
        }
        if (order.status() != OrderStatus.CANCELLED) {
            return null;
        }
        if (order.cancelReason() != CancelReason.EXPIRED) {
            return "the payment came after the order was cancelled ("
                    + (order.cancelReason() == null ? "before it was paid" : order.cancelReason().words) + ")";
        }
        if (!Seats.reserve(handle, order.lines())) {
            return "the payment came after the order's hold ended, and its seats were sold meanwhile";
        }
        if (order.promoCodeId() != null && !retakePromoUse(handle, order.promoCodeId())) {
            Seats.release(handle, order.lines(), false);
            return "the payment came after the order's hold ended, and its promo code was used up meanwhile";
        }
        return null;
    }

    /** Counts a late order's promo code use again, when the code has one left. */
    private static boolean retakePromoUse(Handle handle, UUID promoCodeId) {
        return handle.createUpdate("""
                        UPDATE promo_code SET redemptions = redemptions + 1
                        WHERE id = :id AND (max_redemptions IS NULL OR redemptions < max_redemptions)
                        """).bind("id", promoCodeId).execute() == 1;
    }

    /** Fixes the fee at today's rate and marks the order paid; the caller then moves its seats from held to sold. */
    private void settle(Handle handle, OrderRow order, @Nullable String paymentId, Instant now) {
        int rate = PlatformSettingsStore.feeBasisPoints(handle);
        long fee = Fees.fee(order.totalMinor(), rate);
        var lineFees = Allocation.proportional(
                fee, order.lines().stream().mapToLong(l -> l.totalMinor()).toArray());
        for (int i = 0; i < order.lines().size(); i++) {
            var line = order.lines().get(i);
            handle.createUpdate(
                            "UPDATE order_line SET fee_minor = :fee WHERE order_id = :order AND ticket_type_id = :type")
                    .bind("fee", lineFees[i])
                    .bind("order", order.id())
                    .bind("type", line.ticketTypeId())
                    .execute();
        }
        handle.createUpdate("""
                        UPDATE orders SET status = 'PAID', paid_at = :now, fee_basis_points = :rate, fee_minor = :fee,
                            net_minor = :net, provider_payment = :payment, cancelled_at = NULL, cancel_reason = NULL,
                            expires_at = NULL
                        WHERE id = :id
                        """)
                .bind("now", Sql.time(now))
                .bind("rate", rate)
                .bind("fee", fee)
                .bind("net", order.totalMinor() - fee)
                .bind("payment", paymentId)
                .bind("id", order.id())
                .execute();
    }

    /** Cancels an order still waiting for payment, releasing its seats and its promo code use. */
    boolean cancelPending(UUID orderId, CancelReason reason, String why) {
        return jdbi.inTransaction(handle -> cancelPending(handle, OrderRow.load(handle, orderId, true), reason, why));
    }

    boolean cancelPending(Handle handle, OrderRow order, CancelReason reason, String why) {
        if (order.status() != OrderStatus.PENDING) {
            return false;
        }
        Seats.release(handle, order.lines(), false);
        if (order.promoCodeId() != null) {
            handle.createUpdate(
                            "UPDATE promo_code SET redemptions = redemptions - 1 WHERE id = :id AND redemptions > 0")
                    .bind("id", order.promoCodeId())
                    .execute();
        }
        handle.createUpdate(
                        "UPDATE orders SET status = 'CANCELLED', cancelled_at = :now, cancel_reason = :reason WHERE id = :id")
                .bind("now", Sql.time(clock.instant()))
                .bind("reason", reason.name())
                .bind("id", order.id())
                .execute();
        log.info("Order {} cancelled: {}", order.reference(), why);
        return true;
    }

    /**
     * The organiser's refund: records the refund as owed (the tickets stop working and the seats are free at once)
     * and asks the provider now. For an order already owed a refund, this is simply another try.
     *
     * @throws ConflictException when the order was not paid, is refunded already, or its provider is no longer offered
     * @throws io.stagedoor.server.error.ProviderUnavailableException when the provider did not refund it this time;
     *     the refund stays owed, and the server tries again by itself
     */
    public void refund(UUID orderId) {
        jdbi.useTransaction(handle -> {
            var order = OrderRow.load(handle, orderId, true);
            if (order.refundOwed()) {
                return;
            }
            if (order.status() != OrderStatus.PAID) {
                throw new ConflictException(
                        "not-paid",
                        "Not paid",
                        "Only a paid order can be refunded; this one is "
                                + order.status().name().toLowerCase(Locale.ROOT) + ".");
            }
            if (order.totalMinor() > 0
                    && order.providerPayment() != null
                    && payments.refunder(order.provider()).isEmpty()) {
                throw new ConflictException(
                        "provider-disabled",
                        "Provider disabled",
                        "The order was paid with \"" + order.provider()
                                + "\", which this server no longer offers; refund it there.");
            }
            Refunds.owe(handle, order, null, "refunded by the organiser", clock.instant());
        });
        if (refunds.attempt(orderId) instanceof Refunds.Attempt.Failed failed) {
            throw new ProviderUnavailableException(
                    failed.error() + " The refund is kept: the server tries it again by itself at " + failed.nextAt()
                            + ", or refund the order again to try now.",
                    null);
        }
    }

    /**
     * Takes a provider's word that a payment was refunded (for example from its dashboard). The order paid with it
     * is refunded; when no order is known for the payment yet, its confirmation has not arrived, and the refund is
     * kept for it. Repeated notices change nothing.
     */
    public void paymentRefunded(String provider, String paymentId) {
        jdbi.useTransaction(handle -> {
            var now = clock.instant();
            ProviderPayments.markRefunded(handle, provider, paymentId, now);
            var orderId = handle.createQuery(
                            "SELECT id FROM orders WHERE provider = :provider AND provider_payment = :payment")
                    .bind("provider", provider)
                    .bind("payment", paymentId)
                    .mapTo(UUID.class)
                    .findOne();
            if (orderId.isEmpty()) {
                log.info("{} reported payment {} refunded before its order was confirmed; kept", provider, paymentId);
                return;
            }
            var order = OrderRow.load(handle, orderId.get(), true);
            if (order.status() == OrderStatus.PAID || order.refundOwed()) {
                Refunds.settle(handle, order, "refunded at " + provider, now);
                log.info("Order {} refunded at {}", order.reference(), provider);
            }
        });
    }

    /** Sends an order's tickets again with new links; the old links stop working. */
    public void resendTickets(UUID orderId) {
        jdbi.useTransaction(handle -> {
            var order = OrderRow.load(handle, orderId, true);
            if (order.status() != OrderStatus.PAID) {
                throw new ConflictException(
                        "not-paid",
                        "Not paid",
                        "Only a paid order has tickets to send; this one is "
                                + order.status().name().toLowerCase(Locale.ROOT) + ".");
            }
            var now = clock.instant();
            var tickets = TicketService.relink(handle, orderId);
            var event = Events.byId(handle, order.eventId(), false);
            Outbox.enqueue(handle, ticketEmail(event, order, tickets, now, true), now);
        });
    }

    /**
     * Sends the tickets of every paid order of {@code eventId} bought with {@code buyerEmail} again, each with new
     * links, for a buyer who lost them. Returns how many orders that was; the caller must not tell the asker.
     */
    public int resendTicketsBoughtWith(UUID eventId, String buyerEmail) {
        var orders = jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT id FROM orders WHERE event_id = :event AND buyer_email = :email AND status = 'PAID'")
                .bind("event", eventId)
                .bind("email", buyerEmail.strip().toLowerCase(Locale.ROOT))
                .map((rs, ctx) -> Sql.uuid(rs, "id"))
                .list());
        int resent = 0;
        for (var orderId : orders) {
            try {
                resendTickets(orderId);
                resent++;
            } catch (ConflictException e) {
                // Refunded since the query: it has no tickets to send any more.
            }
        }
        return resent;
    }

    private OutgoingMessage ticketEmail(
            EventRow event, OrderRow order, List<IssuedTicket> tickets, Instant now, boolean resent) {
        return TicketEmail.compose(
                new TicketEmail.EventFacts(
                        event.id(),
                        event.slug(),
                        event.title(),
                        event.brandColour(),
                        event.startsAt(),
                        event.timeZone(),
                        event.durationMinutes()),
                new TicketEmail.OrderFacts(
                        order.id(),
                        order.reference(),
                        order.buyerName(),
                        order.buyerEmail(),
                        order.currency(),
                        order.totalMinor()),
                tickets,
                publicUrl,
                now,
                resent);
    }

    /** Seat counts on ticket types, always locked in one order (by ID) so that concurrent orders cannot deadlock. */
    static final class Seats {

        private Seats() {}

        /** Holds the lines' seats if every one is free; changes nothing otherwise. */
        static boolean reserve(Handle handle, List<OrderLine> lines) {
            var sorted = lines.stream()
                    .sorted(Comparator.comparing(OrderLine::ticketTypeId))
                    .toList();
            for (var line : sorted) {
                var free = handle.createQuery(
                                "SELECT quota - sold - reserved FROM ticket_type WHERE id = :id FOR UPDATE")
                        .bind("id", line.ticketTypeId())
                        .mapTo(Integer.class)
                        .one();
                if (free < line.quantity()) {
                    return false;
                }
            }
            for (var line : sorted) {
                handle.createUpdate("UPDATE ticket_type SET reserved = reserved + :q WHERE id = :id")
                        .bind("q", line.quantity())
                        .bind("id", line.ticketTypeId())
                        .execute();
            }
            return true;
        }

        /** Moves the lines' seats from held to sold. */
        static void sell(Handle handle, List<OrderLine> lines) {
            lines.stream()
                    .sorted(Comparator.comparing(OrderLine::ticketTypeId))
                    .forEach(line -> handle.createUpdate(
                                    "UPDATE ticket_type SET reserved = reserved - :q, sold = sold + :q WHERE id = :id")
                            .bind("q", line.quantity())
                            .bind("id", line.ticketTypeId())
                            .execute());
        }

        static void release(Handle handle, List<OrderLine> lines, boolean sold) {
            var column = sold ? "sold" : "reserved";
            lines.stream()
                    .sorted(Comparator.comparing(OrderLine::ticketTypeId))
                    .forEach(line -> handle.createUpdate(
                                    "UPDATE ticket_type SET " + column + " = " + column + " - :q WHERE id = :id")
                            .bind("q", line.quantity())
                            .bind("id", line.ticketTypeId())
                            .execute());
        }
    }
}
