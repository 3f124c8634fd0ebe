package io.stagedoor.server.viewing;

import io.stagedoor.api.events.EventStatus;
import io.stagedoor.api.events.TicketAccess;
import io.stagedoor.api.live.StreamState;
import io.stagedoor.api.sales.TicketStatus;
import io.stagedoor.server.db.Sql;
import io.stagedoor.server.error.ForbiddenException;
import io.stagedoor.server.ingest.IngestService;
import io.stagedoor.server.ingest.ViewerGate;
import io.stagedoor.server.secrets.Tokens;
import io.stagedoor.server.viewing.AccessWindow.Facts;
import io.stagedoor.server.viewing.AccessWindow.Phase;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;

/**
 * Watching with a ticket. A ticket's page starts a <em>viewing session</em> when it begins to play; the session that
 * started last is the ticket's current one, so a second device takes over from the first. Playback tokens are made
 * for a session ({@code s-<session>}) and live {@link #TOKEN_VALIDITY}; the page is sent fresh ones while it plays.
 * Every playlist and segment request is {@linkplain #admit checked}: the session must still be its ticket's current
 * one and the ticket must still allow playing (not refunded, inside its access window). The answer is kept for
 * {@link #CHECK_FOR} so that a busy stream does not ask the database for every segment, which bounds how long a
 * replaced session or a refunded ticket keeps playing.
 */
public final class ViewingService implements ViewerGate {

    /** How long a playback token works. */
    public static final Duration TOKEN_VALIDITY = Duration.ofMinutes(10);

    /** How long a session's check is kept before the database is asked again. */
    static final Duration CHECK_FOR = Duration.ofSeconds(2);

    /** How long a device code can be typed in. */
    public static final Duration DEVICE_CODE_VALIDITY = Duration.ofMinutes(10);

    /** Letters and digits that cannot be mistaken for each other on a TV screen or typed wrongly with a remote. */
    private static final String CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    static final int CODE_LENGTH = 6;
    private static final Pattern SESSION_SUBJECT = Pattern.compile("s-([0-9a-f-]{36})");
    private static final int MAX_CACHED = 200_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final String HOLDER_COLUMNS = """
            SELECT t.id AS ticket_id, t.code, t.status, t.holder_name, t.first_played_at, t.current_session_id,
                tt.name AS type_name, tt.grants_live, tt.replay_hours, tt.grants_on_demand, tt.rental_hours,
                tt.doors_open_minutes, e.id AS event_id, e.slug, e.title, e.status AS event_status, e.starts_at,
                e.time_zone, e.duration_minutes, e.ended_at, e.brand_colour,
                (SELECT COUNT(*) FROM event_cover c WHERE c.event_id = e.id) AS covers
            FROM ticket t
            JOIN ticket_type tt ON tt.id = t.ticket_type_id
            JOIN event e ON e.id = t.event_id
            """;

    /** A ticket as its holder's pages need it. */
    public record Holder(
            UUID ticketId,
            UUID eventId,
            String eventSlug,
            String eventTitle,
            String brandColour,
            boolean hasCover,
            String timeZone,
            int durationMinutes,
            String ticketCode,
            String holderName,
            String ticketTypeName,
            @Nullable UUID currentSession,
            TicketStatus ticketStatus,
            TicketAccess access,
            EventStatus eventStatus,
            Instant startsAt,
            @Nullable Instant endedAt,
            @Nullable Instant firstPlayedAt) {

        @Override
        public String toString() {
            return "Holder[ticket=" + ticketId + ", event=" + eventId + "]";
        }
    }

    /** A session just started: its token, and the playlist to play with it. */
    public record Started(UUID sessionId, String token, String playlist, AccessWindow window) {}

    /** Whether a session may play, and if not, why. */
    public enum SessionState {
        /** The ticket's current session, and the ticket may play now. */
        ACTIVE,
        /** Another device started a session on this ticket since. */
        REPLACED,
        /** The ticket may not play now: refunded, cancelled, outside its window. */
        CLOSED,
        /** There is no such session. */
        UNKNOWN
    }

    /** A session's state, with its ticket and the ticket's phase. */
    public record SessionCheck(
            SessionState state,
            @Nullable Phase phase,
            @Nullable UUID ticketId) {}

    private record Kept<T>(T value, long at) {}

    private final Jdbi jdbi;
    private final Clock clock;
    private final IngestService ingest;
    private final Map<UUID, Kept<SessionCheck>> checks = new ConcurrentHashMap<>();
    private final Map<UUID, Kept<Boolean>> recordings = new ConcurrentHashMap<>();
    private final Map<UUID, Kept<StreamState>> streamStates = new ConcurrentHashMap<>();

    public ViewingService(Jdbi jdbi, Clock clock, IngestService ingest) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.ingest = ingest;
    }

    // ---- holders

    /** The ticket behind a link's secret: the ticket's own link, or a link made for one device. */
    public Optional<Holder> holder(String secret) {
        if (!Tokens.looksLikeSecret(secret)) {
            return Optional.empty();
        }
        var hash = Tokens.hash(secret);
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT id FROM ticket WHERE token_hash = :hash
                        UNION ALL SELECT ticket_id FROM ticket_link WHERE token_hash = :hash
                        """)
                .bind("hash", hash)
                .mapTo(UUID.class)
                .findFirst()
                .flatMap(id -> holder(handle, id)));
    }

    /** The ticket again, as it is now. */
    public Optional<Holder> reload(Holder holder) {
        return jdbi.withHandle(handle -> holder(handle, holder.ticketId()));
    }

    private static Optional<Holder> holder(Handle handle, UUID ticketId) {
        return handle.createQuery(HOLDER_COLUMNS + " WHERE t.id = :id")
                .bind("id", ticketId)
                .map((rs, ctx) -> map(rs))
                .findOne();
    }

    private static Holder map(ResultSet rs) throws SQLException {
        return new Holder(
                Sql.uuid(rs, "ticket_id"),
                Sql.uuid(rs, "event_id"),
                rs.getString("slug"),
                rs.getString("title"),
                rs.getString("brand_colour"),
                rs.getInt("covers") > 0,
                rs.getString("time_zone"),
                rs.getInt("duration_minutes"),
                rs.getString("code"),
                rs.getString("holder_name"),
                rs.getString("type_name"),
                Sql.nullableUuid(rs, "current_session_id"),
                TicketStatus.valueOf(rs.getString("status")),
                new TicketAccess(
                        rs.getBoolean("grants_live"),
                        rs.getInt("replay_hours"),
                        rs.getBoolean("grants_on_demand"),
                        rs.getInt("rental_hours"),
                        rs.getInt("doors_open_minutes")),
                EventStatus.valueOf(rs.getString("event_status")),
                Sql.instant(rs, "starts_at"),
                Sql.nullableInstant(rs, "ended_at"),
                Sql.nullableInstant(rs, "first_played_at"));
    }

    /** Where the holder's ticket stands now. */
    public AccessWindow window(Holder holder) {
        return AccessWindow.at(facts(holder), clock.instant());
    }

    private Facts facts(Holder holder) {
        return new Facts(
                holder.ticketStatus(),
                holder.access(),
                holder.eventStatus(),
                holder.startsAt(),
                holder.durationMinutes(),
                holder.endedAt(),
                holder.firstPlayedAt(),
                holder.eventStatus() == EventStatus.ENDED && recordingExists(holder.eventId()));
    }

    /** Whether the live stream has something to play now (a publisher sent a first segment). */
    public boolean streamPlayable(UUID eventId) {
        return ingest.playable(eventId);
    }

    /** Whether a publisher is sending the event's stream now; asked at most once a second per event. */
    public StreamState streamState(UUID eventId) {
        return kept(streamStates, eventId, Duration.ofSeconds(1), () -> ingest.streamState(eventId));
    }

    private boolean recordingExists(UUID eventId) {
        return kept(recordings, eventId, Duration.ofSeconds(5), () -> ingest.recordingExists(eventId));
    }

    // ---- sessions

    /**
     * Starts playing on this device: the ticket's earlier session, on whatever device, stops.
     *
     * @param device what the device says it is (its browser), for the organiser's support
     * @throws ForbiddenException when the ticket may not play now, saying why
     */
    public Started start(Holder holder, String device) {
        var facts = facts(holder);
        var now = clock.instant();
        var window = AccessWindow.at(facts, now);
        if (!window.phase().mayPlay()) {
            throw new ForbiddenException(refusal(window.phase()));
        }
        boolean startsRental = AccessWindow.startsRental(facts, window);
        var sessionId = UUID.randomUUID();
        jdbi.useTransaction(handle -> {
            handle.createUpdate("""
                            INSERT INTO viewing_session (id, ticket_id, started_at, device)
                            VALUES (:id, :ticket, :now, :device)
                            """)
                    .bind("id", sessionId)
                    .bind("ticket", holder.ticketId())
                    .bind("now", Sql.time(now))
                    .bind("device", device.length() > 120 ? device.substring(0, 120) : device)
                    .execute();
            handle.createUpdate("""
                            UPDATE ticket SET current_session_id = :id,
                                first_played_at = CASE WHEN :rental THEN COALESCE(first_played_at, :now)
                                    ELSE first_played_at END
                            WHERE id = :ticket
                            """)
                    .bind("id", sessionId)
                    .bind("rental", startsRental)
                    .bind("now", Sql.time(now))
                    .bind("ticket", holder.ticketId())
                    .execute();
        });
        if (holder.currentSession() != null) {
            checks.remove(holder.currentSession());
        }
        if (startsRental) {
            window = AccessWindow.at(
                    new Facts(
                            facts.ticketStatus(),
                            facts.access(),
                            facts.eventStatus(),
                            facts.startsAt(),
                            facts.durationMinutes(),
                            facts.endedAt(),
                            now,
                            facts.recordingExists()),
                    now);
        }
        return new Started(
                sessionId,
                token(holder.eventId(), sessionId),
                window.phase() == Phase.LIVE ? "master.m3u8" : "replay.m3u8",
                window);
    }

    /** A fresh token for a session. */
    public String token(UUID eventId, UUID sessionId) {
        return ingest.playbackToken(eventId, "s-" + sessionId, TOKEN_VALIDITY);
    }

    /** Whether a session may play now, as known at most {@link #CHECK_FOR} ago. */
    public SessionCheck check(UUID sessionId) {
        return kept(checks, sessionId, CHECK_FOR, () -> checkNow(sessionId));
    }

    private SessionCheck checkNow(UUID sessionId) {
        var holder =
                jdbi.withHandle(handle -> handle.createQuery("SELECT ticket_id FROM viewing_session WHERE id = :id")
                        .bind("id", sessionId)
                        .mapTo(UUID.class)
                        .findOne()
                        .flatMap(ticketId -> holder(handle, ticketId)));
        if (holder.isEmpty()) {
            return new SessionCheck(SessionState.UNKNOWN, null, null);
        }
        var phase = window(holder.get()).phase();
        var ticketId = holder.get().ticketId();
        if (!sessionId.equals(holder.get().currentSession())) {
            return new SessionCheck(SessionState.REPLACED, phase, ticketId);
        }
        return new SessionCheck(phase.mayPlay() ? SessionState.ACTIVE : SessionState.CLOSED, phase, ticketId);
    }

    @Override
    public void admit(UUID eventId, String subject) {
        var m = SESSION_SUBJECT.matcher(subject);
        if (!m.matches()) {
            // Viewers' tokens are made for sessions only; the organiser's links have scopes of their own.
            throw new ForbiddenException("This stream address is not valid: open the stream again from your ticket.");
        }
        UUID sessionId;
        try {
            sessionId = UUID.fromString(m.group(1));
        } catch (IllegalArgumentException e) {
            throw new ForbiddenException("This stream address is not valid: open the stream again from your ticket.");
        }
        var check = check(sessionId);
        switch (check.state()) {
            case ACTIVE -> {}
            case REPLACED ->
                throw new ForbiddenException("This ticket is now playing on another device. To watch here, open your"
                        + " ticket's page and choose \"Watch here instead\".");
            case CLOSED -> throw new ForbiddenException(refusal(check.phase()));
            case UNKNOWN -> throw new ForbiddenException("This viewing session does not exist any more.");
        }
    }

    /** Why a ticket in this phase may not play. */
    static String refusal(@Nullable Phase phase) {
        if (phase == null) {
            return "This ticket cannot play now.";
        }
        return switch (phase) {
            case NOT_YET_OPEN -> "The doors are not open yet: come back shortly before the start.";
            case WAITING -> "The stream has not started yet: your ticket's page starts it by itself.";
            case ENDED -> "The event has ended, and this ticket does not include the replay.";
            case EXPIRED -> "The time this ticket allows for watching is over.";
            case REVOKED -> "This ticket is no longer valid: it was refunded, cancelled or revoked by the organiser.";
            case CANCELLED -> "The event was cancelled.";
            case LIVE, REPLAY -> "This ticket cannot play now.";
        };
    }

    // ---- device codes

    /** A short code that opens this ticket on another device (a TV), for {@link #DEVICE_CODE_VALIDITY}. */
    public String deviceCode(Holder holder) {
        var now = clock.instant();
        for (int attempt = 0; ; attempt++) {
            var code = new StringBuilder();
            for (int i = 0; i < CODE_LENGTH; i++) {
                code.append(CODE_ALPHABET.charAt(RANDOM.nextInt(CODE_ALPHABET.length())));
            }
            try {
                jdbi.useHandle(handle -> {
                    handle.createUpdate("DELETE FROM device_code WHERE expires_at < :now")
                            .bind("now", Sql.time(now))
                            .execute();
                    handle.createUpdate(
                                    "INSERT INTO device_code (code, ticket_id, expires_at) VALUES (:code, :ticket, :until)")
                            .bind("code", code.toString())
                            .bind("ticket", holder.ticketId())
                            .bind("until", Sql.time(now.plus(DEVICE_CODE_VALIDITY)))
                            .execute();
                });
                return code.toString();
            } catch (RuntimeException e) {
                if (!Sql.isUniqueViolation(e) || attempt >= 10) {
                    throw e;
                }
            }
        }
    }

    /** How people write a code: {@code abc-234} is {@code ABC234}. */
    public static String normalizeCode(String typed) {
        return typed.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
    }

    /** Redeems a device code, once: a new link to its ticket, for the device that typed it. */
    public Optional<String> redeem(String typed) {
        var code = normalizeCode(typed);
        if (code.length() != CODE_LENGTH) {
            return Optional.empty();
        }
        var now = clock.instant();
        return jdbi.inTransaction(handle -> {
            var ticket = handle.createQuery(
                            "SELECT ticket_id FROM device_code WHERE code = :code AND expires_at >= :now")
                    .bind("code", code)
                    .bind("now", Sql.time(now))
                    .mapTo(UUID.class)
                    .findOne();
            if (ticket.isEmpty()) {
                return Optional.<String>empty();
            }
            int taken = handle.createUpdate("DELETE FROM device_code WHERE code = :code")
                    .bind("code", code)
                    .execute();
            if (taken != 1) {
                return Optional.<String>empty(); // Redeemed at the same moment elsewhere.
            }
            var secret = Tokens.newSecret();
            handle.createUpdate(
                            "INSERT INTO ticket_link (token_hash, ticket_id, created_at) VALUES (:hash, :ticket, :now)")
                    .bind("hash", Tokens.hash(secret))
                    .bind("ticket", ticket.get())
                    .bind("now", Sql.time(now))
                    .execute();
            return Optional.of(secret);
        });
    }

    // ---- keeping answers a moment

    private static <K, T> T kept(Map<K, Kept<T>> map, K key, Duration forHowLong, Supplier<T> compute) {
        long now = System.nanoTime();
        var kept = map.get(key);
        if (kept != null && now - kept.at() < forHowLong.toNanos()) {
            return kept.value();
        }
        var value = compute.get();
        if (map.size() >= MAX_CACHED) {
            map.clear();
        }
        map.put(key, new Kept<>(value, now));
        return value;
    }
}
