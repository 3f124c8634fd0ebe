package io.stagedoor.server.tickets;

import io.stagedoor.api.events.EventStatus;
import io.stagedoor.api.events.TicketAccess;
import io.stagedoor.api.sales.TicketStatus;
import io.stagedoor.api.tickets.TicketView;
import io.stagedoor.server.db.Sql;
import io.stagedoor.server.error.NotFoundException;
import io.stagedoor.server.secrets.Tokens;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Tickets: issued one per seat when an order is paid, looked up by the secret in their link, revoked on refund or one
 * by one by the organiser.
 */
public final class TicketService {

    private final Jdbi jdbi;

    public TicketService(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** A line of a paid order to issue tickets for. */
    public record Seats(UUID ticketTypeId, String ticketTypeName, int quantity) {}

    /** Issues one ticket per seat, inside the caller's transaction; returns them with their link secrets. */
    public static List<IssuedTicket> issue(
            Handle handle,
            UUID orderId,
            UUID eventId,
            List<Seats> seats,
            String holderName,
            String holderEmail,
            Instant now) {
        var issued = new ArrayList<IssuedTicket>();
        for (var line : seats) {
            for (int i = 0; i < line.quantity(); i++) {
                var id = UUID.randomUUID();
                var secret = Tokens.newSecret();
                var code = insertWithFreshCode(
                        handle, id, orderId, eventId, line.ticketTypeId(), secret, holderName, holderEmail, now);
                issued.add(new IssuedTicket(id, code, secret, line.ticketTypeName()));
            }
        }
        return issued;
    }

    private static String insertWithFreshCode(
            Handle handle,
            UUID id,
            UUID orderId,
            UUID eventId,
            UUID ticketTypeId,
            String secret,
            String holderName,
            String holderEmail,
            Instant now) {
        for (int attempt = 0; ; attempt++) {
            var code = TicketCodes.ticketCode();
            boolean taken = handle.createQuery("SELECT COUNT(*) FROM ticket WHERE code = :code")
                            .bind("code", code)
                            .mapTo(Integer.class)
                            .one()
                    > 0;
            if (taken && attempt < 20) {
                continue;
            }
            handle.createUpdate("""
                            INSERT INTO ticket (id, code, order_id, event_id, ticket_type_id, token_hash, holder_name,
                                holder_email, status, issued_at)
                            VALUES (:id, :code, :order, :event, :type, :hash, :name, :email, 'VALID', :now)
                            """)
                    .bind("id", id)
                    .bind("code", code)
                    .bind("order", orderId)
                    .bind("event", eventId)
                    .bind("type", ticketTypeId)
                    .bind("hash", Tokens.hash(secret))
                    .bind("name", holderName)
                    .bind("email", holderEmail)
                    .bind("now", Sql.time(now))
                    .execute();
            return code;
        }
    }

    /**
     * Gives an order's valid tickets new link secrets, so that a resent e-mail works and any copy of the old link
     * stops working.
     */
    public static List<IssuedTicket> relink(Handle handle, UUID orderId) {
        var tickets = handle.createQuery("""
                        SELECT t.id, t.code, tt.name FROM ticket t JOIN ticket_type tt ON tt.id = t.ticket_type_id
                        WHERE t.order_id = :order AND t.status = 'VALID' ORDER BY t.issued_at, t.code
                        """)
                .bind("order", orderId)
                .map((rs, ctx) -> new IssuedTicket(
                        Sql.uuid(rs, "id"), rs.getString("code"), Tokens.newSecret(), rs.getString("name")))
                .list();
        for (var ticket : tickets) {
            handle.createUpdate("DELETE FROM ticket_link WHERE ticket_id = :id")
                    .bind("id", ticket.id())
                    .execute();
            handle.createUpdate("UPDATE ticket SET token_hash = :hash WHERE id = :id")
                    .bind("hash", Tokens.hash(ticket.secret()))
                    .bind("id", ticket.id())
                    .execute();
        }
        return tickets;
    }

    /**
     * Revokes an order's tickets for good, including any the organiser had revoked one by one (so that none of them
     * can be reinstated once refunded); returns how many were still valid.
     */
    public static int revokeOrder(Handle handle, UUID orderId, Instant now) {
        handle.createUpdate("UPDATE ticket SET revoked_reason = 'ORDER' WHERE order_id = :order AND status = 'REVOKED'")
                .bind("order", orderId)
                .execute();
        return handle.createUpdate("""
                        UPDATE ticket SET status = 'REVOKED', revoked_at = :now, revoked_reason = 'ORDER'
                        WHERE order_id = :order AND status = 'VALID'
                        """)
                .bind("now", Sql.time(now))
                .bind("order", orderId)
                .execute();
    }

    /** Revokes one valid ticket on the organiser's word; a revoked one stays as it is. Returns whether it changed. */
    public static boolean revokeOne(Handle handle, UUID ticketId, Instant now) {
        return handle.createUpdate("""
                        UPDATE ticket SET status = 'REVOKED', revoked_at = :now, revoked_reason = 'ORGANISER'
                        WHERE id = :id AND status = 'VALID'
                        """)
                        .bind("now", Sql.time(now))
                        .bind("id", ticketId)
                        .execute()
                == 1;
    }

    /** Makes a ticket the organiser revoked valid again; returns whether it changed. */
    public static boolean reinstateOne(Handle handle, UUID ticketId) {
        return handle.createUpdate("""
                        UPDATE ticket SET status = 'VALID', revoked_at = NULL, revoked_reason = NULL
                        WHERE id = :id AND status = 'REVOKED' AND revoked_reason = 'ORGANISER'
                        """).bind("id", ticketId).execute() == 1;
    }

    /** The ticket behind a link's secret. */
    public TicketView view(String secret) {
        return find(secret).orElseThrow(() -> new NotFoundException("This ticket link is not valid."));
    }

    public Optional<TicketView> find(String secret) {
        if (!Tokens.looksLikeSecret(secret)) {
            return Optional.empty();
        }
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT t.code, t.status, t.holder_name, tt.name AS type_name, tt.grants_live, tt.replay_hours,
                            tt.grants_on_demand, tt.rental_hours, tt.doors_open_minutes, e.slug, e.title, e.status AS event_status,
                            e.starts_at, e.time_zone, e.duration_minutes
                        FROM ticket t
                        JOIN ticket_type tt ON tt.id = t.ticket_type_id
                        JOIN event e ON e.id = t.event_id
                        WHERE t.token_hash = :hash
                        """)
                .bind("hash", Tokens.hash(secret))
                .map((rs, ctx) -> new TicketView(
                        rs.getString("code"),
                        TicketStatus.valueOf(rs.getString("status")),
                        rs.getString("type_name"),
                        new TicketAccess(
                                rs.getBoolean("grants_live"),
                                rs.getInt("replay_hours"),
                                rs.getBoolean("grants_on_demand"),
                                rs.getInt("rental_hours"),
                                rs.getInt("doors_open_minutes")),
                        rs.getString("holder_name"),
                        rs.getString("slug"),
                        rs.getString("title"),
                        EventStatus.valueOf(rs.getString("event_status")),
                        Sql.instant(rs, "starts_at"),
                        rs.getString("time_zone"),
                        rs.getInt("duration_minutes")))
                .findOne());
    }
}
