package io.stagedoor.server.sales;

import io.stagedoor.api.Page;
import io.stagedoor.api.sales.Attendee;
import io.stagedoor.api.sales.Order;
import io.stagedoor.api.sales.OrderStatus;
import io.stagedoor.api.sales.Revocation;
import io.stagedoor.api.sales.TicketStatus;
import io.stagedoor.server.accounts.Caller;
import io.stagedoor.server.db.PageRequest;
import io.stagedoor.server.db.Sql;
import io.stagedoor.server.error.ConflictException;
import io.stagedoor.server.error.InvalidInputException;
import io.stagedoor.server.error.NotFoundException;
import io.stagedoor.server.events.Events;
import io.stagedoor.server.tickets.TicketService;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;

/**
 * An organiser's view of their event's orders and attendees, with refunds, cancellations, single tickets revoked and
 * reinstated, and exports.
 */
public final class OrderService {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private static final String ATTENDEES = """
            SELECT t.id, t.code, t.order_id, o.reference, t.ticket_type_id, tt.name, t.holder_name,
                t.holder_email, t.status, t.issued_at, t.revoked_reason,
                CASE WHEN o.refund_next_at IS NOT NULL AND o.status <> 'REFUNDED' THEN TRUE ELSE FALSE END
                    AS refund_pending
            FROM ticket t JOIN orders o ON o.id = t.order_id JOIN ticket_type tt ON tt.id = t.ticket_type_id
            """;

    private final Jdbi jdbi;
    private final OrderLifecycle lifecycle;
    private final Clock clock;

    public OrderService(Jdbi jdbi, OrderLifecycle lifecycle, Clock clock) {
        this.jdbi = jdbi;
        this.lifecycle = lifecycle;
        this.clock = clock;
    }

    public Page<Order> list(Caller caller, UUID eventId, PageRequest page, @Nullable String statusFilter) {
        var status = parseStatus(statusFilter);
        return jdbi.withHandle(handle -> {
            Events.owned(handle, caller, eventId, false);
            long total = handle.createQuery("SELECT COUNT(*) FROM orders WHERE event_id = :event"
                            + (status == null ? "" : " AND status = :status"))
                    .bind("event", eventId)
                    .bind("status", status == null ? "" : status.name())
                    .mapTo(Long.class)
                    .one();
            var items = OrderRow.ofEvent(handle, eventId, status, page.size(), page.offset()).stream()
                    .map(OrderRow::toApi)
                    .toList();
            return new Page<>(items, page.page(), page.size(), total);
        });
    }

    public Order get(Caller caller, UUID eventId, UUID orderId) {
        return jdbi.withHandle(handle -> owned(handle, caller, eventId, orderId).toApi());
    }

    /**
     * Refunds a paid order through its provider and revokes its tickets; for an order whose refund is pending, tries
     * the provider again now.
     */
    public Order refund(Caller caller, UUID eventId, UUID orderId) {
        jdbi.useHandle(handle -> owned(handle, caller, eventId, orderId));
        lifecycle.refund(orderId);
        return get(caller, eventId, orderId);
    }

    /** Cancels an order still waiting for payment, releasing its seats. */
    public Order cancel(Caller caller, UUID eventId, UUID orderId) {
        var order = jdbi.withHandle(handle -> owned(handle, caller, eventId, orderId));
        if (!lifecycle.cancelPending(orderId, OrderRow.CancelReason.ORGANISER, "cancelled by the organiser")) {
            throw new ConflictException(
                    "not-pending",
                    "Not pending",
                    "Only an order waiting for payment can be cancelled; this one is "
                            + order.status().name().toLowerCase(Locale.ROOT) + ". Refund a paid order instead.");
        }
        return get(caller, eventId, orderId);
    }

    /** Sends the order's tickets again, with new links. */
    public void resend(Caller caller, UUID eventId, UUID orderId) {
        jdbi.useHandle(handle -> owned(handle, caller, eventId, orderId));
        lifecycle.resendTickets(orderId);
    }

    public Page<Attendee> attendees(Caller caller, UUID eventId, PageRequest page) {
        return jdbi.withHandle(handle -> {
            Events.owned(handle, caller, eventId, false);
            long total = handle.createQuery("SELECT COUNT(*) FROM ticket WHERE event_id = :event")
                    .bind("event", eventId)
                    .mapTo(Long.class)
                    .one();
            var items = attendeeRows(handle, eventId, page.size(), page.offset());
            return new Page<>(items, page.page(), page.size(), total);
        });
    }

    /**
     * Revokes one ticket without refunding it: its holder can no longer watch, the order stays paid and the sales
     * figures stay as they are. A ticket already revoked stays as it is, so a repeated request answers the same.
     */
    public Attendee revokeTicket(Caller caller, UUID eventId, UUID ticketId) {
        return jdbi.inTransaction(handle -> {
            ownedTicket(handle, caller, eventId, ticketId);
            TicketService.revokeOne(handle, ticketId, clock.instant());
            return ownedTicket(handle, caller, eventId, ticketId);
        });
    }

    /**
     * Undoes {@link #revokeTicket}. A ticket revoked with its order (refunded or cancelled) stays revoked: reinstating
     * it would let someone watch on money that went back. A valid ticket stays as it is.
     */
    public Attendee reinstateTicket(Caller caller, UUID eventId, UUID ticketId) {
        return jdbi.inTransaction(handle -> {
            var ticket = ownedTicket(handle, caller, eventId, ticketId);
            if (ticket.revocation() == Revocation.ORDER) {
                throw new ConflictException(
                        "revoked-with-order",
                        "Revoked with its order",
                        "Ticket " + ticket.ticketCode() + " was revoked because its order " + ticket.orderReference()
                                + " was refunded or cancelled, so it cannot be reinstated. The buyer can buy a new"
                                + " ticket.");
            }
            TicketService.reinstateOne(handle, ticketId);
            return ownedTicket(handle, caller, eventId, ticketId);
        });
    }

    /** One ticket of the caller's event; anyone else's, or none, is the same "no such ticket". */
    private static Attendee ownedTicket(Handle handle, Caller caller, UUID eventId, UUID ticketId) {
        Events.owned(handle, caller, eventId, false);
        return handle.createQuery(ATTENDEES + " WHERE t.event_id = :event AND t.id = :id")
                .bind("event", eventId)
                .bind("id", ticketId)
                .map((rs, ctx) -> attendee(rs))
                .findOne()
                .orElseThrow(() -> new NotFoundException("There is no ticket " + ticketId + " for this event."));
    }

    private static List<Attendee> attendeeRows(Handle handle, UUID eventId, int limit, long offset) {
        return handle.createQuery(ATTENDEES
                        + " WHERE t.event_id = :event ORDER BY t.issued_at, t.code LIMIT :limit OFFSET :offset")
                .bind("event", eventId)
                .bind("limit", limit)
                .bind("offset", offset)
                .map((rs, ctx) -> attendee(rs))
                .list();
    }

    private static Attendee attendee(ResultSet rs) throws SQLException {
        var reason = rs.getString("revoked_reason");
        return new Attendee(
                Sql.uuid(rs, "id"),
                rs.getString("code"),
                Sql.uuid(rs, "order_id"),
                rs.getString("reference"),
                Sql.uuid(rs, "ticket_type_id"),
                rs.getString("name"),
                rs.getString("holder_name"),
                rs.getString("holder_email"),
                TicketStatus.valueOf(rs.getString("status")),
                Sql.instant(rs, "issued_at"),
                reason == null ? null : Revocation.valueOf(reason),
                rs.getBoolean("refund_pending"));
    }

    /** Every order of the event as CSV; times in the event's time zone, amounts in major units. */
    public byte[] ordersCsv(Caller caller, UUID eventId) {
        return jdbi.withHandle(handle -> {
            var event = Events.owned(handle, caller, eventId, false);
            var zone = event.zone();
            var csv = new Csv()
                    .row(List.of(
                            "reference",
                            "status",
                            "created",
                            "paid",
                            "buyer_name",
                            "buyer_email",
                            "tickets",
                            "currency",
                            "subtotal",
                            "discount",
                            "total",
                            "fee_rate_percent",
                            "fee",
                            "net",
                            "promo_code",
                            "provider",
                            "time_zone"));
            for (var order : OrderRow.ofEvent(handle, eventId, null, Integer.MAX_VALUE, 0)
                    .reversed()) {
                var row = new ArrayList<Object>();
                row.add(order.reference());
                row.add(order.status().name());
                row.add(local(order.createdAt(), zone));
                row.add(order.paidAt() == null ? "" : local(order.paidAt(), zone));
                row.add(order.buyerName());
                row.add(order.buyerEmail());
                row.add(order.lines().stream().mapToInt(l -> l.quantity()).sum());
                row.add(order.currency());
                row.add(Csv.major(order.subtotalMinor(), order.currency()));
                row.add(Csv.major(order.discountMinor(), order.currency()));
                row.add(Csv.major(order.totalMinor(), order.currency()));
                row.add(order.feeBasisPoints() == null ? "" : BigDecimal.valueOf(order.feeBasisPoints(), 2));
                row.add(order.feeMinor() == null ? "" : Csv.major(order.feeMinor(), order.currency()));
                row.add(order.netMinor() == null ? "" : Csv.major(order.netMinor(), order.currency()));
                row.add(order.promoCode() == null ? "" : order.promoCode());
                row.add(order.provider());
                row.add(event.timeZone());
                csv.row(row);
            }
            return csv.bytes();
        });
    }

    /** Every ticket of the event and its holder, as CSV. */
    public byte[] attendeesCsv(Caller caller, UUID eventId) {
        return jdbi.withHandle(handle -> {
            var event = Events.owned(handle, caller, eventId, false);
            var csv = new Csv()
                    .row(List.of(
                            "ticket_id",
                            "ticket_type",
                            "holder_name",
                            "holder_email",
                            "status",
                            "order_reference",
                            "issued",
                            "time_zone"));
            for (var attendee : attendeeRows(handle, eventId, Integer.MAX_VALUE, 0)) {
                csv.row(List.of(
                        attendee.ticketCode(),
                        attendee.ticketTypeName(),
                        attendee.holderName(),
                        attendee.holderEmail(),
                        attendee.status().name(),
                        attendee.orderReference(),
                        local(attendee.issuedAt(), event.zone()),
                        event.timeZone()));
            }
            return csv.bytes();
        });
    }

    private static String local(Instant instant, ZoneId zone) {
        return LOCAL.format(instant.atZone(zone));
    }

    private static OrderRow owned(Handle handle, Caller caller, UUID eventId, UUID orderId) {
        Events.owned(handle, caller, eventId, false);
        var order = OrderRow.load(handle, orderId, false);
        if (!order.eventId().equals(eventId)) {
            throw new NotFoundException("There is no order " + orderId + ".");
        }
        return order;
    }

    private static @Nullable OrderStatus parseStatus(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OrderStatus.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of(
                    "status",
                    "must be one of "
                            + Arrays.stream(OrderStatus.values())
                                    .map(Enum::name)
                                    .collect(Collectors.joining(", ")));
        }
    }
}
