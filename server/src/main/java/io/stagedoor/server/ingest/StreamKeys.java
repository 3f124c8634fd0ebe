package io.stagedoor.server.ingest;

import io.stagedoor.server.db.Sql;
import io.stagedoor.server.secrets.Tokens;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Each event's secret stream key: made on first use, looked up on every publish, replaced on request. */
final class StreamKeys {

    /** Stream keys carry this prefix, so that one pasted into the wrong field is recognisable. */
    static final String PREFIX = "live_";

    record Key(UUID eventId, String key, Instant createdAt) {}

    private final Jdbi jdbi;
    private final Clock clock;

    StreamKeys(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** The event's key, made now if it has none. The caller has checked that the event is the caller's. */
    Key forEvent(Handle handle, UUID eventId) {
        return find(handle, eventId).orElseGet(() -> {
            var key = new Key(eventId, newKey(), clock.instant());
            handle.createUpdate("INSERT INTO event_stream (event_id, stream_key, key_created_at)"
                            + " VALUES (:event, :key, :at)")
                    .bind("event", eventId)
                    .bind("key", key.key())
                    .bind("at", Sql.time(key.createdAt()))
                    .execute();
            return key;
        });
    }

    /** A new key for the event; the old one stops working when the transaction commits. */
    Key rotate(Handle handle, UUID eventId) {
        forEvent(handle, eventId);
        var key = new Key(eventId, newKey(), clock.instant());
        handle.createUpdate("UPDATE event_stream SET stream_key = :key, key_created_at = :at WHERE event_id = :event")
                .bind("event", eventId)
                .bind("key", key.key())
                .bind("at", Sql.time(key.createdAt()))
                .execute();
        return key;
    }

    /** The event a key belongs to, if it is a current key. */
    Optional<UUID> eventOf(String key) {
        if (!looksLikeKey(key)) {
            return Optional.empty();
        }
        return jdbi.withHandle(handle -> handle.createQuery("SELECT event_id FROM event_stream WHERE stream_key = :key")
                .bind("key", key)
                .map((rs, ctx) -> Sql.uuid(rs, "event_id"))
                .findOne());
    }

    private static Optional<Key> find(Handle handle, UUID eventId) {
        return handle.createQuery("SELECT stream_key, key_created_at FROM event_stream WHERE event_id = :event")
                .bind("event", eventId)
                .map((rs, ctx) -> new Key(eventId, rs.getString("stream_key"), Sql.instant(rs, "key_created_at")))
                .findOne();
    }

    /** 256 random bits. */
    private static String newKey() {
        return PREFIX + Tokens.newSecret();
    }

    static boolean looksLikeKey(String text) {
        return text.startsWith(PREFIX) && Tokens.looksLikeSecret(text.substring(PREFIX.length()));
    }
}
