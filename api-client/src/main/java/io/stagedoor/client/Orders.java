package io.stagedoor.client;

import io.stagedoor.api.Page;
import io.stagedoor.api.sales.Attendee;
import io.stagedoor.api.sales.EventSales;
import io.stagedoor.api.sales.Order;
import io.stagedoor.api.sales.OrderStatus;
import io.stagedoor.api.sales.SalesReport;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;

/** An event's orders, attendees and sales, for its organiser. */
public final class Orders {

    private final Transport transport;

    Orders(Transport transport) {
        this.transport = transport;
    }

    /** {@code GET /api/v1/events/{eventId}/orders}, optionally only those in {@code status}. */
    public Page<Order> list(UUID eventId, @Nullable OrderStatus status, int page, int size) {
        return transport
                .call("GET", "events", eventId.toString(), "orders")
                .query("status", status)
                .query("page", page)
                .query("size", size)
                .send(new TypeReference<Page<Order>>() {});
    }

    /** {@code GET /api/v1/events/{eventId}/orders/{orderId}}. */
    public Order get(UUID eventId, UUID orderId) {
        return transport
                .call("GET", "events", eventId.toString(), "orders", orderId.toString())
                .send(Order.class);
    }

    /**
     * {@code POST .../orders/{orderId}/refund}: refunds through the provider and revokes the tickets. The refund is
     * recorded first: when the provider fails, the server answers 502 and keeps trying by itself (see
     * {@link Order#refund()}); calling this again on such an order tries the provider again now.
     */
    public Order refund(UUID eventId, UUID orderId) {
        return transport
                .call("POST", "events", eventId.toString(), "orders", orderId.toString(), "refund")
                .send(Order.class);
    }

    /** {@code POST .../orders/{orderId}/cancel}: cancels an order still waiting for payment. */
    public Order cancel(UUID eventId, UUID orderId) {
        return transport
                .call("POST", "events", eventId.toString(), "orders", orderId.toString(), "cancel")
                .send(Order.class);
    }

    /** {@code POST .../orders/{orderId}/resend}: e-mails the tickets again; earlier links stop working. */
    public void resendTickets(UUID eventId, UUID orderId) {
        transport
                .call("POST", "events", eventId.toString(), "orders", orderId.toString(), "resend")
                .sendExpectingNothing();
    }

    /** {@code GET /api/v1/events/{eventId}/attendees}. */
    public Page<Attendee> attendees(UUID eventId, int page, int size) {
        return transport
                .call("GET", "events", eventId.toString(), "attendees")
                .query("page", page)
                .query("size", size)
                .send(new TypeReference<Page<Attendee>>() {});
    }

    /**
     * {@code POST .../tickets/{ticketId}/revoke}: this one ticket stops opening the stream (playback stops within
     * seconds). Not a refund: the order stays paid. Revoking a revoked ticket changes nothing.
     */
    public Attendee revokeTicket(UUID eventId, UUID ticketId) {
        return transport
                .call("POST", "events", eventId.toString(), "tickets", ticketId.toString(), "revoke")
                .send(Attendee.class);
    }

    /**
     * {@code POST .../tickets/{ticketId}/reinstate}: undoes {@link #revokeTicket}; a ticket revoked with its order
     * (refunded or cancelled) is refused with 409. Reinstating a valid ticket changes nothing.
     */
    public Attendee reinstateTicket(UUID eventId, UUID ticketId) {
        return transport
                .call("POST", "events", eventId.toString(), "tickets", ticketId.toString(), "reinstate")
                .send(Attendee.class);
    }

    /** {@code GET /api/v1/events/{eventId}/orders.csv}: UTF-8 CSV. */
    public byte[] ordersCsv(UUID eventId) {
        return transport.call("GET", "events", eventId.toString(), "orders.csv").sendForBytes();
    }

    /** {@code GET /api/v1/events/{eventId}/attendees.csv}: UTF-8 CSV. */
    public byte[] attendeesCsv(UUID eventId) {
        return transport
                .call("GET", "events", eventId.toString(), "attendees.csv")
                .sendForBytes();
    }

    /**
     * {@code GET /api/v1/reports/events?page=&size=}: the caller's events' sales at a glance, in the order of {@link
     * Events#list} (latest start first), pages counted from 1.
     */
    public Page<EventSales> eventSales(int page, int size) {
        return transport
                .call("GET", "reports", "events")
                .query("page", page)
                .query("size", size)
                .send(new TypeReference<Page<EventSales>>() {});
    }

    /** {@code GET /api/v1/events/{eventId}/report}. */
    public SalesReport report(UUID eventId) {
        return transport.call("GET", "events", eventId.toString(), "report").send(SalesReport.class);
    }
}
