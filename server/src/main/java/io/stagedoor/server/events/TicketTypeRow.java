package io.stagedoor.server.events;

import io.stagedoor.api.events.PublicTicketType;
import io.stagedoor.api.events.TicketAccess;
import io.stagedoor.api.events.TicketType;
import io.stagedoor.server.db.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A ticket type as stored. */
public record TicketTypeRow(
        UUID id,
        UUID eventId,
        String name,
        long priceMinor,
        String currency,
        int quota,
        int sold,
        int reserved,
        @Nullable Instant saleStartsAt,
        @Nullable Instant saleEndsAt,
        TicketAccess access) {

    static final String COLUMNS = """
            id, event_id, name, price_minor, currency, quota, sold, reserved, sale_starts_at, sale_ends_at,
            grants_live, replay_hours, grants_on_demand, rental_hours, doors_open_minutes
            """;

    public static TicketTypeRow map(ResultSet rs) throws SQLException {
        return new TicketTypeRow(
                Sql.uuid(rs, "id"),
                Sql.uuid(rs, "event_id"),
                rs.getString("name"),
                rs.getLong("price_minor"),
                rs.getString("currency"),
                rs.getInt("quota"),
                rs.getInt("sold"),
                rs.getInt("reserved"),
                Sql.nullableInstant(rs, "sale_starts_at"),
                Sql.nullableInstant(rs, "sale_ends_at"),
                new TicketAccess(
                        rs.getBoolean("grants_live"),
                        rs.getInt("replay_hours"),
                        rs.getBoolean("grants_on_demand"),
                        rs.getInt("rental_hours"),
                        rs.getInt("doors_open_minutes")));
    }

    public int available() {
        return quota - sold - reserved;
    }

    /** Whether sales are open at {@code now}: the event is on sale and {@code now} is inside the sale window. */
    public boolean onSaleAt(EventRow event, Instant now) {
        var opens = saleStartsAt;
        var closes = saleEndsAt != null ? saleEndsAt : event.endsAt();
        return event.isOnSale() && (opens == null || !now.isBefore(opens)) && now.isBefore(closes);
    }

    public TicketType toApi() {
        return new TicketType(
                id,
                eventId,
                name,
                priceMinor,
                currency,
                quota,
                sold,
                reserved,
                available(),
                saleStartsAt,
                saleEndsAt,
                access);
    }

    PublicTicketType toPublic(EventRow event, Instant now) {
        return new PublicTicketType(
                id,
                name,
                priceMinor,
                currency,
                available(),
                onSaleAt(event, now) && available() > 0,
                saleStartsAt,
                saleEndsAt,
                access);
    }
}
