package io.stagedoor.server.sales;

import io.stagedoor.api.Page;
import io.stagedoor.api.sales.DaySales;
import io.stagedoor.api.sales.EventSales;
import io.stagedoor.api.sales.SalesFigures;
import io.stagedoor.api.sales.SalesReport;
import io.stagedoor.api.sales.TicketTypeSales;
import io.stagedoor.server.accounts.Caller;
import io.stagedoor.server.db.PageRequest;
import io.stagedoor.server.db.Sql;
import io.stagedoor.server.events.Events;
import io.stagedoor.server.events.TicketTypeService;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * An event's sales from its paid orders: gross (before discounts), discounts, platform fees and net, in total, by
 * ticket type (from each line's share, so the parts add up to the whole) and by day in the event's time zone.
 */
public final class SalesReports {

    private final Jdbi jdbi;

    public SalesReports(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public SalesReport report(Caller caller, UUID eventId) {
        return jdbi.withHandle(handle -> {
            var event = Events.owned(handle, caller, eventId, false);
            var lines = handle.createQuery("""
                            SELECT o.id AS order_id, o.paid_at, l.ticket_type_id, l.quantity, l.subtotal_minor,
                                l.discount_minor, l.fee_minor, l.total_minor
                            FROM order_line l JOIN orders o ON o.id = l.order_id
                            WHERE o.event_id = :event AND o.status = 'PAID'
                            """)
                    .bind("event", eventId)
                    .map((rs, ctx) -> new PaidLine(
                            Sql.uuid(rs, "order_id"),
                            Sql.instant(rs, "paid_at").atZone(event.zone()).toLocalDate(),
                            Sql.uuid(rs, "ticket_type_id"),
                            rs.getInt("quantity"),
                            rs.getLong("subtotal_minor"),
                            rs.getLong("discount_minor"),
                            rs.getLong("fee_minor")))
                    .list();
            var refunds = handle.createQuery("SELECT COUNT(*) AS n, COALESCE(SUM(total_minor), 0) AS amount FROM orders"
                            + " WHERE event_id = :event AND status = 'REFUNDED'")
                    .bind("event", eventId)
                    .map((rs, ctx) -> new long[] {rs.getLong("n"), rs.getLong("amount")})
                    .one();
            var types = TicketTypeService.rows(handle, eventId);
            var currency = types.isEmpty() ? "" : types.getFirst().currency();

            var byType = new ArrayList<TicketTypeSales>();
            for (var type : types) {
                byType.add(new TicketTypeSales(
                        type.id(),
                        type.name(),
                        figures(lines.stream()
                                .filter(l -> l.ticketTypeId().equals(type.id()))
                                .toList())));
            }
            var days = new TreeMap<LocalDate, List<PaidLine>>();
            lines.forEach(line ->
                    days.computeIfAbsent(line.day(), d -> new ArrayList<>()).add(line));
            var byDay = days.entrySet().stream()
                    .map(day -> new DaySales(day.getKey(), figures(day.getValue())))
                    .toList();
            return new SalesReport(eventId, currency, figures(lines), byType, byDay, refunds[0], refunds[1]);
        });
    }

    /**
     * The caller's events' sales at a glance, in the order of their list (latest start first): three queries for the
     * page, summing only its events, where fetching each event's report would take one request per event.
     */
    public Page<EventSales> eventSales(Caller caller, PageRequest page) {
        return jdbi.withHandle(handle -> {
            var ids = Events.page(handle, caller, page, "e.id", (rs, ctx) -> Sql.uuid(rs, "id"));
            if (ids.items().isEmpty()) {
                return new Page<EventSales>(List.of(), ids.page(), ids.size(), ids.total());
            }
            Map<UUID, Seats> seats = handle
                    .createQuery("""
                            SELECT event_id, SUM(sold) AS sold, SUM(quota) AS quota, MIN(currency) AS currency
                            FROM ticket_type WHERE event_id IN (<ids>)
                            GROUP BY event_id
                            """)
                    .bindList("ids", ids.items())
                    .map((rs, ctx) -> new Seats(
                            Sql.uuid(rs, "event_id"),
                            Math.toIntExact(rs.getLong("sold")),
                            Math.toIntExact(rs.getLong("quota")),
                            rs.getString("currency")))
                    .stream()
                    .collect(Collectors.toMap(Seats::eventId, Function.identity()));
            Map<UUID, SalesFigures> totals = handle
                    .createQuery("""
                            SELECT o.event_id, COUNT(DISTINCT o.id) AS orders, SUM(l.quantity) AS tickets,
                                SUM(l.subtotal_minor) AS gross, SUM(l.discount_minor) AS discount, SUM(l.fee_minor) AS fee
                            FROM order_line l JOIN orders o ON o.id = l.order_id
                            WHERE o.event_id IN (<ids>) AND o.status = 'PAID'
                            GROUP BY o.event_id
                            """)
                    .bindList("ids", ids.items())
                    .map((rs, ctx) -> {
                        long gross = rs.getLong("gross");
                        long discount = rs.getLong("discount");
                        long fee = rs.getLong("fee");
                        return Map.entry(
                                Sql.uuid(rs, "event_id"),
                                new SalesFigures(
                                        rs.getLong("orders"),
                                        rs.getLong("tickets"),
                                        gross,
                                        discount,
                                        fee,
                                        gross - discount - fee));
                    })
                    .stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            var items = ids.items().stream()
                    .map(id -> {
                        var seated = seats.getOrDefault(id, new Seats(id, 0, 0, ""));
                        return new EventSales(
                                id,
                                seated.sold(),
                                seated.quota(),
                                seated.currency(),
                                totals.getOrDefault(id, new SalesFigures(0, 0, 0, 0, 0, 0)));
                    })
                    .toList();
            return new Page<>(items, ids.page(), ids.size(), ids.total());
        });
    }

    private static SalesFigures figures(List<PaidLine> lines) {
        long gross = 0;
        long discount = 0;
        long fee = 0;
        long tickets = 0;
        for (var line : lines) {
            gross += line.subtotalMinor();
            discount += line.discountMinor();
            fee += line.feeMinor();
            tickets += line.quantity();
        }
        long orders = lines.stream().map(PaidLine::orderId).distinct().count();
        return new SalesFigures(orders, tickets, gross, discount, fee, gross - discount - fee);
    }

    private record Seats(UUID eventId, int sold, int quota, String currency) {}

    private record PaidLine(
            UUID orderId,
            LocalDate day,
            UUID ticketTypeId,
            int quantity,
            long subtotalMinor,
            long discountMinor,
            long feeMinor) {}
}
