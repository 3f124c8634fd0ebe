package io.stagedoor.server.events;

import io.stagedoor.api.events.PromoCode;
import io.stagedoor.api.events.PromoKind;
import io.stagedoor.server.db.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A promo code as stored.
 *
 * @param ticketTypeIds the ticket types it applies to; empty for all of the event's
 */
public record PromoCodeRow(
        UUID id,
        UUID eventId,
        String code,
        PromoKind kind,
        @Nullable Integer percentOff,
        @Nullable Long amountOffMinor,
        List<UUID> ticketTypeIds,
        @Nullable Integer maxRedemptions,
        int redemptions,
        @Nullable Instant validFrom,
        @Nullable Instant validUntil,
        boolean active,
        Instant createdAt) {

    static final String COLUMNS = """
            id, event_id, code, kind, percent_off, amount_off_minor, max_redemptions, redemptions, valid_from,
            valid_until, active, created_at
            """;

    static PromoCodeRow map(ResultSet rs, List<UUID> ticketTypeIds) throws SQLException {
        return new PromoCodeRow(
                Sql.uuid(rs, "id"),
                Sql.uuid(rs, "event_id"),
                rs.getString("code"),
                PromoKind.valueOf(rs.getString("kind")),
                Sql.nullableInt(rs, "percent_off"),
                Sql.nullableLong(rs, "amount_off_minor"),
                ticketTypeIds,
                Sql.nullableInt(rs, "max_redemptions"),
                rs.getInt("redemptions"),
                Sql.nullableInstant(rs, "valid_from"),
                Sql.nullableInstant(rs, "valid_until"),
                rs.getBoolean("active"),
                Sql.instant(rs, "created_at"));
    }

    public boolean appliesTo(UUID ticketTypeId) {
        return ticketTypeIds.isEmpty() || ticketTypeIds.contains(ticketTypeId);
    }

    /** Why the code cannot be used at {@code now}, or null when it can. */
    public @Nullable String unusableReason(Instant now) {
        if (!active) {
            return "is no longer valid";
        }
        if (validFrom != null && now.isBefore(validFrom)) {
            return "is not valid yet";
        }
        if (validUntil != null && !now.isBefore(validUntil)) {
            return "has expired";
        }
        if (maxRedemptions != null && redemptions >= maxRedemptions) {
            return "has been used up";
        }
        return null;
    }

    public PromoCode toApi() {
        return new PromoCode(
                id,
                eventId,
                code,
                kind,
                percentOff,
                amountOffMinor,
                ticketTypeIds,
                maxRedemptions,
                redemptions,
                validFrom,
                validUntil,
                active,
                createdAt);
    }
}
