package io.stagedoor.server.events;

import io.stagedoor.api.events.EndedBy;
import io.stagedoor.api.events.Event;
import io.stagedoor.api.events.EventStatus;
import io.stagedoor.server.db.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An event as stored, with its organiser. */
public record EventRow(
        UUID id,
        UUID organiserId,
        String slug,
        String title,
        String description,
        Instant startsAt,
        String timeZone,
        int durationMinutes,
        String brandColour,
        EventStatus status,
        boolean hasCover,
        boolean autoStart,
        @Nullable Instant onAirAt,
        @Nullable Instant endedAt,
        @Nullable EndedBy endedBy,
        Instant createdAt,
        Instant updatedAt) {

    static final String COLUMNS = """
            e.id, e.organiser_id, e.slug, e.title, e.description, e.starts_at, e.time_zone, e.duration_minutes,
            e.brand_colour, e.status, e.auto_start, e.on_air_at, e.ended_at, e.ended_by, e.created_at, e.updated_at,
            EXISTS (SELECT 1 FROM event_cover c WHERE c.event_id = e.id) AS has_cover
            """;

    static EventRow map(ResultSet rs) throws SQLException {
        return new EventRow(
                Sql.uuid(rs, "id"),
                Sql.uuid(rs, "organiser_id"),
                rs.getString("slug"),
                rs.getString("title"),
                rs.getString("description"),
                Sql.instant(rs, "starts_at"),
                rs.getString("time_zone"),
                rs.getInt("duration_minutes"),
                rs.getString("brand_colour"),
                EventStatus.valueOf(rs.getString("status")),
                rs.getBoolean("has_cover"),
                rs.getBoolean("auto_start"),
                Sql.nullableInstant(rs, "on_air_at"),
                Sql.nullableInstant(rs, "ended_at"),
                rs.getString("ended_by") == null ? null : EndedBy.valueOf(rs.getString("ended_by")),
                Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"));
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    public Instant endsAt() {
        return startsAt.plusSeconds(durationMinutes * 60L);
    }

    /** Whether buyers may see it and, ticket types permitting, buy. */
    public boolean isOnSale() {
        return status == EventStatus.ON_SALE || status == EventStatus.LIVE;
    }

    public Event toApi() {
        return new Event(
                id,
                slug,
                title,
                description,
                startsAt,
                timeZone,
                durationMinutes,
                brandColour,
                status,
                hasCover,
                autoStart,
                onAirAt,
                endedAt,
                endedBy,
                createdAt,
                updatedAt);
    }
}
