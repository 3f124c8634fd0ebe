package io.stagedoor.server.sales;

import io.stagedoor.api.sales.OrderLine;
import io.stagedoor.api.sales.OrderStatus;
import io.stagedoor.server.config.PublicUrl;
import io.stagedoor.server.db.Sql;
import io.stagedoor.server.error.ConflictException;
import io.stagedoor.server.events.EventRow;
import io.stagedoor.server.events.Events;
import io.stagedoor.server.mail.Outbox;
import io.stagedoor.server.mail.OutgoingMessage;
import io.stagedoor.server.money.Allocation;
import io.stagedoor.server.money.Fees;
import io.stagedoor.server.payments.Payments;
import io.stagedoor.server.platform.PlatformSettingsStore;
import io.stagedoor.server.tickets.IssuedTicket;
import io.stagedoor.server.tickets.TicketEmail;
import io.stagedoor.server.tickets.TicketService;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The moves of an order after checkout, each one transaction: paid (fee fixed, seats sold, tickets issued, e-mail
 * written to the outbox), cancelled (seats and promo use released), refunded (tickets revoked, seats back).
 */
public final class OrderLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OrderLifecycle.class);

    private final Jdbi jdbi;
    private final Clock clock;
    private final Payments payments;
    private final PublicUrl publicUrl;

    public OrderLifecycle(Jdbi jdbi, Clock clock, Payments payments, PublicUrl publicUrl) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.payments = payments;
        this.publicUrl = publicUrl;
    }

    /**
     * Marks a pending order paid. Repeated confirmations change nothing. A payment that arrives after the order
     * expired takes its seats again when they are still free; otherwise the payment is refunded.
     */
    public void markPaid(UUID orderId, @Nullable String paymentId) {
        boolean refundLatePayment = jdbi.inTransaction(handle -> {
            var order = OrderRow.load(handle, orderId, true);
            if (order.status() == OrderStatus.PAID || order.status() == OrderStatus.REFUNDED) {
                return false;
            }
            var now = clock.instant();
            if (order.status() == OrderStatus.CANCELLED) {
                if (!Seats.reserve(handle, order.lines())) {
                    log.warn(
                            "Order {} was paid after it expired and its seats were sold; refunding", order.reference());
                    return true;
                }
            }
            var event = Events.byId(handle, order.eventId(), false);
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
            return false;
        });
        if (refundLatePayment && paymentId != null) {
            var order = jdbi.withHandle(handle -> OrderRow.load(handle, orderId, false));
            payments.provider(order.provider())
                    .ifPresent(p -> p.refund(paymentId, order.totalMinor(), order.currency()));
            jdbi.useHandle(handle -> handle.createUpdate(
                            "UPDATE orders SET provider_payment = :payment, refunded_at = :now WHERE id = :id")
                    .bind("payment", paymentId)
                    .bind("now", Sql.time(clock.instant()))
                    .bind("id", orderId)
                    .execute());
        }
    }

    /** Fixes the fee at today's rate, moves the seats from held to sold, and marks the order paid. */
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
            handle.createUpdate("UPDATE ticket_type SET reserved = reserved - :q, sold = sold + :q WHERE id = :id")
                    .bind("q", line.quantity())
                    .bind("id", line.ticketTypeId())
                    .execute();
        }
        handle.createUpdate("""
                        UPDATE orders SET status = 'PAID', paid_at = :now, fee_basis_points = :rate, fee_minor = :fee,
                            net_minor = :net, provider_payment = :payment, cancelled_at = NULL, expires_at = NULL
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
    public boolean cancelPending(UUID orderId, String why) {
        return jdbi.inTransaction(handle -> cancelPending(handle, OrderRow.load(handle, orderId, true), why));
    }

    boolean cancelPending(Handle handle, OrderRow order, String why) {
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
        handle.createUpdate("UPDATE orders SET status = 'CANCELLED', cancelled_at = :now WHERE id = :id")
                .bind("now", Sql.time(clock.instant()))
                .bind("id", order.id())
                .execute();
        log.info("Order {} cancelled: {}", order.reference(), why);
        return true;
    }

    /**
     * Refunds a paid order through its provider, then revokes its tickets and gives its seats back.
     *
     * @throws ConflictException when the order is not paid
     * @throws io.stagedoor.server.error.ProviderUnavailableException when the provider could not refund
     */
    public void refund(UUID orderId) {
        var order = jdbi.withHandle(handle -> OrderRow.load(handle, orderId, false));
        if (order.status() != OrderStatus.PAID) {
            throw new ConflictException(
                    "not-paid",
                    "Not paid",
                    "Only a paid order can be refunded; this one is "
                            + order.status().name().toLowerCase(Locale.ROOT) + ".");
        }
        if (order.totalMinor() > 0 && order.providerPayment() != null) {
            payments.provider(order.provider())
                    .orElseThrow(() -> new ConflictException(
                            "provider-disabled",
                            "Provider disabled",
                            "The order was paid with \"" + order.provider()
                                    + "\", which this server no longer offers; refund it there."))
                    .refund(order.providerPayment(), order.totalMinor(), order.currency());
        }
        markRefunded(orderId);
    }

    /** Records a refund made at the provider; repeated notices change nothing. */
    public void markRefunded(UUID orderId) {
        jdbi.useTransaction(handle -> {
            var order = OrderRow.load(handle, orderId, true);
            if (order.status() != OrderStatus.PAID) {
                return;
            }
            var now = clock.instant();
            Seats.release(handle, order.lines(), true);
            TicketService.revokeOrder(handle, orderId, now);
            handle.createUpdate("UPDATE orders SET status = 'REFUNDED', refunded_at = :now WHERE id = :id")
                    .bind("now", Sql.time(now))
                    .bind("id", orderId)
                    .execute();
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
